using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StockVision.Features.Screener;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// The daily ratio snapshot on its own database: recomputed when a new price session arrives (and kept per day), picked
/// up by every node after its check interval, and computed once when two nodes find it stale together.
/// </summary>
public class ScreenerSnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<NpgsqlDataSource> LoadedDatabaseAsync()
    {
        var db = NpgsqlDataSource.Create(await TestServers.CreateDatabaseAsync("sv_ratio"));
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(
            MigrationScript.FromDirectory(Path.Combine(AppContext.BaseDirectory, "migrations")), Ct);
        await new BundledDataLoader(db, NullLogger<BundledDataLoader>.Instance).LoadAsync(BundledDataLoader.DefaultDirectory, Ct);
        return db;
    }

    private static ScreenerData Node(NpgsqlDataSource db, TimeProvider clock) => new(db, clock, NullLogger<ScreenerData>.Instance);

    [Fact]
    public async Task A_new_price_session_gives_a_new_snapshot_with_ratios_at_the_new_price()
    {
        await using var db = await LoadedDatabaseAsync();
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        using var node = Node(db, clock);
        var before = await node.CurrentAsync(Ct);
        var row = before.RowOf("INFY")!.Value;
        var oldPrice = before.Table.Companies[row][before.Catalogue, "current_price"]!.Value;
        var oldCap = before.Table.Companies[row][before.Catalogue, "market_cap"]!.Value;

        var nextDay = before.AsOf.AddDays(3);
        var newClose = Math.Round(oldPrice * 1.1m, 2);
        await using (var conn = await db.OpenConnectionAsync(Ct))
        {
            await conn.ExecuteAsync("""
                insert into daily_bars (symbol, trade_date, open, high, low, close, volume)
                values ('INFY', @Day, @Close, @Close, @Close, @Close, 1000)
                """, new { Day = nextDay, Close = newClose });
        }

        Assert.Same(before, await node.CurrentAsync(Ct));
        clock.Advance(ScreenerData.CheckInterval);
        var after = await node.CurrentAsync(Ct);

        Assert.Equal(nextDay, after.AsOf);
        var infy = after.Table.Companies[after.RowOf("INFY")!.Value];
        Assert.Equal(newClose, infy[after.Catalogue, "current_price"]);
        Assert.Equal(oldCap * newClose / oldPrice, infy[after.Catalogue, "market_cap"]!.Value, 6);
        await using var check = await db.OpenConnectionAsync(Ct);
        Assert.Equal(2L, await check.ExecuteScalarAsync<long>("select count(*) from ratio_snapshot_runs"));
    }

    [Fact]
    public async Task Two_nodes_that_find_the_snapshot_stale_together_compute_it_once()
    {
        await using var db = await LoadedDatabaseAsync();
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        using var a = Node(db, clock);
        using var b = Node(db, clock);

        var snapshots = await Task.WhenAll(a.CurrentAsync(Ct), b.CurrentAsync(Ct));

        Assert.Equal(snapshots[0].AsOf, snapshots[1].AsOf);
        Assert.Equal(snapshots[0].ComputedAt, snapshots[1].ComputedAt);
        await using var conn = await db.OpenConnectionAsync(Ct);
        Assert.Equal(1L, await conn.ExecuteScalarAsync<long>("select count(*) from ratio_snapshot_runs"));
        Assert.Equal(snapshots[0].Table.Rows, await conn.ExecuteScalarAsync<long>("select count(*) from ratio_snapshot_companies"));
    }
}
