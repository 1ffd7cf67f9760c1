using System.Globalization;

namespace StockVision.Infrastructure;

/// <summary>
/// Numbers the way Indian investors read them: lakh/crore digit grouping (1,23,45,678.50), ₹ in front,
/// crore/lakh words where they are natural, and dates as "30 Sep 2025". Culture-independent on purpose:
/// the server's ICU data must not change what a user sees.
/// </summary>
public static class IndianFormat
{
    private const decimal Lakh = 100_000m;
    private const decimal Crore = 10_000_000m;

    /// <summary>1234567.891 → "12,34,567.89".</summary>
    public static string Number(decimal value, int decimals = 2)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integer = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[dot..];
        return (rounded < 0 ? "-" : "") + GroupIndian(integer) + fraction;
    }

    public static string Number(long value) => Number(value, 0);

    /// <summary>"₹1,23,456.70"; negative amounts as "-₹1,234.50".</summary>
    public static string Rupees(decimal value, int decimals = 2) =>
        (value < 0 ? "-" : "") + "₹" + Number(Math.Abs(value), decimals);

    /// <summary>Large counts in words: 2,34,56,789 → "2.35 crore"; 4,56,789 → "4.57 lakh"; smaller numbers grouped in full.</summary>
    public static string Compact(decimal value) => Math.Abs(value) switch
    {
        >= Crore => Number(value / Crore, 2) + " crore",
        >= Lakh => Number(value / Lakh, 2) + " lakh",
        _ => Number(value, 0),
    };

    /// <summary>"+1.23%" / "-0.40%" / "0.00%": the sign is always shown, because the colour alone must not carry it.</summary>
    public static string Percent(double value, int decimals = 2)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var body = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return (rounded > 0 ? "+" : rounded < 0 ? "-" : "") + body + "%";
    }

    /// <summary>"+12.30" / "-4.05": a signed change in price or points.</summary>
    public static string Change(decimal value, int decimals = 2) =>
        (value > 0 ? "+" : "") + Number(value, decimals);

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"22 Nov 2026, 15:29:58 IST".</summary>
    public static string IstDateTime(DateTimeOffset instant) =>
        Ist.ToIst(instant).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture) + " IST";

    // Indian grouping: the last three digits, then groups of two (12,34,56,789).
    private static string GroupIndian(string digits)
    {
        if (digits.Length <= 3)
        {
            return digits;
        }
        var head = digits[..^3];
        var groups = new List<string>();
        for (var end = head.Length; end > 0; end -= 2)
        {
            groups.Insert(0, head[Math.Max(0, end - 2)..end]);
        }
        return string.Join(",", groups) + "," + digits[^3..];
    }
}
