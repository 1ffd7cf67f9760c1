using StockVision.Engines.Charting;
using StockVision.Engines.Indicators;

namespace StockVision.Features.Charts;

public sealed record ChartLine(string Key, string Label, string CssClass, double[] Values);

/// <summary>A lower pane: its lines, optional bars, fixed range and guide lines, already cut to the chart's window.</summary>
public sealed record ChartPane(string Key, string Title, IReadOnlyList<ChartLine> Lines, double[]? Bars, (double Min, double Max)? Range, IReadOnlyList<double> Guides)
{
    public PaneLayout Layout(IReadOnlyList<DateOnly> dates) =>
        Pane.Layout(dates, Lines.Select(l => l.Values).ToList(), new ChartSize(Height: 140), Bars, Range, Guides);
}

/// <summary>
/// The indicator chart of one stock: closes with the chosen overlays, the chosen lower panes, the notable events in the
/// window, and the values behind them. Indicators are computed over the whole history and then cut to the window, so
/// a 200-day average has a value from the window's first session.
/// </summary>
public sealed class IndicatorChartModel
{
    public static readonly IReadOnlyList<(string Key, string Label)> Overlays =
        [("sma50", "50-day SMA"), ("sma200", "200-day SMA"), ("ema20", "20-day EMA"), ("bb", "Bollinger Bands (20, 2)")];

    public static readonly IReadOnlyList<(string Key, string Label)> Panes = [("rsi", "RSI 14"), ("macd", "MACD (12, 26, 9)"), ("volume", "Volume")];

    public const int MaxEvents = 8;

    public required string Symbol { get; init; }
    public required Timeframe Timeframe { get; init; }
    public required IReadOnlyList<string> SelectedOverlays { get; init; }
    public required IReadOnlyList<string> SelectedPanes { get; init; }
    public required IReadOnlyList<DateOnly> Dates { get; init; }
    public required double[] Closes { get; init; }
    public required IReadOnlyList<ChartLine> OverlayLines { get; init; }
    public required IReadOnlyList<ChartPane> LowerPanes { get; init; }
    public required IReadOnlyList<ChartEvent> Events { get; init; }

    public PaneLayout PriceLayout => Pane.Layout(Dates, OverlayLines.Select(l => l.Values).Prepend(Closes).ToList(), new ChartSize());

    public static IndicatorChartModel Create(string symbol, IReadOnlyList<Bar> bars, Timeframe timeframe, IReadOnlyList<string> overlays, IReadOnlyList<string> panes)
    {
        var all = bars.ToArray();
        var closes = Bar.Closes(all);
        var start = bars.Count == 0 ? 0 : timeframe.StartFrom(bars[^1].Date) is { } from ? Math.Max(0, bars.ToList().FindIndex(b => b.Date >= from)) : 0;
        double[] Cut(double[] values) => values[start..];
        var dates = bars.Skip(start).Select(b => b.Date).ToList();

        var sma50 = Indicator.Sma(closes, 50);
        var sma200 = Indicator.Sma(closes, 200);
        var lines = new List<ChartLine>();
        foreach (var key in overlays)
        {
            switch (key)
            {
                case "sma50": lines.Add(new("sma50", "50-day SMA", "ov-1", Cut(sma50))); break;
                case "sma200": lines.Add(new("sma200", "200-day SMA", "ov-2", Cut(sma200))); break;
                case "ema20": lines.Add(new("ema20", "20-day EMA", "ov-3", Cut(Indicator.Ema(closes, 20)))); break;
                case "bb":
                    var bb = Indicator.Bollinger(closes, 20, 2);
                    lines.Add(new("bb-upper", "Bollinger upper band", "ov-4", Cut(bb.Upper)));
                    lines.Add(new("bb-lower", "Bollinger lower band", "ov-4", Cut(bb.Lower)));
                    break;
            }
        }

        var events = new List<ChartEvent>();
        var windowDates = dates;
        events.AddRange(ChartEvents.Crossings(windowDates, Cut(sma50), Cut(sma200), "50-day SMA", "200-day SMA"));
        var lower = new List<ChartPane>();
        foreach (var key in panes)
        {
            switch (key)
            {
                case "rsi":
                    var rsi = Cut(Indicator.Rsi(closes, 14));
                    lower.Add(new ChartPane("rsi", "RSI 14", [new("rsi", "RSI 14", "ov-1", rsi)], null, (0, 100), [30, 70]));
                    events.AddRange(ChartEvents.Levels(windowDates, rsi, "RSI 14", 70, "70 (often read as overbought)"));
                    events.AddRange(ChartEvents.Levels(windowDates, rsi, "RSI 14", 30, "30 (often read as oversold)"));
                    break;
                case "macd":
                    var macd = Indicator.Macd(closes);
                    lower.Add(new ChartPane("macd", "MACD (12, 26, 9)",
                        [new("macd", "MACD", "ov-1", Cut(macd.Macd)), new("signal", "Signal", "ov-2", Cut(macd.Signal))], Cut(macd.Histogram), null, [0]));
                    events.AddRange(ChartEvents.Crossings(windowDates, Cut(macd.Macd), Cut(macd.Signal), "MACD", "its signal line"));
                    break;
                case "volume":
                    lower.Add(new ChartPane("volume", "Volume (shares)", [], bars.Skip(start).Select(b => b.Volume).ToArray(), null, []));
                    break;
            }
        }
        if (overlays.Contains("bb"))
        {
            var bb = Indicator.Bollinger(closes, 20, 2);
            events.AddRange(ChartEvents.Crossings(windowDates, Cut(closes), Cut(bb.Upper), "The close", "the upper Bollinger band"));
            events.AddRange(ChartEvents.Crossings(windowDates, Cut(closes), Cut(bb.Lower), "The close", "the lower Bollinger band")
                .Where(e => e.Text.Contains("below", StringComparison.Ordinal)));
        }

        return new IndicatorChartModel
        {
            Symbol = symbol,
            Timeframe = timeframe,
            SelectedOverlays = overlays,
            SelectedPanes = panes,
            Dates = dates,
            Closes = Cut(closes),
            OverlayLines = lines,
            LowerPanes = lower,
            Events = events.OrderByDescending(e => e.Date).Take(MaxEvents).ToList(),
        };
    }

    /// <summary>The rows of the data table: every session for short windows, the week's last session for long ones.</summary>
    public IReadOnlyList<int> TableRows()
    {
        var period = Series.TablePeriod(Dates.Count);
        var rows = new List<int>();
        for (var i = 0; i < Dates.Count; i++)
        {
            var last = i == Dates.Count - 1;
            var keep = period switch
            {
                SamplePeriod.Daily => true,
                SamplePeriod.Weekly => last || System.Globalization.ISOWeek.GetWeekOfYear(Dates[i].ToDateTime(TimeOnly.MinValue)) != System.Globalization.ISOWeek.GetWeekOfYear(Dates[i + 1].ToDateTime(TimeOnly.MinValue)),
                _ => last || Dates[i].Month != Dates[i + 1].Month,
            };
            if (keep)
            {
                rows.Add(i);
            }
        }
        rows.Reverse();
        return rows;
    }
}
