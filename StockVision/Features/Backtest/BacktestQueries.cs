using Dapper;
using Npgsql;
using StockVision.Engines.Backtesting;
using StockVision.Infrastructure;

namespace StockVision.Features.Backtest;

/// <summary>What the bundled prices cover, and a fingerprint of them that goes into every run id.</summary>
public sealed record PriceCoverage(DateOnly FirstSession, DateOnly LastSession, DateOnly? LastIndexSession, string DataVersion);

public sealed class BacktestQueries(NpgsqlDataSource db)
{
    public async Task<PriceCoverage> CoverageAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<PriceCoverage>(new CommandDefinition(BacktestSql.Coverage, new { IndexName = BundledDataLoader.IndexName }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(BacktestSql.Symbols, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<BacktestBar>>> BarsAsync(IReadOnlyList<string> symbols, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<BarRow>(new CommandDefinition(BacktestSql.Bars, new { Symbols = symbols.ToArray(), From = from, To = to }, cancellationToken: ct));
        return rows.GroupBy(r => r.Symbol).ToDictionary(g => g.Key,
            g => (IReadOnlyList<BacktestBar>)g.Select(r => new BacktestBar(r.Date, r.Open, r.High, r.Low, r.Close, r.Volume)).ToList());
    }

    public async Task<IReadOnlyList<(DateOnly Date, decimal Close)>> IndexAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<IndexRow>(new CommandDefinition(BacktestSql.IndexCloses,
            new { IndexName = BundledDataLoader.IndexName, From = from, To = to }, cancellationToken: ct));
        return rows.Select(r => (r.Date, r.Close)).ToList();
    }

    private sealed record BarRow(string Symbol, DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

    private sealed record IndexRow(DateOnly Date, decimal Close);
}

public static class BacktestSetup
{
    public static WebApplicationBuilder AddBacktests(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BacktestQueries>();
        return builder;
    }
}
