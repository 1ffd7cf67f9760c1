using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StockVision.Engines.Market.Live;
using StockVision.Features.Live.Providers;

namespace StockVision.Features.Live;

/// <summary>The default source: geometric Brownian motion per instrument, seeded from its last real close.</summary>
public sealed class SimulatedQuoteSource(SimulatedMarket market, TimeProvider clock) : IQuoteSource
{
    public string Name => QuoteSources.Simulated;

    public Task<IReadOnlyList<Quote>> FetchAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        IReadOnlyList<Quote> quotes;
        lock (market)
        {
            quotes = market.Advance(clock.GetUtcNow());
        }
        return Task.FromResult(Only(quotes, symbols));
    }

    internal static IReadOnlyList<Quote> Only(IReadOnlyList<Quote> quotes, IReadOnlyList<string> symbols)
    {
        var wanted = symbols.ToHashSet(StringComparer.Ordinal);
        return quotes.Where(q => wanted.Contains(q.Symbol)).ToList();
    }
}

/// <summary>Real sessions replayed as intraday ticks: demos, and a second source the chain can fall back to.</summary>
public sealed class ReplayQuoteSource(ReplayMarket market, TimeProvider clock) : IQuoteSource
{
    public string Name => QuoteSources.Replay;

    public Task<IReadOnlyList<Quote>> FetchAsync(IReadOnlyList<string> symbols, CancellationToken ct) =>
        Task.FromResult(SimulatedQuoteSource.Only(market.QuotesAt(clock.GetUtcNow()), symbols));
}

/// <summary>Builds the configured chain when a node becomes the leader, from the real history in the database.</summary>
public sealed class LiveSourceFactory(
    NpgsqlDataSource db,
    LiveStore store,
    NseCalendar calendar,
    IOptions<LiveOptions> options,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<LiveSourceFactory> log)
{
    /// <summary>Sessions of real history behind each instrument's drift and volatility (about five years).</summary>
    public const int MinimumHistory = 30;

    public async Task<(QuoteSourceChain Chain, IReadOnlyList<string> Symbols)> CreateAsync(CancellationToken ct)
    {
        var history = await HistoryAsync(ct);
        var symbols = history.Keys.Order(StringComparer.Ordinal).ToList();
        var sources = new List<IQuoteSource>();
        var configured = options.Value.Sources.Count == 0 ? [QuoteSources.Simulated] : options.Value.Sources;
        foreach (var name in configured.Select(s => s.Trim().ToLowerInvariant()).Distinct())
        {
            switch (name)
            {
                case QuoteSources.Simulated:
                    sources.Add(new SimulatedQuoteSource(await SimulatedAsync(history, ct), clock));
                    break;
                case QuoteSources.Replay:
                    sources.Add(new ReplayQuoteSource(Replay(history), clock));
                    break;
                case QuoteSources.Finnhub when FinnhubOptions.IsConfigured(services.GetRequiredService<IOptions<FinnhubOptions>>().Value):
                    sources.Add(services.GetRequiredService<FinnhubQuoteSource>());
                    break;
                case QuoteSources.TwelveData when TwelveDataOptions.IsConfigured(services.GetRequiredService<IOptions<TwelveDataOptions>>().Value):
                    sources.Add(services.GetRequiredService<TwelveDataQuoteSource>());
                    break;
                default:
                    log.LogWarning("Quote source {Source} is unknown or has no API key configured; skipped", name);
                    break;
            }
        }
        return (new QuoteSourceChain(sources, options.Value.Chain, clock), symbols);
    }

    private async Task<SimulatedMarket> SimulatedAsync(IReadOnlyDictionary<string, IReadOnlyList<HistoryRow>> history, CancellationToken ct)
    {
        var instruments = history.Select(h => new SimulatedInstrument(
            h.Key,
            h.Value[^1].Close,
            h.Value[^1].TradeDate,
            GbmParameters.Estimate(h.Value.Select(r => r.Close).ToList()),
            (long)h.Value.TakeLast(20).Average(r => (double)r.Volume)));
        var resume = (await store.LatestQuotesAsync(ct))
            .Where(q => q.Source == QuoteSources.Simulated)
            .ToDictionary(q => q.Symbol, StringComparer.Ordinal);
        return new SimulatedMarket(instruments, calendar, options.Value.Seed, clock.GetUtcNow(), resume);
    }

    private ReplayMarket Replay(IReadOnlyDictionary<string, IReadOnlyList<HistoryRow>> history)
    {
        var replay = options.Value.Replay;
        var to = replay.To ?? history.Values.Max(h => h[^1].TradeDate);
        var days = history.ToDictionary(
            h => h.Key,
            h =>
            {
                var window = h.Value.Where(r => r.TradeDate <= to && (replay.From is not { } from || r.TradeDate >= from)).ToList();
                if (replay.From is null)
                {
                    window = window.TakeLast(5).ToList();
                }
                return (IReadOnlyList<ReplayDay>)window.Select(r => new ReplayDay(r.TradeDate, r.Open, r.High, r.Low, r.Close, r.Volume)).ToList();
            },
            StringComparer.Ordinal);
        return new ReplayMarket(days.Where(d => d.Value.Count > 0).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal),
            clock.GetUtcNow(), replay.Speed, options.Value.Seed);
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryRow>>> HistoryAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<HistoryRow>(new CommandDefinition(LiveSql.DailyCloses, cancellationToken: ct));
        return rows.GroupBy(r => r.Symbol, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinimumHistory)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<HistoryRow>)g.ToList(), StringComparer.Ordinal);
    }

    private sealed record HistoryRow(string Symbol, DateOnly TradeDate, decimal Open, decimal High, decimal Low, decimal Close, long Volume);
}
