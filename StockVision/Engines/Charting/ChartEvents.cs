namespace StockVision.Engines.Charting;

public sealed record ChartEvent(DateOnly Date, string Text);

/// <summary>Notable moments in indicator series, in words: crossovers and threshold crossings, oldest first.</summary>
public static class ChartEvents
{
    /// <summary>Each session on which <paramref name="a"/> moved from at or below <paramref name="b"/> to above it, or the reverse.</summary>
    public static IEnumerable<ChartEvent> Crossings(IReadOnlyList<DateOnly> dates, double[] a, double[] b, string aName, string bName)
    {
        for (var i = 1; i < dates.Count; i++)
        {
            if (double.IsNaN(a[i - 1]) || double.IsNaN(b[i - 1]) || double.IsNaN(a[i]) || double.IsNaN(b[i]))
            {
                continue;
            }
            if (a[i - 1] <= b[i - 1] && a[i] > b[i])
            {
                yield return new ChartEvent(dates[i], $"{aName} crossed above {bName}");
            }
            else if (a[i - 1] >= b[i - 1] && a[i] < b[i])
            {
                yield return new ChartEvent(dates[i], $"{aName} crossed below {bName}");
            }
        }
    }

    /// <summary>Each session on which <paramref name="series"/> rose above or fell below <paramref name="level"/>.</summary>
    public static IEnumerable<ChartEvent> Levels(IReadOnlyList<DateOnly> dates, double[] series, string name, double level, string levelName)
    {
        for (var i = 1; i < dates.Count; i++)
        {
            if (double.IsNaN(series[i - 1]) || double.IsNaN(series[i]))
            {
                continue;
            }
            if (series[i - 1] <= level && series[i] > level)
            {
                yield return new ChartEvent(dates[i], $"{name} rose above {levelName}");
            }
            else if (series[i - 1] >= level && series[i] < level)
            {
                yield return new ChartEvent(dates[i], $"{name} fell below {levelName}");
            }
        }
    }
}
