// TEMPORARY: stands in for engines and adapters being written on other branches; deleted when they merge.
#pragma warning disable CS1591, CS9113
using StockVision.Engines.Market.Live;

namespace StockVision.Engines.Market.Live
{
    public sealed record GbmParameters(double DailyDrift, double DailyVolatility)
    {
        public static GbmParameters Estimate(IReadOnlyList<decimal> closes) => throw new NotImplementedException();
    }

    public sealed record SimulatedInstrument(string Symbol, decimal LastClose, DateOnly LastCloseDate, GbmParameters Parameters, long AverageDailyVolume);

    public sealed class NseCalendar(IEnumerable<DateOnly> holidays, bool alwaysOpen = false)
    {
        public IEnumerable<DateOnly> Holidays { get; } = holidays;
        public bool AlwaysOpen { get; } = alwaysOpen;
        public bool IsOpen(DateTimeOffset instant) => throw new NotImplementedException();
        public DateOnly SessionDate(DateTimeOffset instant) => throw new NotImplementedException();
        public DateTimeOffset SessionOpen(DateOnly d) => throw new NotImplementedException();
        public DateTimeOffset SessionClose(DateOnly d) => throw new NotImplementedException();
    }

    public sealed class SimulatedMarket(IEnumerable<SimulatedInstrument> instruments, NseCalendar calendar, ulong seed, DateTimeOffset start, IReadOnlyDictionary<string, Quote>? resumeFrom = null)
    {
        public IReadOnlyList<Quote> Advance(DateTimeOffset now) => throw new NotImplementedException();
    }

    public sealed record ReplayDay(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

    public sealed class ReplayMarket(IReadOnlyDictionary<string, IReadOnlyList<ReplayDay>> barsBySymbol, DateTimeOffset replayStart, double speed = 1.0, ulong seed = 1)
    {
        public IReadOnlyList<Quote> QuotesAt(DateTimeOffset now) => throw new NotImplementedException();
    }

    public sealed record MinuteBar(string Symbol, DateTimeOffset Minute, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

    public sealed class MinuteBarAggregator
    {
        public void Add(Quote q) { }
        public IReadOnlyCollection<MinuteBar> TakeChanged() => [];
        public void DropBefore(DateTimeOffset cutoff) { }
    }
}

