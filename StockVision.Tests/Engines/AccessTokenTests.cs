using StockVision.Engines.Security;

namespace StockVision.Tests.Engines;

public class AccessTokenTests
{
    private static readonly byte[] Key = new byte[32];

    // RFC 7515 Appendix A.1: the HS256 example's signing input, key and signature.
    [Fact]
    public void Hs256_signature_matches_rfc_7515_appendix_a1()
    {
        const string signingInput = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" + "." +
            "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        var key = AccessToken.FromBase64Url("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")!;
        Assert.Equal("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", AccessToken.Base64Url(AccessToken.Sign(signingInput, key)));
    }

    [Fact]
    public void A_token_round_trips_until_it_expires()
    {
        var issued = new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
        var claims = new AccessClaims(42, Guid.NewGuid(), issued, issued.AddMinutes(15));
        var token = AccessToken.Create(claims, Key);
        Assert.Equal(claims, AccessToken.Validate(token, Key, issued.AddMinutes(14)));
        Assert.Null(AccessToken.Validate(token, Key, issued.AddMinutes(15)));
    }

    [Fact]
    public void A_token_signed_with_another_key_or_altered_is_refused()
    {
        var now = DateTimeOffset.UtcNow;
        var token = AccessToken.Create(new AccessClaims(7, Guid.NewGuid(), now, now.AddMinutes(15)), Key);
        var otherKey = new byte[32];
        otherKey[0] = 1;
        Assert.Null(AccessToken.Validate(token, otherKey, now));
        var parts = token.Split('.');
        var forged = AccessToken.Base64Url(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(AccessToken.FromBase64Url(parts[1])!).Replace("\"7\"", "\"8\"", StringComparison.Ordinal)));
        Assert.Null(AccessToken.Validate(parts[0] + "." + forged + "." + parts[2], Key, now));
        Assert.Null(AccessToken.Validate("eyJhbGciOiJub25lIn0." + parts[1] + ".", Key, now));
        Assert.Null(AccessToken.Validate("not a token", Key, now));
    }
}
