using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StockVision.Engines.Security;

/// <summary>RFC 4648 §6 base32, the encoding authenticator apps expect for TOTP secrets (written without padding).</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return sb.ToString();
    }

    public static byte[] Decode(string text)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}

/// <summary>HOTP (RFC 4226) and TOTP (RFC 6238): HMAC-SHA-1 by default, 30-second steps from the Unix epoch, 6 digits.</summary>
public static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    public static string Hotp(byte[] key, long counter, int digits = Digits, HashAlgorithmName? algorithm = null)
    {
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var name = algorithm ?? HashAlgorithmName.SHA1;
        // RFC 6238 and every authenticator app use HMAC-SHA-1; HOTP's security rests on HMAC, where SHA-1's collisions do not matter.
#pragma warning disable CA5350
        var mac = name == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(key, message)
            : name == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(key, message)
            : name == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(key, message)
            : throw new ArgumentException($"TOTP does not use {name}.", nameof(algorithm));
#pragma warning restore CA5350
        // Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte picks four bytes; the top bit is dropped.
        var offset = mac[^1] & 0x0f;
        var binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    public static long Step(long unixSeconds, int stepSeconds = StepSeconds) => (long)Math.Floor(unixSeconds / (double)stepSeconds);

    public static string Compute(byte[] key, long unixSeconds, int digits = Digits, int stepSeconds = StepSeconds, HashAlgorithmName? algorithm = null) =>
        Hotp(key, Step(unixSeconds, stepSeconds), digits, algorithm);

    /// <summary>
    /// The time step the code matches, within ±<paramref name="window"/> steps of now (RFC 6238 §5.2 allows for clock drift
    /// and typing time), and only if that step is later than <paramref name="lastUsedStep"/>, so each code works once.
    /// </summary>
    public static long? Verify(byte[] key, string code, long unixSeconds, long lastUsedStep, int window = 1)
    {
        var digits = code.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != Digits || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        var now = Step(unixSeconds);
        long? matched = null;
        for (var step = now - window; step <= now + window; step++)
        {
            // Every candidate is compared, matched or not, so timing does not tell which step matched.
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hotp(key, step)), Encoding.ASCII.GetBytes(digits)) && step > lastUsedStep)
            {
                matched ??= step;
            }
        }
        return matched;
    }

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    /// <summary>The Key Uri Format authenticator apps read from a QR code (github.com/google/google-authenticator/wiki/Key-Uri-Format).</summary>
    public static string OtpAuthUri(string issuer, string account, byte[] secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}" +
        $"&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}
