using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StockVision.Engines.Security;

public enum PasswordVerification { Failed, Success, SuccessRehashNeeded }

/// <summary>
/// PBKDF2-HMAC-SHA512 with a 128-bit random salt and a 512-bit output, stored as
/// <c>pbkdf2-sha512$v1$i=210000$salt$hash</c> (base64). 210,000 iterations is OWASP's 2023 figure for this PRF. The iteration
/// count travels with each hash, so raising <see cref="CurrentIterations"/> upgrades old hashes at their next sign-in.
/// </summary>
public static class PasswordHasher
{
    public const int CurrentIterations = 210_000;
    private const string Prefix = "pbkdf2-sha512";
    private const string Version = "v1";
    private const int SaltBytes = 16;
    private const int HashBytes = 64;

    /// <summary>A hash of a random password: checked against for unknown emails, so they take as long as known ones.</summary>
    public static readonly string DummyHash = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public static string Hash(string password, int? iterations = null)
    {
        var i = iterations ?? CurrentIterations;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, i, HashBytes);
        return string.Join('$', Prefix, Version, "i=" + i.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static PasswordVerification Verify(string storedHash, string password)
    {
        var parts = storedHash.Split('$');
        if (parts.Length != 5 || parts[0] != Prefix || parts[1] != Version || !parts[2].StartsWith("i=", StringComparison.Ordinal)
            || !int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return PasswordVerification.Failed;
        }
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[3]);
            expected = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            return PasswordVerification.Failed;
        }
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations, expected.Length), expected))
        {
            return PasswordVerification.Failed;
        }
        return iterations < CurrentIterations ? PasswordVerification.SuccessRehashNeeded : PasswordVerification.Success;
    }

    internal static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, length);
}
