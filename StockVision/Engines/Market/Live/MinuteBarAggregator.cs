namespace StockVision.Engines.Market.Live;

/// <summary>
/// One minute of one stock's trading. <see cref="Minute"/> is the start of the minute, in the quote's own UTC offset
/// (IST is a whole number of minutes from UTC, so IST and UTC minutes begin at the same instants).
/// </summary>
public sealed record MinuteBar(string Symbol, DateTimeOffset Minute, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

/// <summary>
/// Folds a stream of quotes into minute bars for the intraday chart. Prices come from <see cref="Quote.Last"/>; a bar's
/// volume is how much the quote's cumulative session volume grew since the previous quote, credited to the minute of
/// the later quote. The first quote seen for a stock only sets the baseline: its volume includes trading the
/// aggregator never saw, and crediting all of it to one minute would draw a spike. A quote whose volume fell, or whose
/// IST date differs from the previous one, starts a new session whose volume counts from zero.
/// Not thread-safe; the one job that owns it calls it.
/// </summary>
public sealed class MinuteBarAggregator
{
    private readonly Dictionary<string, SymbolState> states = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Symbol, DateTimeOffset Minute), MinuteBar> changed = [];

    /// <summary>Adds a quote; one not newer than the last quote seen for its symbol is ignored (late or repeated).</summary>
    public void Add(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var first = !states.TryGetValue(quote.Symbol, out var state);
        if (state is null)
        {
            state = new SymbolState();
            states.Add(quote.Symbol, state);
        }
        else if (quote.SourceTime <= state.LastTime)
        {
            return;
        }

        long traded;
        if (first)
        {
            traded = 0;
        }
        else if (quote.Volume < state.LastVolume || IstDate(quote.SourceTime) != IstDate(state.LastTime))
        {
            traded = quote.Volume;
        }
        else
        {
            traded = quote.Volume - state.LastVolume;
        }
        state.LastTime = quote.SourceTime;
        state.LastVolume = quote.Volume;

        var minute = new DateTimeOffset(quote.SourceTime.Ticks - quote.SourceTime.Ticks % TimeSpan.TicksPerMinute, quote.SourceTime.Offset);
        var price = quote.Last;
        MinuteBar bar;
        if (state.Bars.Count > 0 && state.Bars[^1].Minute == minute)
        {
            var b = state.Bars[^1];
            bar = b with { High = Math.Max(b.High, price), Low = Math.Min(b.Low, price), Close = price, Volume = b.Volume + traded };
            state.Bars[^1] = bar;
        }
        else
        {
            bar = new MinuteBar(quote.Symbol, minute, price, price, price, price, traded);
            state.Bars.Add(bar);
        }
        changed[(quote.Symbol, minute)] = bar;
    }

    /// <summary>The stock's bars, oldest first.</summary>
    public IReadOnlyList<MinuteBar> Bars(string symbol) =>
        states.TryGetValue(symbol, out var state) ? state.Bars.ToList() : [];

    /// <summary>
    /// The latest state of every bar touched since the previous call, by symbol then minute: what the persister
    /// upserts. A bar dropped by <see cref="DropBefore"/> before it was taken is still returned, so it is not lost.
    /// </summary>
    public IReadOnlyCollection<MinuteBar> TakeChanged()
    {
        var bars = changed.Values
            .OrderBy(b => b.Symbol, StringComparer.Ordinal)
            .ThenBy(b => b.Minute)
            .ToList();
        changed.Clear();
        return bars;
    }

    /// <summary>Forgets bars that began before <paramref name="cutoff"/>, bounding memory; the volume baseline is kept.</summary>
    public void DropBefore(DateTimeOffset cutoff)
    {
        foreach (var state in states.Values)
        {
            state.Bars.RemoveAll(b => b.Minute < cutoff);
        }
    }

    private static DateOnly IstDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(NseCalendar.Ist).DateTime);

    private sealed class SymbolState
    {
        public List<MinuteBar> Bars { get; } = [];
        public DateTimeOffset LastTime { get; set; }
        public long LastVolume { get; set; }
    }
}
