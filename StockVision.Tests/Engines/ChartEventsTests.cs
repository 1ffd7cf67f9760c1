using StockVision.Engines.Charting;

namespace StockVision.Tests.Engines;

public class ChartEventsTests
{
    private static readonly DateOnly[] Dates = Enumerable.Range(0, 6).Select(i => new DateOnly(2025, 3, 10).AddDays(i)).ToArray();

    [Fact]
    public void A_crossover_is_reported_on_the_session_the_order_changes_and_warm_up_gaps_are_skipped()
    {
        double[] fast = [double.NaN, 9, 10, 12, 11, 8];
        double[] slow = [10, 10, 10, 10, 11.5, 10];
        var events = ChartEvents.Crossings(Dates, fast, slow, "50-day SMA", "200-day SMA").ToList();

        // 9 → 10 touches (not above); 10 → 12 goes above on day 3; 12 → 11 against 10 → 11.5 goes below on day 4.
        Assert.Equal([new ChartEvent(Dates[3], "50-day SMA crossed above 200-day SMA"), new ChartEvent(Dates[4], "50-day SMA crossed below 200-day SMA")], events);
    }

    [Fact]
    public void A_level_is_crossed_when_the_series_passes_it()
    {
        double[] rsi = [65, 70, 72, 69, 29, double.NaN];
        var events = ChartEvents.Levels(Dates, rsi, "RSI 14", 70, "70").Concat(ChartEvents.Levels(Dates, rsi, "RSI 14", 30, "30")).OrderBy(e => e.Date).ToList();

        // 70 → 72 rises above 70 (70 itself is not above); 72 → 69 falls below; 69 → 29 falls below 30.
        Assert.Equal([new ChartEvent(Dates[2], "RSI 14 rose above 70"), new ChartEvent(Dates[3], "RSI 14 fell below 70"), new ChartEvent(Dates[4], "RSI 14 fell below 30")], events);
    }

    [Fact]
    public void A_pane_breaks_its_line_at_missing_values_and_scales_to_a_fixed_range_when_given()
    {
        var layout = Pane.Layout(Dates, [[double.NaN, 20, 40, double.NaN, 60, 80]], new ChartSize(Width: 112, Height: 112, Left: 6, Right: 6, Top: 6, Bottom: 6),
            range: (0, 100), guides: [30, 70]);

        // x = 6 + 20 i; y = 106 − 100 × v / 100.
        Assert.Equal("M26 86L46 66M86 46L106 26", layout.Paths[0]);
        Assert.Equal([76.0, 36.0], layout.Guides);
    }
}
