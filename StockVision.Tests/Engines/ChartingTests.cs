using StockVision.Engines.Charting;

namespace StockVision.Tests.Engines;

public class ChartingTests
{
    private static PricePoint P(int y, int m, int d, decimal v) => new(new DateOnly(y, m, d), v);

    [Fact]
    public void Nice_ticks_follow_Heckbert_for_a_100_to_180_range()
    {
        // Heckbert (Graphics Gems, 1990): range 80 → nice 100; step nice(100/4 = 25, rounded) = 20.
        Assert.Equal([100m, 120m, 140m, 160m, 180m], LineChart.NiceTicks(100, 180, 5));
    }

    [Fact]
    public void Nice_ticks_enclose_the_data()
    {
        var ticks = LineChart.NiceTicks(21238.80m, 26216.05m, 5);
        Assert.Equal([21000m, 22000m, 23000m, 24000m, 25000m, 26000m, 27000m], ticks);
    }

    [Fact]
    public void A_flat_series_still_gets_a_visible_range()
    {
        var ticks = LineChart.NiceTicks(100, 100, 5);
        Assert.True(ticks[0] < 100 && ticks[^1] > 100);
    }

    [Fact]
    public void Layout_spans_the_plot_from_first_to_last_session()
    {
        var points = new[] { P(2025, 9, 26, 100), P(2025, 9, 29, 150), P(2025, 9, 30, 120) };
        var size = new ChartSize(Width: 200, Height: 100, Left: 20, Right: 10, Top: 10, Bottom: 10);
        var layout = LineChart.Layout(points, size, yTickCount: 3, xTickCount: 3);

        Assert.StartsWith("M20 ", layout.LinePath, StringComparison.Ordinal);
        Assert.Contains("L190 ", layout.LinePath, StringComparison.Ordinal);
        Assert.EndsWith("Z", layout.AreaPath, StringComparison.Ordinal);
        Assert.Equal([20d, 105d, 190d], layout.XTicks.Select(t => t.X));
        Assert.Equal(new DateOnly(2025, 9, 29), layout.XTicks[1].Date);
        // Higher values sit higher (smaller y); the top tick is at the top of the plot.
        Assert.True(layout.YTicks[0].Y > layout.YTicks[^1].Y);
        Assert.Equal(10, layout.YTicks[^1].Y, precision: 6);
    }

    [Fact]
    public void Summary_names_first_last_high_and_low()
    {
        var s = Series.Summarise([P(2024, 1, 1, 200), P(2024, 1, 2, 250), P(2024, 1, 3, 180), P(2024, 1, 4, 220)]);
        Assert.Equal(20m, s.Change);
        Assert.Equal(10.0, s.ChangePercent, precision: 10);
        Assert.Equal(new DateOnly(2024, 1, 2), s.High.Date);
        Assert.Equal(new DateOnly(2024, 1, 3), s.Low.Date);
    }

    [Fact]
    public void Weekly_sampling_keeps_each_ISO_weeks_last_session()
    {
        // 2025-09-26 is a Friday; 29 and 30 September are Monday and Tuesday of the next ISO week.
        var points = new[] { P(2025, 9, 25, 1), P(2025, 9, 26, 2), P(2025, 9, 29, 3), P(2025, 9, 30, 4) };
        Assert.Equal([new DateOnly(2025, 9, 26), new DateOnly(2025, 9, 30)], Series.Sample(points, SamplePeriod.Weekly).Select(p => p.Date));
        Assert.Equal([new DateOnly(2025, 9, 30)], Series.Sample(points, SamplePeriod.Monthly).Select(p => p.Date));
    }

    [Theory]
    [InlineData("1m", Timeframe.OneMonth)]
    [InlineData("MAX", Timeframe.Max)]
    [InlineData("5Y", Timeframe.FiveYears)]
    [InlineData("bogus", Timeframe.OneYear)]
    [InlineData(null, Timeframe.OneYear)]
    public void Timeframe_codes_parse_case_insensitively_with_a_default(string? code, Timeframe expected) =>
        Assert.Equal(expected, Timeframes.Parse(code, Timeframe.OneYear));

    [Fact]
    public void Timeframes_count_back_from_the_latest_session()
    {
        var latest = new DateOnly(2024, 3, 31);
        Assert.Equal(new DateOnly(2024, 2, 29), Timeframe.OneMonth.StartFrom(latest));
        Assert.Equal(new DateOnly(2019, 3, 31), Timeframe.FiveYears.StartFrom(latest));
        Assert.Null(Timeframe.Max.StartFrom(latest));
    }
}
