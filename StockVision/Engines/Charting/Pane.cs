using System.Globalization;
using System.Text;

namespace StockVision.Engines.Charting;

/// <summary>One chart pane laid out: a path per series (broken where a value is missing), bars if any, and the axes.</summary>
public sealed record PaneLayout(double Width, double Height, double PlotLeft, double PlotTop, double PlotRight, double PlotBottom,
    IReadOnlyList<string> Paths, IReadOnlyList<PaneBar> Bars, IReadOnlyList<YTick> YTicks, IReadOnlyList<XTick> XTicks, IReadOnlyList<double> Guides);

/// <summary>A vertical bar from the zero line (or the bottom) to a value: volume, a MACD histogram step.</summary>
public sealed record PaneBar(double X, double Y, double Width, double Height, bool Negative);

/// <summary>
/// Lays out a pane of an indicator chart over evenly spaced sessions, like <see cref="LineChart"/>, for several series
/// at once: a price with its moving averages, RSI with its 30/70 guides, MACD with its histogram. NaN (an indicator
/// warming up) leaves a gap in its line.
/// </summary>
public static class Pane
{
    public static PaneLayout Layout(IReadOnlyList<DateOnly> dates, IReadOnlyList<double[]> lines, ChartSize size, double[]? bars = null,
        (double Min, double Max)? range = null, IReadOnlyList<double>? guides = null, int yTickCount = 4, int xTickCount = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dates.Count, 1);
        var left = size.Left;
        var right = size.Width - size.Right;
        var top = size.Top;
        var bottom = size.Height - size.Bottom;

        var values = lines.SelectMany(l => l).Concat(bars ?? []).Concat(guides ?? []).Where(v => !double.IsNaN(v)).ToList();
        if (bars is not null)
        {
            values.Add(0);
        }
        var (min, max) = range ?? (values.Count == 0 ? (0, 1) : (values.Min(), values.Max()));
        var ticks = LineChart.NiceTicks((decimal)min, (decimal)max, yTickCount);
        double lo = range?.Min ?? (double)ticks[0], hi = range?.Max ?? (double)ticks[^1];
        if (range is not null)
        {
            ticks = ticks.Where(t => (double)t >= lo && (double)t <= hi).ToList();
        }

        var step = dates.Count == 1 ? 0 : (right - left) / (dates.Count - 1);
        double X(int i) => dates.Count == 1 ? (left + right) / 2 : left + step * i;
        double Y(double v) => hi == lo ? (top + bottom) / 2 : bottom - (bottom - top) * ((v - lo) / (hi - lo));

        var paths = lines.Select(line =>
        {
            var path = new StringBuilder(line.Length * 14);
            var pen = false;
            for (var i = 0; i < line.Length && i < dates.Count; i++)
            {
                if (double.IsNaN(line[i]))
                {
                    pen = false;
                    continue;
                }
                path.Append(pen ? 'L' : 'M').Append(F(X(i))).Append(' ').Append(F(Y(line[i])));
                pen = true;
            }
            return path.ToString();
        }).ToList();

        var barList = new List<PaneBar>();
        if (bars is not null)
        {
            var zero = Y(Math.Clamp(0, lo, hi));
            var width = Math.Max(0.5, step * 0.7);
            for (var i = 0; i < bars.Length && i < dates.Count; i++)
            {
                if (double.IsNaN(bars[i]))
                {
                    continue;
                }
                var y = Y(bars[i]);
                barList.Add(new PaneBar(X(i) - width / 2, Math.Min(y, zero), width, Math.Abs(zero - y), bars[i] < 0));
            }
        }

        var xTicks = Enumerable.Range(0, Math.Min(xTickCount, dates.Count))
            .Select(k => xTickCount <= 1 || dates.Count == 1 ? 0 : (int)Math.Round((double)k * (dates.Count - 1) / (Math.Min(xTickCount, dates.Count) - 1)))
            .Distinct()
            .Select(i => new XTick(X(i), dates[i]))
            .ToList();
        return new PaneLayout(size.Width, size.Height, left, top, right, bottom, paths, barList,
            ticks.Select(t => new YTick(Y((double)t), t)).ToList(), xTicks, (guides ?? []).Select(Y).ToList());
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
