using System.Globalization;
using StockVision.Engines.Market.Live;
using StockVision.Infrastructure;
using static StockVision.Tests.Engines.NseCalendarTests;

namespace StockVision.Tests.Engines;

/// <summary>The real daily bars the app bundles (Data/nifty50-ohlcv, copied beside the test binaries by the app project).</summary>
internal static class BundledDailyBars
{
    private static readonly Lazy<ILookup<string, ReplayDay>> Bars = new(Load);

    public static IReadOnlyList<ReplayDay> For(string symbol) => Bars.Value[symbol].OrderBy(b => b.Date).ToList();

    private static ILookup<string, ReplayDay> Load()
    {
        using var reader = new StreamReader(new BundledFiles(BundledDataLoader.DefaultDirectory).DailyBars);
        var rows = Csv.Read(reader).ToList();
        Assert.Equal(["symbol", "date", "open", "high", "low", "close", "volume"], rows[0]);
        static decimal D(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        return rows.Skip(1).ToLookup(r => r[0], r => new ReplayDay(
            DateOnly.ParseExact(r[1], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            D(r[2]), D(r[3]), D(r[4]), D(r[5]), long.Parse(r[6], CultureInfo.InvariantCulture)));
    }
}

public class SimulatedMarketTests(ITestOutputHelper output)
{
    private const ulong Seed = 20251006;
    private static readonly NseCalendar Calendar = new([new DateOnly(2025, 10, 2)]);

    // Closed on Friday 3 October 2025 at ₹1,000; 2 % daily volatility, no drift; a million shares a session.
    private static readonly SimulatedInstrument Test = new("TEST", 1000m, new DateOnly(2025, 10, 3), new GbmParameters(0, 0.02), 1_000_000);

    private static SimulatedMarket Market(ulong seed = Seed, IReadOnlyDictionary<string, Quote>? resumeFrom = null, DateTimeOffset? start = null) =>
        new([Test], Calendar, seed, start ?? Ist(2025, 10, 4, 12, 0), resumeFrom);

    /// <summary>Every <paramref name="minutes"/> minutes of one session, 09:15 excluded, 15:30 included.</summary>
    private static IEnumerable<DateTimeOffset> Session(DateOnly day, int minutes) =>
        Enumerable.Range(1, 375 / minutes).Select(i => Calendar.SessionOpen(day).AddMinutes(i * minutes));

    [Fact]
    public void Before_any_trading_the_quote_is_the_last_real_close()
    {
        var q = Assert.Single(Market().Advance(Ist(2025, 10, 5, 12, 0))); // a Sunday
        Assert.Equal((1000m, 1000m, 1000m, 1000m, 1000m, 0m), (q.Last, q.PreviousClose, q.Open, q.High, q.Low, q.Change));
        Assert.Equal(Ist(2025, 10, 3, 15, 30), q.SourceTime);
        Assert.Equal((QuoteSources.Simulated, "NSE", TimeSpan.Zero), (q.Source, q.Exchange, q.Delay));
        Assert.Null(q.ReplayOf);
    }

    [Fact]
    public void A_step_is_one_exact_GBM_step_over_the_session_time_it_covers()
    {
        var instrument = Test with { Parameters = new GbmParameters(0.001, 0.02) };
        var market = new SimulatedMarket([instrument], Calendar, Seed, Ist(2025, 10, 6, 9, 15));
        var q = Assert.Single(market.Advance(Ist(2025, 10, 6, 15, 30)));
        // f = 1 session, so ln S = ln 1000 + 0.001 + 0.02 × Z, Z the symbol stream's first Gaussian; shown to the tick.
        var z = new DeterministicRandom(DeterministicRandom.SeedFor(Seed, "TEST")).NextGaussian();
        var expected = Math.Round((decimal)Math.Exp(Math.Log(1000) + 0.001 + 0.02 * z) / 0.05m, MidpointRounding.ToEven) * 0.05m;
        Assert.Equal(expected, q.Last);
        Assert.Equal(Ist(2025, 10, 6, 15, 30), q.SourceTime);
    }

    [Fact]
    public void The_same_seed_and_instants_give_the_same_quotes_and_another_seed_does_not()
    {
        var instants = Session(new DateOnly(2025, 10, 6), 5).Concat(Session(new DateOnly(2025, 10, 7), 5)).ToList();
        List<Quote> Run(ulong seed)
        {
            var market = Market(seed);
            return instants.SelectMany(market.Advance).ToList();
        }
        Assert.Equal(Run(Seed), Run(Seed));
        Assert.NotEqual(Run(Seed).Select(q => q.Last), Run(Seed + 1).Select(q => q.Last));
    }

    [Fact]
    public void A_new_session_takes_the_prior_last_price_as_its_previous_close_and_resets_the_day()
    {
        var market = Market();
        Assert.Equal(1000m, Assert.Single(market.Advance(Ist(2025, 10, 6, 9, 15))).Last); // no session time yet

        var monday = Session(new DateOnly(2025, 10, 6), 5).Select(t => Assert.Single(market.Advance(t))).ToList();
        Assert.All(monday, q => Assert.Equal(1000m, q.PreviousClose));
        Assert.All(monday, q => Assert.Equal(monday[0].Last, q.Open));
        var close = monday[^1];
        Assert.Equal(Ist(2025, 10, 6, 15, 30), close.SourceTime);
        Assert.Equal(monday.Max(q => q.Last), close.High);
        Assert.Equal(monday.Min(q => q.Last), close.Low);
        // 75 steps of 1,000,000 × 5/375 shares, each scaled by a uniform 0.5–1.5 (mean 1, sd 0.29): the total is within
        // 20 % of a session's average volume by over six standard errors (0.29/√75 = 3.3 %).
        Assert.InRange(close.Volume, 800_000, 1_200_000);

        // Evening and the next morning before the bell: nothing moves and the stamp stays at the close.
        Assert.Equal(close, Assert.Single(market.Advance(Ist(2025, 10, 6, 20, 0))));
        Assert.Equal(close, Assert.Single(market.Advance(Ist(2025, 10, 7, 9, 15))));

        var first = Assert.Single(market.Advance(Ist(2025, 10, 7, 9, 20)));
        Assert.Equal(close.Last, first.PreviousClose);
        Assert.Equal((first.Last, first.Last, first.Last), (first.Open, first.High, first.Low));
        Assert.InRange(first.Volume, 1, 20_000); // 1,000,000 × 5/375 × at most 1.5

        var tuesday = Session(new DateOnly(2025, 10, 7), 5).Skip(1).Select(t => Assert.Single(market.Advance(t))).Prepend(first).ToList();
        foreach (var q in monday.Concat(tuesday))
        {
            Assert.True(q.High >= q.Last && q.Last >= q.Low, $"{q.Low} ≤ {q.Last} ≤ {q.High}");
            Assert.Equal(0m, q.Last % 0.05m);
            Assert.Equal<(decimal?, decimal?)>((q.Last - 0.05m, q.Last + 0.05m), (q.Bid, q.Ask));
        }
        Assert.True(tuesday.Zip(tuesday.Skip(1)).All(p => p.Second.Volume >= p.First.Volume));
    }

    [Fact]
    public void A_step_that_ends_after_the_close_is_stamped_at_the_close()
    {
        var market = Market();
        market.Advance(Ist(2025, 10, 6, 15, 0));
        var q = Assert.Single(market.Advance(Ist(2025, 10, 6, 18, 0)));
        Assert.Equal(Ist(2025, 10, 6, 15, 30), q.SourceTime);
        Assert.Equal(q, Assert.Single(market.Advance(Ist(2025, 10, 6, 12, 0)))); // an earlier instant changes nothing
        // Saturday to Monday 09:20 crosses the weekend; the move lands in Monday's session.
        var weekend = Market();
        var monday = Assert.Single(weekend.Advance(Ist(2025, 10, 6, 9, 20)));
        Assert.Equal(Ist(2025, 10, 6, 9, 20), monday.SourceTime);
        Assert.Equal(1000m, monday.PreviousClose);
    }

    [Fact]
    public void Resuming_from_persisted_quotes_continues_the_session_instead_of_restarting_from_the_close()
    {
        var before = Market();
        foreach (var t in Session(new DateOnly(2025, 10, 6), 5).Where(t => t <= Ist(2025, 10, 6, 11, 0)))
        {
            before.Advance(t);
        }
        var persisted = before.Current.ToDictionary(q => q.Symbol);
        var saved = persisted["TEST"];

        var after = Market(resumeFrom: persisted, start: Ist(2025, 10, 6, 11, 0, 30));
        Assert.Equal(saved, Assert.Single(after.Current));
        var next = Assert.Single(after.Advance(Ist(2025, 10, 6, 11, 5)));
        Assert.Equal((saved.PreviousClose, saved.Open), (next.PreviousClose, next.Open));
        Assert.True(next.Volume >= saved.Volume);
        Assert.True(next.High >= saved.High && next.Low <= saved.Low);
        // 4.5 minutes at 2 % a session is a standard deviation of 0.02 × √(270/22,500) = 0.22 %; 2 % is nine of them.
        Assert.InRange(next.Last, saved.Last * 0.98m, saved.Last * 1.02m);
    }

    [Fact]
    public void Always_open_trades_on_a_Sunday_night()
    {
        var market = new SimulatedMarket([Test], new NseCalendar([], alwaysOpen: true), Seed, Ist(2025, 10, 5, 2, 0));
        var q = Assert.Single(market.Advance(Ist(2025, 10, 5, 3, 0)));
        Assert.Equal(Ist(2025, 10, 5, 3, 0), q.SourceTime);
        Assert.NotEqual(1000m, q.Last);
        Assert.Equal(1000m, q.PreviousClose);
    }

    [Theory]
    [InlineData("RELIANCE")]
    [InlineData("TCS")]
    [InlineData("HDFCBANK")]
    public void Simulated_daily_volatility_matches_the_real_history(string symbol)
    {
        var bars = BundledDailyBars.For(symbol);
        var real = GbmParameters.Estimate(bars.Select(b => b.Close).ToList());
        var last = bars[^1];
        var instrument = new SimulatedInstrument(symbol, last.Close, last.Date, real, (long)bars.Average(b => b.Volume));

        // 500 consecutive weekdays from Monday 6 October 2025, stepped every 15 minutes of market time.
        const int Sessions = 500;
        var calendar = new NseCalendar([]);
        var day = new DateOnly(2025, 10, 6);
        var market = new SimulatedMarket([instrument], calendar, Seed, calendar.SessionOpen(day));
        var closes = new List<decimal> { last.Close };
        while (closes.Count <= Sessions)
        {
            if (calendar.IsTradingDay(day))
            {
                for (var t = calendar.SessionOpen(day).AddMinutes(15); t <= calendar.SessionClose(day); t = t.AddMinutes(15))
                {
                    market.Advance(t);
                }
                closes.Add(market.Current[0].Last);
            }
            day = day.AddDays(1);
        }
        var simulated = GbmParameters.Estimate(closes);
        output.WriteLine($"{symbol}: real sd {real.DailyVolatility:F5}, simulated {simulated.DailyVolatility:F5}; " +
            $"real mean {real.DailyDrift:F5}, simulated {simulated.DailyDrift:F5}");

        // The sample standard deviation of n normal returns has a standard error of about σ/√(2n): 3.2 % of σ for
        // n = 500, so ±10 % is over three standard errors. Rounding to ₹0.05 adds ~0.002 % of price: negligible.
        Assert.InRange(simulated.DailyVolatility, real.DailyVolatility * 0.9, real.DailyVolatility * 1.1);
        // The mean's standard error is σ/√n (about 0.07 % a session here), far larger than the drift itself, so only a
        // four-standard-error band is checked: it catches a drift applied in the wrong units, not a slightly off one.
        var band = 4 * real.DailyVolatility / Math.Sqrt(Sessions);
        Assert.InRange(simulated.DailyDrift, real.DailyDrift - band, real.DailyDrift + band);
    }
}
