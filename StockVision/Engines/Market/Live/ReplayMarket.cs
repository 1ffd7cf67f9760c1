namespace StockVision.Engines.Market.Live;

/// <summary>One real session's daily bar: prices in ₹ per share, volume in shares.</summary>
public sealed record ReplayDay(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

/// <summary>
/// Plays real daily bars back as intraday ticks, for demonstrations and load tests with prices that really happened.
/// The replay clock runs from <c>replayStart</c> at <c>speed</c> session seconds per real second, through the
/// historical sessions in date order (09:15–15:30 IST, 22,500 session seconds each), looping after the last. Within a
/// session the path is invented but honest about the bar: it opens at Open, touches both extremes (Low first on an up
/// day, High first on a down day), stays inside [Low, High] and closes at Close. A symbol with no bar on the session
/// being replayed is left out of that session's quotes.
/// </summary>
public sealed class ReplayMarket
{
    private static readonly long SessionTicks = TimeSpan.FromSeconds(22_500).Ticks;
    private static readonly TimeOnly SessionOpen = new(9, 15);

    private readonly DateTimeOffset replayStart;
    private readonly double speed;
    private readonly DateOnly[] days;
    private readonly List<Series> series = [];

    // The paths of the session being replayed, built once per session. A reference, so swapping it is atomic.
    private DayPaths? cache;

    public ReplayMarket(
        IReadOnlyDictionary<string, IReadOnlyList<ReplayDay>> barsBySymbol,
        DateTimeOffset replayStart,
        double speed = 1.0,
        ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(barsBySymbol);
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Replay speed must be a positive number.");
        }
        this.replayStart = replayStart;
        this.speed = speed;
        foreach (var (symbol, bars) in barsBySymbol.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            for (var i = 1; i < bars.Count; i++)
            {
                if (bars[i].Date <= bars[i - 1].Date)
                {
                    throw new ArgumentException($"{symbol}'s bars must be in date order, one per date.", nameof(barsBySymbol));
                }
            }
            if (bars.Count > 0)
            {
                series.Add(new Series(symbol, bars, DeterministicRandom.SeedFor(seed, symbol)));
            }
        }
        days = series.SelectMany(s => s.Bars.Select(b => b.Date)).Distinct().Order().ToArray();
        if (days.Length == 0)
        {
            throw new ArgumentException("Nothing to replay: no bars.", nameof(barsBySymbol));
        }
    }

    public DateOnly CurrentDay(DateTimeOffset now) => days[Position(now).Day];

    public IReadOnlyList<Quote> QuotesAt(DateTimeOffset now)
    {
        var (dayIndex, elapsed) = Position(now);
        var date = days[dayIndex];
        // The clock is half-open, so 15:30:00 itself is the next session's 09:15. The session's last second therefore
        // prints the close, so a ticker sees every close before the day rolls over.
        if (elapsed >= SessionTicks - TimeSpan.TicksPerSecond)
        {
            elapsed = SessionTicks;
        }
        var sourceTime = new DateTimeOffset(date.ToDateTime(SessionOpen), NseCalendar.Ist).AddTicks(elapsed);
        var paths = PathsFor(date);

        var quotes = new List<Quote>(series.Count);
        for (var n = 0; n < series.Count; n++)
        {
            if (paths[n] is not { } path)
            {
                continue;
            }
            var s = series[n];
            var i = s.IndexByDate[date];
            var bar = s.Bars[i];
            var (last, high, low) = path.At(elapsed);
            quotes.Add(new Quote
            {
                Symbol = s.Symbol,
                Source = QuoteSources.Replay,
                Exchange = "NSE",
                Last = last,
                PreviousClose = i > 0 ? s.Bars[i - 1].Close : bar.Open,
                Open = bar.Open,
                High = high,
                Low = low,
                Volume = (long)((Int128)bar.Volume * elapsed / SessionTicks),
                Bid = last > NseTick.Size ? last - NseTick.Size : null,
                Ask = last + NseTick.Size,
                SourceTime = sourceTime,
                ReplayOf = date,
            });
        }
        return quotes;
    }

    private (int Day, long Elapsed) Position(DateTimeOffset now)
    {
        var real = Math.Max(0, (now - replayStart).Ticks);
        var replayed = speed == 1 ? real : (long)Math.Floor(real * speed);
        var session = replayed / SessionTicks;
        return ((int)(session % days.Length), replayed % SessionTicks);
    }

    private IntradayPath?[] PathsFor(DateOnly date)
    {
        // Callers on several threads may both rebuild; the result is identical, so the race is harmless.
        if (cache is { } c && c.Date == date)
        {
            return c.Paths;
        }
        var paths = series
            .Select(s => s.IndexByDate.TryGetValue(date, out var i)
                ? new IntradayPath(s.Bars[i], DeterministicRandom.Mix(s.Seed + (ulong)date.DayNumber * 0x9E3779B97F4A7C15))
                : null)
            .ToArray();
        cache = new DayPaths(date, paths);
        return paths;
    }

    private sealed record DayPaths(DateOnly Date, IntradayPath?[] Paths);

    private sealed class Series(string symbol, IReadOnlyList<ReplayDay> bars, ulong seed)
    {
        public string Symbol { get; } = symbol;
        public IReadOnlyList<ReplayDay> Bars { get; } = bars;
        public ulong Seed { get; } = seed;
        public Dictionary<DateOnly, int> IndexByDate { get; } = bars.Select((b, i) => (b.Date, i)).ToDictionary(p => p.Date, p => p.i);
    }
}
