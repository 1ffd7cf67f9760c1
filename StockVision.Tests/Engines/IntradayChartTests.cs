using StockVision.Engines.Charting;

namespace StockVision.Tests.Engines;

/// <summary>The 1D chart's layout, summary and table rows (StockVision/Engines/Charting/IntradayChart.cs), on hand-worked sessions.</summary>
public class IntradayChartTests
{
    private static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);
    private static readonly DateTimeOffset Open = new(2026, 11, 27, 9, 15, 0, Ist);
    private static readonly DateTimeOffset Close = new(2026, 11, 27, 15, 30, 0, Ist);

    [Fact]
    public void X_is_clock_time_across_the_whole_session_and_hours_are_labelled()
    {
        // Default size: plot from x = 64 to 708 (644 units) over 6 h 15 min = 22,500 s.
        var points = new[] { new IntradayPoint(Open, 100m), new IntradayPoint(Open.AddMinutes(45), 102m) };
        var layout = IntradayChart.Layout(points, Open, Close, previousClose: 101m, new ChartSize());

        // 10:00 is 2,700 s in: 64 + 644 × 2,700 / 22,500 = 141.28.
        Assert.StartsWith("M64 ", layout.LinePath, StringComparison.Ordinal);
        Assert.Contains("L141.3 ", layout.LinePath, StringComparison.Ordinal);
        Assert.Equal(["09:15", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "15:30"],
            layout.XTicks.Select(t => t.Time.ToOffset(Ist).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotNull(layout.PreviousCloseY);
    }

    [Fact]
    public void An_hour_label_crowding_the_close_gives_way_to_it()
    {
        // An always-open demo session widened to 23:13: the 23:00 label would sit 10 units from "23:13".
        var close = new DateTimeOffset(2026, 11, 27, 23, 13, 0, Ist);
        var layout = IntradayChart.Layout([new IntradayPoint(Open, 100m)], Open, close, null, new ChartSize());
        var labels = layout.XTicks.Select(t => t.Time.ToOffset(Ist).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal("23:13", labels[^1]);
        Assert.Equal("22:00", labels[^2]);
        Assert.Null(layout.PreviousCloseY);
    }

    [Fact]
    public void The_summary_reads_the_open_high_and_low_from_the_bars_and_the_change_from_the_previous_close()
    {
        IntradayBarPoint[] bars =
        [
            new(Open, 300.00m, 302.50m, 299.10m, 302.50m),
            new(Open.AddMinutes(1), 302.40m, 303.00m, 298.80m, 301.00m),
        ];
        var s = IntradayChart.Summarise(bars, previousClose: 298m);
        Assert.Equal((Open, 300.00m), (s.First.Minute, s.First.Value));
        Assert.Equal((Open.AddMinutes(1), 303.00m), (s.High.Minute, s.High.Value));
        Assert.Equal((Open.AddMinutes(1), 298.80m), (s.Low.Minute, s.Low.Value));
        // 301.00 − 298.00 = 3.00; 3 / 298 = 1.0067 %.
        Assert.Equal(3.00m, s.Change);
        Assert.Equal(1.0067, s.ChangePercent!.Value, 4);
        Assert.Null(IntradayChart.Summarise(bars, previousClose: null).Change);
    }

    [Fact]
    public void The_table_keeps_the_last_close_of_each_15_minute_block()
    {
        int[] minutes = [0, 1, 14, 15, 29, 31];
        var points = minutes.Select(m => new IntradayPoint(Open.AddMinutes(m), 100m + m)).ToList();
        var rows = IntradayChart.Sample(points, Open);
        // Blocks 09:15–09:29 (last 09:29), 09:30–09:44 (last 09:44), 09:45–09:59 (last 09:46).
        Assert.Equal([114m, 129m, 131m], rows.Select(r => r.Value));
    }
}
