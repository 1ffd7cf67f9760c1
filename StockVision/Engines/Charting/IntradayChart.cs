using System.Globalization;
using System.Text;

namespace StockVision.Engines.Charting;

/// <summary>One one-minute bar's close: <see cref="Minute"/> is the start of the minute.</summary>
public sealed record IntradayPoint(DateTimeOffset Minute, decimal Value);

/// <summary>One one-minute bar: the chart draws its close; the summary reads the session's open, high and low from the bars.</summary>
public sealed record IntradayBarPoint(DateTimeOffset Minute, decimal Open, decimal High, decimal Low, decimal Close);

public sealed record TimeTick(double X, DateTimeOffset Time);

public sealed record IntradayLayout(
    double Width,
    double Height,
    double PlotLeft,
    double PlotTop,
    double PlotRight,
    double PlotBottom,
    string LinePath,
    IReadOnlyList<YTick> YTicks,
    IReadOnlyList<TimeTick> XTicks,
    double? PreviousCloseY);

public sealed record IntradaySummary(IntradayPoint First, IntradayPoint Last, IntradayPoint High, IntradayPoint Low, decimal? Change, double? ChangePercent);

/// <summary>
/// A 1-day chart: x is clock time across the whole session (09:15–15:30 IST), so a chart drawn at 11:00 ends a
/// quarter of the way across and shows how much of the day is left; y encloses the prices and the previous close,
/// drawn as a dashed reference line, as exchange and broker 1D charts do.
/// </summary>
public static class IntradayChart
{
    /// <summary>Closest two time labels ("09:15") may sit, in viewBox units, before they overlap.</summary>
    private const double MinimumLabelGap = 40;

    public static IntradayLayout Layout(IReadOnlyList<IntradayPoint> points, DateTimeOffset sessionOpen, DateTimeOffset sessionClose, decimal? previousClose, ChartSize size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points.Count, 1);
        if (sessionClose <= sessionOpen)
        {
            throw new ArgumentException("The session must close after it opens.", nameof(sessionClose));
        }
        var left = size.Left;
        var right = size.Width - size.Right;
        var top = size.Top;
        var bottom = size.Height - size.Bottom;

        var min = points.Min(p => p.Value);
        var max = points.Max(p => p.Value);
        if (previousClose is { } pc)
        {
            (min, max) = (Math.Min(min, pc), Math.Max(max, pc));
        }
        var ticks = LineChart.NiceTicks(min, max, 5);
        double lo = (double)ticks[0], hi = (double)ticks[^1];
        var span = (sessionClose - sessionOpen).TotalSeconds;

        double X(DateTimeOffset t) => left + (right - left) * Math.Clamp((t - sessionOpen).TotalSeconds / span, 0, 1);
        double Y(decimal v) => hi == lo ? (top + bottom) / 2 : bottom - (bottom - top) * (((double)v - lo) / (hi - lo));

        var line = new StringBuilder(points.Count * 14);
        for (var i = 0; i < points.Count; i++)
        {
            line.Append(i == 0 ? 'M' : 'L').Append(F(X(points[i].Minute))).Append(' ').Append(F(Y(points[i].Value)));
        }
        if (points.Count == 1)
        {
            // A single minute still draws: a short flat stroke instead of an invisible point.
            line.Append('h').Append(F(2));
        }

        var xTicks = new List<TimeTick> { new(X(sessionOpen), sessionOpen) };
        var firstHour = new DateTimeOffset(sessionOpen.Year, sessionOpen.Month, sessionOpen.Day, sessionOpen.Hour, 0, 0, sessionOpen.Offset).AddHours(1);
        for (var t = firstHour; t < sessionClose; t = t.AddHours(1))
        {
            xTicks.Add(new TimeTick(X(t), t));
        }
        // The close is always labelled; an hour label too close to it (an axis widened to 23:13) would print on top of it.
        if (xTicks.Count > 1 && X(sessionClose) - xTicks[^1].X < MinimumLabelGap)
        {
            xTicks.RemoveAt(xTicks.Count - 1);
        }
        xTicks.Add(new TimeTick(X(sessionClose), sessionClose));

        return new IntradayLayout(size.Width, size.Height, left, top, right, bottom, line.ToString(),
            ticks.Select(t => new YTick(Y(t), t)).ToList(), xTicks, previousClose is { } p ? Y(p) : null);
    }

    /// <summary>The session in words: the first bar's open, the last close, and the extremes of the bars' highs and lows.</summary>
    public static IntradaySummary Summarise(IReadOnlyList<IntradayBarPoint> bars, decimal? previousClose)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bars.Count, 1);
        // Ties go to the earliest minute: "first reached its high at".
        var high = bars.Aggregate((a, b) => b.High > a.High ? b : a);
        var low = bars.Aggregate((a, b) => b.Low < a.Low ? b : a);
        var last = bars[^1];
        decimal? change = previousClose is { } pc ? last.Close - pc : null;
        double? percent = previousClose is { } p && p != 0 ? (double)((last.Close - p) / p) * 100 : null;
        return new IntradaySummary(
            new IntradayPoint(bars[0].Minute, bars[0].Open),
            new IntradayPoint(last.Minute, last.Close),
            new IntradayPoint(high.Minute, high.High),
            new IntradayPoint(low.Minute, low.Low),
            change,
            percent);
    }

    /// <summary>Rows for the data table: the close of every <paramref name="everyMinutes"/>-minute block, and always the latest minute.</summary>
    public static IReadOnlyList<IntradayPoint> Sample(IReadOnlyList<IntradayPoint> points, DateTimeOffset sessionOpen, int everyMinutes = 15)
    {
        var rows = new List<IntradayPoint>();
        for (var i = 0; i < points.Count; i++)
        {
            var block = (int)Math.Floor((points[i].Minute - sessionOpen).TotalMinutes / everyMinutes);
            var nextBlock = i + 1 < points.Count ? (int)Math.Floor((points[i + 1].Minute - sessionOpen).TotalMinutes / everyMinutes) : int.MaxValue;
            if (block != nextBlock)
            {
                rows.Add(points[i]);
            }
        }
        return rows;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
