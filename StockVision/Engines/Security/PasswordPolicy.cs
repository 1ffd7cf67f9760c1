using System.Text;

namespace StockVision.Engines.Security;

/// <summary>The common-password list, matched case-insensitively.</summary>
public sealed class CommonPasswords(IEnumerable<string> passwords)
{
    private readonly HashSet<string> set = new(passwords.Where(p => p.Length > 0), StringComparer.OrdinalIgnoreCase);

    public int Count => set.Count;

    public bool Contains(string password) => set.Contains(password);

    public static CommonPasswords Load(string path) => new(File.ReadLines(path).Select(l => l.TrimEnd('\r')));
}

public sealed record PasswordCheck(IReadOnlyList<string> Errors, int Strength, string StrengthLabel);

/// <summary>
/// NIST SP 800-63B §5.1.1.2: a minimum length, a generous maximum, no composition rules, and a blocklist of known-bad
/// passwords. Length is counted in Unicode code points after NFKC normalisation (so "é" typed either way counts once).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int RecommendedLength = 15;
    public const int MaxLength = 128;

    private static readonly string[] Labels = ["Too short", "Weak", "Fair", "Good", "Strong"];

    public static PasswordCheck Check(string password, string? email, CommonPasswords common)
    {
        var normalized = password.Normalize(NormalizationForm.FormKC);
        var length = normalized.EnumerateRunes().Count();
        var errors = new List<string>();
        if (length < MinLength)
        {
            errors.Add($"Use at least {MinLength} characters (this has {length}).");
        }
        else if (length > MaxLength)
        {
            errors.Add($"Use at most {MaxLength} characters (this has {length}).");
        }
        var isCommon = common.Contains(password) || common.Contains(normalized);
        if (isCommon)
        {
            errors.Add("This is one of the 10,000 most common passwords; choose another.");
        }
        var local = email?.Trim() is { } e && e.IndexOf('@') is var at and > 0 ? e[..at] : null;
        if (local is { Length: >= 3 } && normalized.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("The password must not contain the first part of your email address.");
        }
        var strength = Strength(normalized, length, isCommon);
        return new PasswordCheck(errors, strength, Labels[strength]);
    }

    // Length does most of the work (SP 800-63B Appendix A); a long run of one or two characters is still weak.
    private static int Strength(string password, int length, bool isCommon)
    {
        if (length < MinLength || isCommon)
        {
            return 0;
        }
        var score = length switch
        {
            < RecommendedLength => 2,
            < 20 => 3,
            _ => 4,
        };
        var distinct = password.EnumerateRunes().Distinct().Count();
        return distinct < 5 ? Math.Max(1, score - 2) : score;
    }
}
