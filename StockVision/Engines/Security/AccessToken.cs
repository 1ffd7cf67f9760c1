using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockVision.Engines.Security;

/// <summary>What a signed-in request carries: who, which session, and until when (UTC).</summary>
public sealed record AccessClaims(long UserId, Guid SessionId, DateTimeOffset IssuedAt, DateTimeOffset Expires);

/// <summary>
/// The short-lived access token: a compact JWS (RFC 7515) with HS256. The session id in it is checked against the
/// database on every request, so revocation does not wait for expiry; the token only spares a second lookup of the
/// refresh family. Written here because a JWT package is one dependency too many for three claims.
/// </summary>
public static class AccessToken
{
    private static readonly string Header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));

    public static string Create(AccessClaims claims, byte[] key)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(
            claims.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            claims.SessionId.ToString("N"),
            claims.IssuedAt.ToUnixTimeSeconds(),
            claims.Expires.ToUnixTimeSeconds()));
        var signingInput = Header + "." + Base64Url(payload);
        return signingInput + "." + Base64Url(Sign(signingInput, key));
    }

    /// <summary>The claims of a well-formed, correctly signed, unexpired token; null for anything else.</summary>
    public static AccessClaims? Validate(string token, byte[] key, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
        {
            return null;
        }
        var signature = FromBase64Url(parts[2]);
        if (signature is null || !CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1], key)))
        {
            return null;
        }
        try
        {
            var p = JsonSerializer.Deserialize<Payload>(FromBase64Url(parts[1]) ?? []);
            if (p is null || !long.TryParse(p.Sub, out var user) || !Guid.TryParseExact(p.Sid, "N", out var session))
            {
                return null;
            }
            var expires = DateTimeOffset.FromUnixTimeSeconds(p.Exp);
            return expires <= now ? null : new AccessClaims(user, session, DateTimeOffset.FromUnixTimeSeconds(p.Iat), expires);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>HMAC-SHA256 over the JWS signing input (RFC 7515 §5.1).</summary>
    public static byte[] Sign(string signingInput, byte[] key) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record Payload(
        [property: JsonPropertyName("sub")] string Sub,
        [property: JsonPropertyName("sid")] string Sid,
        [property: JsonPropertyName("iat")] long Iat,
        [property: JsonPropertyName("exp")] long Exp);
}
