using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using StockVision.Engines.Charting;
using StockVision.Engines.Market;
using StockVision.Infrastructure;

namespace StockVision.Features.Market;

public sealed record DataFreshness(DateOnly? LatestSession, DateOnly? LatestIndexSession);

public sealed record SessionMoves(DateOnly? Session, IReadOnlyList<SessionMove> Moves);

/// <summary>
/// End-of-day market data. It changes only when the bundled data is (re)loaded at startup, so results are held in
/// memory for a few minutes: a page view costs no database round trip once warm.
/// </summary>
public sealed class MarketQueries(NpgsqlDataSource db, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public Task<IReadOnlyList<PricePoint>> IndexHistoryAsync(CancellationToken ct) =>
        CachedAsync("market:index-history", async () =>
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var rows = await conn.QueryAsync<PricePoint>(new CommandDefinition(MarketSql.IndexHistory, new { BundledDataLoader.IndexName }, cancellationToken: ct));
            return (IReadOnlyList<PricePoint>)rows.ToList();
        });

    public Task<SessionMoves> LatestSessionMovesAsync(CancellationToken ct) =>
        CachedAsync("market:latest-moves", async () =>
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var moves = (await conn.QueryAsync<SessionMove>(new CommandDefinition(MarketSql.LatestSessionMoves, cancellationToken: ct))).ToList();
            var freshness = await FreshnessAsync(ct);
            return new SessionMoves(freshness.LatestSession, moves);
        });

    public Task<DataFreshness> FreshnessAsync(CancellationToken ct) =>
        CachedAsync("market:freshness", async () =>
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            return await conn.QuerySingleAsync<DataFreshness>(new CommandDefinition(MarketSql.Freshness, new { BundledDataLoader.IndexName }, cancellationToken: ct));
        });

    private async Task<T> CachedAsync<T>(string key, Func<Task<T>> load)
    {
        if (cache.TryGetValue(key, out T? value) && value is not null)
        {
            return value;
        }
        value = await load();
        cache.Set(key, value, Lifetime);
        return value;
    }
}

public static class MarketModule
{
    public static WebApplicationBuilder AddMarket(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarketQueries>();
        builder.Services.Configure<MarketOptions>(builder.Configuration.GetSection("Market"));
        return builder;
    }
}

public sealed class MarketOptions
{
    /// <summary>Calendar days after the latest session before the footer calls the data stale (a long weekend is 3–4).</summary>
    public int StaleAfterDays { get; set; } = 4;
}
