using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StockVision.Engines.Security;

namespace StockVision.Tests.Engines;

// Vectors: RFC 6238 Appendix B (TOTP) and RFC 4226 Appendix D (HOTP), in Oracles/totp_hotp_rfc.json.
public class TotpTests
{
    private static readonly JsonElement Oracle =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Oracles", "totp_hotp_rfc.json"))).RootElement;

    public static TheoryData<long, string, string, int, string> TotpVectors()
    {
        var data = new TheoryData<long, string, string, int, string>();
        foreach (var v in Oracle.GetProperty("totp").EnumerateArray())
        {
            data.Add(v.GetProperty("unix_time").GetInt64(), v.GetProperty("algorithm").GetString()!, v.GetProperty("secret_ascii").GetString()!,
                v.GetProperty("digits").GetInt32(), v.GetProperty("expected").GetString()!);
        }
        return data;
    }

    public static TheoryData<long, string, int, string> HotpVectors()
    {
        var data = new TheoryData<long, string, int, string>();
        foreach (var v in Oracle.GetProperty("hotp").EnumerateArray())
        {
            data.Add(v.GetProperty("counter").GetInt64(), v.GetProperty("secret_ascii").GetString()!, v.GetProperty("digits").GetInt32(),
                v.GetProperty("expected").GetString()!);
        }
        return data;
    }

    [Fact]
    public void The_oracle_holds_every_rfc_vector()
    {
        Assert.Equal(12, TotpVectors().Count);
        Assert.Equal(7, HotpVectors().Count);
    }

    [Theory]
    [MemberData(nameof(TotpVectors))]
    public void Totp_matches_rfc_6238_appendix_b(long unixTime, string algorithm, string secret, int digits, string expected)
    {
        var code = Totp.Compute(Encoding.ASCII.GetBytes(secret), unixTime, digits, 30, new HashAlgorithmName(algorithm));
        Assert.Equal(expected, code);
    }

    [Theory]
    [MemberData(nameof(HotpVectors))]
    public void Hotp_matches_rfc_4226_appendix_d(long counter, string secret, int digits, string expected)
    {
        Assert.Equal(expected, Totp.Hotp(Encoding.ASCII.GetBytes(secret), counter, digits));
    }

    [Fact]
    public void Base32_encodes_the_rfc_secret_as_the_oracle_states_and_round_trips()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(secret));
        Assert.Equal(secret, Base32.Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        // RFC 4648 §10 test vectors, without padding.
        Assert.Equal("MZXW6YTBOI", Base32.Encode("foobar"u8));
        Assert.Equal("MZXW6YQ", Base32.Encode("foob"u8));
        Assert.Equal("foob"u8.ToArray(), Base32.Decode("MZXW6YQ="));
        Assert.Throws<FormatException>(() => Base32.Decode("MZXW1"));
    }

    [Fact]
    public void Verify_accepts_one_step_of_drift_either_way_and_no_more()
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");
        const long now = 1_111_111_111;
        var step = Totp.Step(now);
        Assert.Equal(step, Totp.Verify(key, Totp.Hotp(key, step), now, -1));
        Assert.Equal(step - 1, Totp.Verify(key, Totp.Hotp(key, step - 1), now, -1));
        Assert.Equal(step + 1, Totp.Verify(key, Totp.Hotp(key, step + 1), now, -1));
        Assert.Null(Totp.Verify(key, Totp.Hotp(key, step - 2), now, -1));
        Assert.Null(Totp.Verify(key, Totp.Hotp(key, step + 2), now, -1));
    }

    [Fact]
    public void Verify_accepts_a_code_only_once()
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");
        const long now = 1_234_567_890;
        var code = Totp.Compute(key, now);
        var used = Totp.Verify(key, code, now, -1);
        Assert.NotNull(used);
        Assert.Null(Totp.Verify(key, code, now, used.Value));
        Assert.Null(Totp.Verify(key, code, now + 10, used.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Verify_rejects_anything_but_six_digits(string code)
    {
        Assert.Null(Totp.Verify(Encoding.ASCII.GetBytes("12345678901234567890"), code, 59, -1));
    }

    [Fact]
    public void Otpauth_uri_follows_the_key_uri_format()
    {
        var uri = Totp.OtpAuthUri("StockVision", "asha@example.com", Encoding.ASCII.GetBytes("12345678901234567890"));
        Assert.Equal("otpauth://totp/StockVision:asha%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=StockVision&algorithm=SHA1&digits=6&period=30", uri);
        Assert.Equal(20, Totp.NewSecret().Length);
    }
}
