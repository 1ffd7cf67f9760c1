using StockVision.Engines.Market.Live;
using static StockVision.Tests.Engines.NseCalendarTests;

namespace StockVision.Tests.Engines;

public class MinuteBarAggregatorTests
{
    private static Quote Tick(DateTimeOffset at, decimal last, long volume, string symbol = "TCS") => new()
    {
        Symbol = symbol,
        Source = QuoteSources.Simulated,
        Last = last,
        PreviousClose = 100m,
        Open = 100m,
        High = 200m,
        Low = 50m,
        Volume = volume,
        SourceTime = at,
    };

    private static MinuteBar Bar(int hour, int minute, decimal o, decimal h, decimal l, decimal c, long v, int day = 6) =>
        new("TCS", Ist(2025, 10, day, hour, minute), o, h, l, c, v);

    /// <summary>Three minutes of hand-made ticks; the comments give each bar's arithmetic.</summary>
    private static MinuteBarAggregator ThreeMinutes()
    {
        var bars = new MinuteBarAggregator();
        bars.Add(Tick(Ist(2025, 10, 6, 9, 15, 10), 100m, 1_000));   // first sight: baseline only
        bars.Add(Tick(Ist(2025, 10, 6, 9, 15, 40), 101m, 1_500));   // +500
        bars.Add(Tick(Ist(2025, 10, 6, 9, 16, 5), 99.5m, 2_100));   // +600, opens 09:16
        bars.Add(Tick(Ist(2025, 10, 6, 9, 16, 30), 100.5m, 2_600)); // +500
        bars.Add(Tick(Ist(2025, 10, 6, 9, 16, 20), 150m, 9_999));   // older than the last tick: ignored
        bars.Add(Tick(Ist(2025, 10, 6, 9, 16, 30), 150m, 9_999));   // not newer either: ignored
        bars.Add(Tick(Ist(2025, 10, 6, 9, 17, 0), 100m, 3_000));    // +400, opens 09:17
        return bars;
    }

    [Fact]
    public void Ticks_fold_into_minute_bars_with_volume_from_cumulative_growth()
    {
        Assert.Equal(
            [
                Bar(9, 15, 100m, 101m, 100m, 101m, 500),      // 1,500 − 1,000
                Bar(9, 16, 99.5m, 100.5m, 99.5m, 100.5m, 1_100), // (2,100 − 1,500) + (2,600 − 2,100)
                Bar(9, 17, 100m, 100m, 100m, 100m, 400),       // 3,000 − 2,600
            ],
            ThreeMinutes().Bars("TCS"));
    }

    [Fact]
    public void A_bar_minute_keeps_the_quote_offset()
    {
        var bars = new MinuteBarAggregator();
        bars.Add(Tick(new DateTimeOffset(2025, 10, 6, 3, 47, 59, 999, TimeSpan.Zero), 100m, 10));
        Assert.Equal(new DateTimeOffset(2025, 10, 6, 3, 47, 0, TimeSpan.Zero), Assert.Single(bars.Bars("TCS")).Minute);
        Assert.Equal(TimeSpan.Zero, bars.Bars("TCS")[0].Minute.Offset);
        Assert.Empty(bars.Bars("INFY"));
    }

    [Fact]
    public void Take_changed_returns_each_touched_bar_once_in_its_latest_state()
    {
        var bars = ThreeMinutes();
        Assert.Equal(bars.Bars("TCS"), bars.TakeChanged());
        Assert.Empty(bars.TakeChanged());

        bars.Add(Tick(Ist(2025, 10, 6, 9, 17, 30), 102m, 3_250));
        bars.Add(Tick(Ist(2025, 10, 6, 9, 17, 45), 101m, 3_300));
        bars.Add(Tick(Ist(2025, 10, 6, 9, 17, 10), 101m, 3_300, symbol: "INFY"));
        Assert.Equal(
            [new MinuteBar("INFY", Ist(2025, 10, 6, 9, 17), 101m, 101m, 101m, 101m, 0), Bar(9, 17, 100m, 102m, 100m, 101m, 700)],
            bars.TakeChanged()); // by symbol, then minute
    }

    [Fact]
    public void Drop_before_forgets_old_bars_but_not_unsaved_changes()
    {
        var bars = ThreeMinutes();
        bars.DropBefore(Ist(2025, 10, 6, 9, 16));
        Assert.Equal([Ist(2025, 10, 6, 9, 16), Ist(2025, 10, 6, 9, 17)], bars.Bars("TCS").Select(b => b.Minute));
        Assert.Equal(3, bars.TakeChanged().Count); // the 09:15 bar was never taken, so it is still handed over

        // The volume baseline survives: the next tick counts from 3,000.
        bars.Add(Tick(Ist(2025, 10, 6, 9, 18, 0), 100m, 3_100));
        Assert.Equal(100, bars.Bars("TCS")[^1].Volume);
    }

    [Fact]
    public void A_falling_cumulative_volume_or_a_new_day_starts_a_new_session()
    {
        var bars = ThreeMinutes();
        bars.Add(Tick(Ist(2025, 10, 7, 9, 15, 5), 100m, 50));        // Tuesday: volume fell, counted from zero
        bars.Add(Tick(Ist(2025, 10, 7, 9, 15, 30), 100m, 80));       // +30
        bars.Add(Tick(Ist(2025, 10, 8, 9, 15, 5), 100m, 5_000));     // Wednesday: higher than Tuesday's, still a new day
        Assert.Equal(80, bars.Bars("TCS").Single(b => b.Minute == Ist(2025, 10, 7, 9, 15)).Volume);
        Assert.Equal(5_000, bars.Bars("TCS").Single(b => b.Minute == Ist(2025, 10, 8, 9, 15)).Volume);
    }
}
