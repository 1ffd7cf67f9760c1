namespace StockVision.Engines.Market.Live;

/// <summary>
/// A stock the simulation starts from its last real session. <see cref="AverageDailyVolume"/> is shares per session.
/// </summary>
public sealed record SimulatedInstrument(
    string Symbol,
    decimal LastClose,
    DateOnly LastCloseDate,
    GbmParameters Parameters,
    long AverageDailyVolume);

/// <summary>
/// Many stocks walking independent geometric Brownian motions in NSE session time. The caller owns the clock: each
/// <see cref="Advance"/> moves every stock from where it was to <c>now</c> in one exact GBM step, so ticking every
/// second or once an hour gives the same distribution at any later instant. Each stock draws from its own stream
/// (<see cref="DeterministicRandom.SeedFor"/>), so the same seed, instruments, start and sequence of instants give the
/// same quotes on every node — which is what lets a standby take over without the prices disagreeing.
/// Nothing before <c>start</c> is simulated: the walk begins at start (or at the resumed quote, if later).
/// Not thread-safe; the one job that owns it calls it.
/// </summary>
public sealed class SimulatedMarket
{
    private readonly NseCalendar calendar;
    private readonly List<Walk> walks;

    public SimulatedMarket(
        IEnumerable<SimulatedInstrument> instruments,
        NseCalendar calendar,
        ulong seed,
        DateTimeOffset start,
        IReadOnlyDictionary<string, Quote>? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(calendar);
        this.calendar = calendar;
        walks = [];
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instrument in instruments)
        {
            if (!symbols.Add(instrument.Symbol))
            {
                throw new ArgumentException($"{instrument.Symbol} is listed twice.", nameof(instruments));
            }
            if (instrument.LastClose <= 0 || instrument.AverageDailyVolume < 0)
            {
                throw new ArgumentException($"{instrument.Symbol} needs a positive close and a non-negative volume.", nameof(instruments));
            }
            var resumed = resumeFrom?.GetValueOrDefault(instrument.Symbol) is { Last: > 0 } q ? q : null;
            walks.Add(new Walk(instrument, calendar, seed, start, resumed));
        }
    }

    /// <summary>The quotes as of the last <see cref="Advance"/> (or the starting quotes), in the order instruments were given.</summary>
    public IReadOnlyList<Quote> Current => walks.Select(w => w.Quote).ToList();

    /// <summary>Moves every stock to <paramref name="now"/> and returns all quotes. An instant not after the last one changes nothing.</summary>
    public IReadOnlyList<Quote> Advance(DateTimeOffset now)
    {
        foreach (var walk in walks)
        {
            walk.Advance(now, calendar);
        }
        return Current;
    }

    private sealed class Walk
    {
        private readonly SimulatedInstrument instrument;
        private readonly DeterministicRandom prices;
        private readonly DeterministicRandom volumes;

        // The unrounded log price: rounding every step to the tick would bias a walk that moves less than a tick per step.
        private double logPrice;
        private DateTimeOffset clock;
        private DateOnly sessionDay;

        public Walk(SimulatedInstrument instrument, NseCalendar calendar, ulong seed, DateTimeOffset start, Quote? resumed)
        {
            this.instrument = instrument;
            var stream = DeterministicRandom.SeedFor(seed, instrument.Symbol);
            prices = new DeterministicRandom(stream);
            // A separate stream, so the k-th price step always uses the k-th Gaussian of the symbol's own stream.
            volumes = new DeterministicRandom(DeterministicRandom.Mix(stream));

            if (resumed is not null)
            {
                Quote = Stamp(resumed.Last, resumed.PreviousClose, resumed.Open, resumed.High, resumed.Low, resumed.Volume, resumed.SourceTime);
                sessionDay = calendar.SessionDate(resumed.SourceTime);
            }
            else
            {
                var close = instrument.LastClose;
                var closedAt = calendar.SessionClose(instrument.LastCloseDate);
                Quote = Stamp(close, close, close, close, close, 0, closedAt);
                sessionDay = instrument.LastCloseDate;
            }
            logPrice = DeterministicRandom.PortableLog((double)Quote.Last);
            clock = start > Quote.SourceTime ? start : Quote.SourceTime;
        }

        public Quote Quote { get; private set; }

        public void Advance(DateTimeOffset now, NseCalendar calendar)
        {
            if (now <= clock)
            {
                return;
            }
            var from = clock;
            clock = now;
            var f = calendar.SessionFraction(from, now);
            if (f == 0)
            {
                return;
            }
            var p = instrument.Parameters;
            logPrice += p.DailyDrift * f + p.DailyVolatility * Math.Sqrt(f) * prices.NextGaussian();
            var last = NseTick.Round(Math.Exp(logPrice));

            var day = SessionOfMove(now, calendar);
            var q = Quote;
            var (previousClose, open, high, low, volume) = (q.PreviousClose, q.Open, Math.Max(q.High, last), Math.Min(q.Low, last), q.Volume);
            var tradedFraction = f;
            if (day != sessionDay)
            {
                sessionDay = day;
                (previousClose, open, high, low, volume) = (q.Last, last, last, last, 0);
                // Only the part of the step inside the new session trades in it; the rest belonged to the old one.
                var dayStart = calendar.AlwaysOpen ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), NseCalendar.Ist) : calendar.SessionOpen(day);
                tradedFraction = calendar.SessionFraction(from > dayStart ? from : dayStart, now);
            }
            // Uniform in [0.5, 1.5): mean 1, so volume grows by the average daily volume per session on average.
            volume += (long)Math.Round(instrument.AverageDailyVolume * tradedFraction * (0.5 + volumes.NextDouble()));
            // After the close the last trade happened at the close, not at the moment we noticed.
            var stamp = calendar.IsOpen(now) ? now : calendar.SessionClose(day);
            Quote = Stamp(last, previousClose, open, high, low, volume, stamp);
        }

        /// <summary>The latest trading session that had opened by <paramref name="now"/>: the one a move up to now ends in.</summary>
        private static DateOnly SessionOfMove(DateTimeOffset now, NseCalendar calendar)
        {
            var day = calendar.SessionDate(now);
            if (calendar.AlwaysOpen)
            {
                return day;
            }
            while (!calendar.IsTradingDay(day) || calendar.SessionOpen(day) >= now)
            {
                day = day.AddDays(-1);
            }
            return day;
        }

        private Quote Stamp(decimal last, decimal previousClose, decimal open, decimal high, decimal low, long volume, DateTimeOffset sourceTime) => new()
        {
            Symbol = instrument.Symbol,
            Source = QuoteSources.Simulated,
            Exchange = "NSE",
            Last = last,
            PreviousClose = previousClose,
            Open = open,
            High = high,
            Low = low,
            Volume = volume,
            Bid = last > NseTick.Size ? last - NseTick.Size : null,
            Ask = last + NseTick.Size,
            SourceTime = sourceTime,
        };
    }
}
