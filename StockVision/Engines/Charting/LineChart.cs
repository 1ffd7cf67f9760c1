using System.Globalization;
using System.Text;

namespace StockVision.Engines.Charting;

public sealed record PricePoint(DateOnly Date, decimal Value);

public sealed record YTick(double Y, decimal Value);

public sealed record XTick(double X, DateOnly Date);

/// <summary>Everything an SVG line chart needs, in the viewBox's coordinates.</summary>
public sealed record LineChartLayout(
    double Width,
    double Height,
    double PlotLeft,
    double PlotTop,
    double PlotRight,
    double PlotBottom,
    string LinePath,
    string AreaPath,
    IReadOnlyList<YTick> YTicks,
    IReadOnlyList<XTick> XTicks,
    string? BenchmarkPath = null);

public sealed record ChartSize(double Width = 720, double Height = 280, double Left = 64, double Right = 12, double Top = 12, double Bottom = 28);

/// <summary>
/// Lays out a price line: trading sessions are spaced evenly along x (weekends and holidays leave no gaps, as on
/// every exchange chart), y is linear between "nice" bounds that enclose the data.
/// </summary>
public static class LineChart
{
    /// <param name="benchmark">
    /// Optional values of a second line on the same sessions (one per point, as a strategy's equity beside an index
    /// scaled to the same start); the y axis then encloses both.
    /// </param>
    public static LineChartLayout Layout(IReadOnlyList<PricePoint> points, ChartSize size, int yTickCount = 5, int xTickCount = 5,
        IReadOnlyList<decimal>? benchmark = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points.Count, 1);
        if (benchmark is not null && benchmark.Count != points.Count)
        {
            throw new ArgumentException("The benchmark needs one value per point.", nameof(benchmark));
        }
        var left = size.Left;
        var right = size.Width - size.Right;
        var top = size.Top;
        var bottom = size.Height - size.Bottom;

        var min = Math.Min(points.Min(p => p.Value), benchmark?.Min() ?? decimal.MaxValue);
        var max = Math.Max(points.Max(p => p.Value), benchmark?.Max() ?? decimal.MinValue);
        var ticks = NiceTicks(min, max, yTickCount);
        double lo = (double)ticks[0], hi = (double)ticks[^1];

        double X(int i) => points.Count == 1 ? (left + right) / 2 : left + (right - left) * i / (points.Count - 1);
        double Y(decimal v) => hi == lo ? (top + bottom) / 2 : bottom - (bottom - top) * (((double)v - lo) / (hi - lo));

        var line = new StringBuilder(points.Count * 14);
        for (var i = 0; i < points.Count; i++)
        {
            line.Append(i == 0 ? 'M' : 'L').Append(F(X(i))).Append(' ').Append(F(Y(points[i].Value)));
        }
        var area = $"{line}L{F(X(points.Count - 1))} {F(bottom)}L{F(X(0))} {F(bottom)}Z";
        string? benchmarkPath = null;
        if (benchmark is not null)
        {
            var path = new StringBuilder(benchmark.Count * 14);
            for (var i = 0; i < benchmark.Count; i++)
            {
                path.Append(i == 0 ? 'M' : 'L').Append(F(X(i))).Append(' ').Append(F(Y(benchmark[i])));
            }
            benchmarkPath = path.ToString();
        }

        var xTicks = Enumerable.Range(0, Math.Min(xTickCount, points.Count))
            .Select(k => xTickCount <= 1 || points.Count == 1 ? 0 : (int)Math.Round((double)k * (points.Count - 1) / (Math.Min(xTickCount, points.Count) - 1)))
            .Distinct()
            .Select(i => new XTick(X(i), points[i].Date))
            .ToList();

        return new LineChartLayout(size.Width, size.Height, left, top, right, bottom, line.ToString(), area,
            ticks.Select(t => new YTick(Y(t), t)).ToList(), xTicks, benchmarkPath);
    }

    /// <summary>
    /// Axis labels at 1, 2 or 5 × 10^k that enclose [min, max] (Heckbert, "Nice Numbers for Graph Labels",
    /// Graphics Gems, 1990).
    /// </summary>
    public static IReadOnlyList<decimal> NiceTicks(decimal min, decimal max, int count)
    {
        if (min == max)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.05m;
            (min, max) = (min - pad, max + pad);
        }
        var range = NiceNumber((double)(max - min), round: false);
        var step = (decimal)NiceNumber(range / Math.Max(1, count - 1), round: true);
        var first = Math.Floor(min / step) * step;
        var last = Math.Ceiling(max / step) * step;
        var ticks = new List<decimal>();
        for (var t = first; t <= last + step / 2; t += step)
        {
            ticks.Add(t);
        }
        return ticks;
    }

    private static double NiceNumber(double x, bool round)
    {
        var exponent = Math.Floor(Math.Log10(x));
        var fraction = x / Math.Pow(10, exponent);
        var nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
