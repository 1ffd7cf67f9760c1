using System.Text;
using System.Text.RegularExpressions;

namespace StockVision.Engines.Screener;

public enum RatioUnit
{
    /// <summary>An amount in ₹ crore (1 crore = 10,000,000).</summary>
    Crore,

    /// <summary>₹ per share: prices, EPS, book value per share.</summary>
    RupeesPerShare,

    /// <summary>Percent: 22 means 22 %.</summary>
    Percent,

    /// <summary>A multiple, written with ×: P/E, debt to equity.</summary>
    Times,

    /// <summary>A bounded index with no unit, such as RSI (0–100).</summary>
    Index,
}

/// <summary>
/// One ratio: its stable key (used in URLs, CSV headers and the snapshot table), the name a screen uses and its aliases,
/// unit, how it is computed and over which period. <see cref="IndustryMedianOf"/> marks a ratio computed across the
/// company's industry rather than from its own filings.
/// </summary>
public sealed record RatioDefinition(
    string Key,
    string Name,
    IReadOnlyList<string> Aliases,
    RatioUnit Unit,
    string Category,
    string Formula,
    string Period,
    Func<RatioContext, decimal?> Compute,
    string? IndustryMedianOf = null)
{
    public IEnumerable<string> AllNames => Aliases.Prepend(Name);

    public string UnitLabel => Unit.Label();
}

public static partial class RatioNames
{
    public static string Label(this RatioUnit unit) => unit switch
    {
        RatioUnit.Crore => "₹ crore",
        RatioUnit.RupeesPerShare => "₹ per share",
        RatioUnit.Percent => "%",
        RatioUnit.Times => "times (×)",
        RatioUnit.Index => "index (0–100)",
        _ => unit.ToString(),
    };

    /// <summary>
    /// The form names are matched in: lower case, single spaces, and periods spelled one way ("3 Years", "3yrs" and
    /// "3Years" are all "3years"; "1 month" is "1months").
    /// </summary>
    public static string Normalize(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        var spaced = Whitespace().Replace(lower, " ");
        var joined = DigitThenWord().Replace(spaced, "$1$2");
        var years = Years().Replace(joined, "$1years");
        return Months().Replace(years, "$1months");
    }

    public static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in Normalize(name))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }
        return sb.ToString().Trim('_');
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(\d) ([a-z])")]
    private static partial Regex DigitThenWord();

    [GeneratedRegex(@"\b(\d+)(?:years?|yrs?|y)\b")]
    private static partial Regex Years();

    [GeneratedRegex(@"\b(\d+)(?:months?|mths?|m)\b")]
    private static partial Regex Months();
}
