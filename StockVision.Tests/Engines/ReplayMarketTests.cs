using StockVision.Engines.Market.Live;
using static StockVision.Tests.Engines.NseCalendarTests;

namespace StockVision.Tests.Engines;

public class ReplayMarketTests
{
    private const long SessionSeconds = 22_500;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    // RELIANCE in Data/nifty50-ohlcv/nifty50_constituents_daily_2020-10_2025-09.csv (bonus-adjusted):
    //   2024-01-01  O 1290.30  H 1303.40  L 1286.60  C 1295.10  V 4,030,540  (up day)
    //   2024-01-02  O 1292.50  H 1307.50  L 1286.50  C 1305.85  V 7,448,800  (up day)
    //   2024-01-03  O 1305.00  H 1317.00  L 1288.60  C 1291.65  V 9,037,536  (down day)
    private static readonly List<ReplayDay> Reliance = BundledDailyBars.For("RELIANCE")
        .Where(b => b.Date >= new DateOnly(2024, 1, 1) && b.Date <= new DateOnly(2024, 1, 3))
        .ToList();

    private static ReplayMarket Market(double speed = 1.0, ulong seed = 1) =>
        new(new Dictionary<string, IReadOnlyList<ReplayDay>> { ["RELIANCE"] = Reliance }, Start, speed, seed);

    private static Quote At(ReplayMarket market, long sessionSeconds) =>
        Assert.Single(market.QuotesAt(Start.AddSeconds(sessionSeconds)));

    [Fact]
    public void The_bars_are_the_real_ones_cited()
    {
        Assert.Equal(
            [
                new ReplayDay(new(2024, 1, 1), 1290.3m, 1303.4m, 1286.6m, 1295.1m, 4_030_540),
                new ReplayDay(new(2024, 1, 2), 1292.5m, 1307.5m, 1286.5m, 1305.85m, 7_448_800),
                new ReplayDay(new(2024, 1, 3), 1305.0m, 1317.0m, 1288.6m, 1291.65m, 9_037_536),
            ],
            Reliance);
    }

    [Fact]
    public void A_session_opens_at_the_open_and_the_first_day_uses_its_open_as_previous_close()
    {
        var q = At(Market(), 0);
        Assert.Equal((1290.3m, 1290.3m, 1290.3m, 0L), (q.Last, q.Open, q.PreviousClose, q.Volume));
        Assert.Equal(new DateOnly(2024, 1, 1), q.ReplayOf);
        Assert.Equal(Ist(2024, 1, 1, 9, 15), q.SourceTime);
        Assert.Equal(QuoteSources.Replay, q.Source);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_session_stays_in_the_bar_touches_both_extremes_in_order_and_closes_at_the_close(int dayIndex)
    {
        var bar = Reliance[dayIndex];
        var market = Market();
        var offset = dayIndex * SessionSeconds;
        // Every 15 s (the path's waypoints fall on whole minutes, so the extremes are sampled exactly).
        var quotes = Enumerable.Range(0, (int)(SessionSeconds / 15)).Select(i => At(market, offset + i * 15L)).ToList();
        var closing = At(market, offset + SessionSeconds - 1);

        Assert.Equal(bar.Open, quotes[0].Last);
        Assert.All(quotes, q => Assert.InRange(q.Last, bar.Low, bar.High));
        Assert.All(quotes, q => Assert.Equal(bar.Date, q.ReplayOf));
        Assert.All(quotes, q => Assert.Equal(0m, q.Last % 0.05m));
        Assert.All(quotes, q => Assert.True(q.High >= q.Last && q.Last >= q.Low));
        Assert.All(quotes, q => Assert.Equal(dayIndex == 0 ? bar.Open : Reliance[dayIndex - 1].Close, q.PreviousClose));
        var firstLow = quotes.FindIndex(q => q.Last == bar.Low);
        var firstHigh = quotes.FindIndex(q => q.Last == bar.High);
        Assert.True(firstLow >= 0 && firstHigh >= 0, "both extremes are printed");
        Assert.Equal(bar.Close >= bar.Open, firstLow < firstHigh);
        // Running high and low never retreat, and volume only grows.
        Assert.True(quotes.Zip(quotes.Skip(1)).All(p =>
            p.Second.High >= p.First.High && p.Second.Low <= p.First.Low && p.Second.Volume >= p.First.Volume));

        Assert.Equal(bar.Close, closing.Last);
        Assert.Equal((bar.High, bar.Low, bar.Volume), (closing.High, closing.Low, closing.Volume));
        Assert.Equal(new DateTimeOffset(bar.Date.ToDateTime(new TimeOnly(15, 30)), NseCalendar.Ist), closing.SourceTime);
        // Halfway through the session half the day's volume has traded.
        Assert.Equal(bar.Volume / 2, At(market, offset + SessionSeconds / 2).Volume);
    }

    [Fact]
    public void The_next_session_follows_and_the_replay_loops_after_the_last_day()
    {
        var market = Market();
        var second = At(market, SessionSeconds);
        Assert.Equal((new DateOnly(2024, 1, 2), 1292.5m, 1295.1m), (second.ReplayOf, second.Last, second.PreviousClose));
        Assert.Equal(new DateOnly(2024, 1, 3), market.CurrentDay(Start.AddSeconds(2 * SessionSeconds + 100)));

        var looped = At(market, 3 * SessionSeconds);
        Assert.Equal((new DateOnly(2024, 1, 1), 1290.3m, 1290.3m), (looped.ReplayOf, looped.Last, looped.PreviousClose));
        Assert.Equal(At(market, 1234), At(market, 3 * SessionSeconds + 1234));
    }

    [Fact]
    public void Speed_compresses_a_session_into_less_real_time()
    {
        // At 60× a 22,500-second session lasts 375 real seconds.
        var market = Market(speed: 60);
        Assert.Equal(new DateOnly(2024, 1, 1), market.CurrentDay(Start.AddSeconds(374)));
        Assert.Equal(new DateOnly(2024, 1, 2), market.CurrentDay(Start.AddSeconds(375)));
        Assert.Equal(Ist(2024, 1, 1, 12, 22, 30), Assert.Single(market.QuotesAt(Start.AddSeconds(187.5))).SourceTime);
    }

    [Fact]
    public void Before_the_start_the_replay_shows_the_first_open() =>
        Assert.Equal(1290.3m, Assert.Single(Market().QuotesAt(Start.AddHours(-1))).Last);

    [Fact]
    public void The_path_is_fixed_by_the_seed()
    {
        var times = Enumerable.Range(0, 200).Select(i => i * 97L).ToList();
        var a = times.Select(t => At(Market(seed: 5), t)).ToList();
        Assert.Equal(a, times.Select(t => At(Market(seed: 5), t)));
        Assert.NotEqual(a.Select(q => q.Last), times.Select(t => At(Market(seed: 6), t).Last));
    }

    [Fact]
    public void A_symbol_without_a_bar_that_day_is_left_out()
    {
        var tcsFirstDayOnly = BundledDailyBars.For("TCS").Where(b => b.Date == new DateOnly(2024, 1, 1)).ToList();
        var market = new ReplayMarket(new Dictionary<string, IReadOnlyList<ReplayDay>>
        {
            ["RELIANCE"] = Reliance,
            ["TCS"] = tcsFirstDayOnly,
        }, Start);
        Assert.Equal(["RELIANCE", "TCS"], market.QuotesAt(Start).Select(q => q.Symbol));
        Assert.Equal(["RELIANCE"], market.QuotesAt(Start.AddSeconds(SessionSeconds)).Select(q => q.Symbol));
    }
}
