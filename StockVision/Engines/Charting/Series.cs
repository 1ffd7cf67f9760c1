using System.Globalization;

namespace StockVision.Engines.Charting;

public enum SamplePeriod
{
    Daily,
    Weekly,
    Monthly,
}

/// <summary>What a chart shows, in words: the basis of its one-sentence summary.</summary>
public sealed record SeriesSummary(PricePoint First, PricePoint Last, decimal Change, double ChangePercent, PricePoint High, PricePoint Low);

public static class Series
{
    public static SeriesSummary Summarise(IReadOnlyList<PricePoint> points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points.Count, 1);
        var first = points[0];
        var last = points[^1];
        // Ties go to the earliest session, so the sentence names the first time the extreme was reached.
        var high = points.Aggregate((a, b) => b.Value > a.Value ? b : a);
        var low = points.Aggregate((a, b) => b.Value < a.Value ? b : a);
        var change = last.Value - first.Value;
        var percent = first.Value == 0 ? 0 : (double)(change / first.Value) * 100;
        return new SeriesSummary(first, last, change, percent, high, low);
    }

    /// <summary>Keeps the last session of each ISO week or calendar month (a week's or month's close).</summary>
    public static IReadOnlyList<PricePoint> Sample(IReadOnlyList<PricePoint> points, SamplePeriod period) => period switch
    {
        SamplePeriod.Daily => points,
        SamplePeriod.Weekly => LastOfEach(points, p => (ISOWeek.GetYear(p.Date.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(p.Date.ToDateTime(TimeOnly.MinValue)))),
        _ => LastOfEach(points, p => (p.Date.Year, p.Date.Month)),
    };

    /// <summary>A table a person can read: about 20–70 rows whatever the timeframe.</summary>
    public static SamplePeriod TablePeriod(int sessions) => sessions switch
    {
        <= 31 => SamplePeriod.Daily,
        <= 300 => SamplePeriod.Weekly,
        _ => SamplePeriod.Monthly,
    };

    /// <summary>An SVG path stays light enough for a slow phone up to about 1,300 points.</summary>
    public static SamplePeriod ChartPeriod(int sessions) => sessions <= 1300 ? SamplePeriod.Daily : SamplePeriod.Weekly;

    private static List<PricePoint> LastOfEach<TKey>(IReadOnlyList<PricePoint> points, Func<PricePoint, TKey> bucket)
        where TKey : IEquatable<TKey>
    {
        var result = new List<PricePoint>();
        for (var i = 0; i < points.Count; i++)
        {
            if (i == points.Count - 1 || !bucket(points[i]).Equals(bucket(points[i + 1])))
            {
                result.Add(points[i]);
            }
        }
        return result;
    }
}
