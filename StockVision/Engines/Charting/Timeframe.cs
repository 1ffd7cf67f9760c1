namespace StockVision.Engines.Charting;

public enum Timeframe
{
    OneMonth,
    SixMonths,
    OneYear,
    FiveYears,
    Max,
}

public static class Timeframes
{
    public static readonly IReadOnlyList<Timeframe> All = [Timeframe.OneMonth, Timeframe.SixMonths, Timeframe.OneYear, Timeframe.FiveYears, Timeframe.Max];

    /// <summary>The short code used in URLs and on the buttons ("1M", "6M", "1Y", "5Y", "Max").</summary>
    public static string Code(this Timeframe tf) => tf switch
    {
        Timeframe.OneMonth => "1M",
        Timeframe.SixMonths => "6M",
        Timeframe.OneYear => "1Y",
        Timeframe.FiveYears => "5Y",
        _ => "Max",
    };

    public static string Description(this Timeframe tf) => tf switch
    {
        Timeframe.OneMonth => "1 month",
        Timeframe.SixMonths => "6 months",
        Timeframe.OneYear => "1 year",
        Timeframe.FiveYears => "5 years",
        _ => "all available history",
    };

    /// <summary>Parses a URL code case-insensitively; anything unknown falls back to the given default.</summary>
    public static Timeframe Parse(string? code, Timeframe fallback)
    {
        foreach (var tf in All)
        {
            if (string.Equals(tf.Code(), code, StringComparison.OrdinalIgnoreCase))
            {
                return tf;
            }
        }
        return fallback;
    }

    /// <summary>The first calendar day the timeframe covers, counted back from the latest session in the data.</summary>
    public static DateOnly? StartFrom(this Timeframe tf, DateOnly latest) => tf switch
    {
        Timeframe.OneMonth => latest.AddMonths(-1),
        Timeframe.SixMonths => latest.AddMonths(-6),
        Timeframe.OneYear => latest.AddYears(-1),
        Timeframe.FiveYears => latest.AddYears(-5),
        _ => null,
    };
}
