using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using StockVision.Engines.Text;

namespace StockVision.Features.Stocks;

public sealed record SearchHit(string Symbol, string Name, string? Sector, decimal? LastClose, DateOnly? LastSession);

public sealed record Instrument(string Symbol, string Name, string? Sector, string? SectorSource, string? Isin, bool InNifty50);

/// <summary>One session's OHLCV: prices in ₹ per share (split/bonus-adjusted), volume in shares.</summary>
public sealed record DailyBar(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

public sealed class StockQueries(NpgsqlDataSource db, IMemoryCache cache)
{
    public const int SearchLimit = 100;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, CancellationToken ct)
    {
        var q = query.Trim();
        var escaped = EscapeLike(q);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<SearchHit>(new CommandDefinition(StockSql.Search, new
        {
            Query = q,
            Prefix = escaped + "%",
            WordPrefix = "% " + escaped + "%",
            Contains = "%" + escaped + "%",
            Limit = SearchLimit,
        }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<Candidate>> SuggestAsync(string query, CancellationToken ct)
    {
        var all = await cache.GetOrCreateAsync("stocks:candidates", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var conn = await db.OpenConnectionAsync(ct);
            return (await conn.QueryAsync<Candidate>(new CommandDefinition(StockSql.AllForSuggestions, cancellationToken: ct))).ToList();
        });
        return Similarity.Suggest(query, all!);
    }

    public async Task<Instrument?> InstrumentAsync(string symbol, CancellationToken ct) =>
        await cache.GetOrCreateAsync("stocks:instrument:" + symbol.ToUpperInvariant(), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var conn = await db.OpenConnectionAsync(ct);
            return await conn.QuerySingleOrDefaultAsync<Instrument>(new CommandDefinition(StockSql.Instrument, new { Symbol = symbol }, cancellationToken: ct));
        });

    /// <summary>The whole bundled history of one stock (at most ~1,250 sessions), oldest first.</summary>
    public async Task<IReadOnlyList<DailyBar>> DailyBarsAsync(string symbol, CancellationToken ct) =>
        (await cache.GetOrCreateAsync("stocks:bars:" + symbol, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var conn = await db.OpenConnectionAsync(ct);
            return (IReadOnlyList<DailyBar>)(await conn.QueryAsync<DailyBar>(new CommandDefinition(StockSql.DailyBars, new { Symbol = symbol }, cancellationToken: ct))).ToList();
        }))!;

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}

public static class StocksModule
{
    public static WebApplicationBuilder AddStocks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StockQueries>();
        return builder;
    }
}
