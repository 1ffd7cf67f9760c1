using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Infrastructure;

public class MigratorTests
{
    private static readonly IReadOnlyList<MigrationScript> RealScripts =
        MigrationScript.FromDirectory(Path.Combine(AppContext.BaseDirectory, "migrations"));

    private static async Task<(NpgsqlDataSource Db, Migrator Migrator)> FreshAsync()
    {
        var db = NpgsqlDataSource.Create(await TestServers.CreateDatabaseAsync("sv_mig"));
        return (db, new Migrator(db, NullLogger<Migrator>.Instance));
    }

    [Fact]
    public async Task A_fresh_database_gets_every_script_in_name_order()
    {
        var (db, migrator) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;

        var result = await migrator.MigrateAsync(RealScripts, ct);

        Assert.Equal(RealScripts.Select(s => s.Name), result.Applied);
        Assert.Equal(["0001_market_data.sql", "0002_fundamentals.sql"], RealScripts.Select(s => s.Name).Take(2));
        await using var conn = await db.OpenConnectionAsync(ct);
        var journal = (await conn.QueryAsync<string>("select script_name from schemaversions order by applied_at, script_name")).ToList();
        Assert.Equal(RealScripts.Select(s => s.Name), journal);
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from daily_bars"));
    }

    [Fact]
    public async Task Running_again_applies_nothing()
    {
        var (db, migrator) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;
        await migrator.MigrateAsync(RealScripts, ct);

        var second = await migrator.MigrateAsync(RealScripts, ct);

        Assert.Empty(second.Applied);
        Assert.Equal(RealScripts.Count, second.AlreadyApplied.Count);
    }

    [Fact]
    public async Task An_edited_applied_script_is_refused_with_its_name()
    {
        var (db, migrator) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;
        await migrator.MigrateAsync([new MigrationScript("0001_a.sql", "create table a (id int)")], ct);

        var edited = new[] { new MigrationScript("0001_a.sql", "create table a (id bigint)"), new MigrationScript("0002_b.sql", "create table b (id int)") };
        var e = await Assert.ThrowsAsync<MigrationChecksumException>(() => migrator.MigrateAsync(edited, ct));

        Assert.Contains("0001_a.sql", e.Message, StringComparison.Ordinal);
        await using var conn = await db.OpenConnectionAsync(ct);
        Assert.Null(await conn.ExecuteScalarAsync<string?>("select to_regclass('b')::text"));
    }

    [Fact]
    public async Task Line_endings_are_not_an_edit()
    {
        var (db, migrator) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;
        await migrator.MigrateAsync([new MigrationScript("0001_a.sql", "create table a (id int);\n")], ct);

        var again = await migrator.MigrateAsync([new MigrationScript("0001_a.sql", "create table a (id int);\r\n\r\n")], ct);

        Assert.Empty(again.Applied);
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_and_not_journalled()
    {
        var (db, migrator) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;
        var scripts = new[] { new MigrationScript("0001_ok.sql", "create table ok (id int)"), new MigrationScript("0002_bad.sql", "create table half (id int); select 1/0;") };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(scripts, ct));

        Assert.Contains("0002_bad.sql", e.Message, StringComparison.Ordinal);
        await using var conn = await db.OpenConnectionAsync(ct);
        Assert.Null(await conn.ExecuteScalarAsync<string?>("select to_regclass('half')::text"));
        Assert.Equal(["0001_ok.sql"], await conn.QueryAsync<string>("select script_name from schemaversions"));
    }

    [Fact]
    public async Task Two_nodes_migrating_together_apply_each_script_once()
    {
        var cs = await TestServers.CreateDatabaseAsync("sv_mig");
        await using var db1 = NpgsqlDataSource.Create(cs);
        await using var db2 = NpgsqlDataSource.Create(cs);
        var ct = TestContext.Current.CancellationToken;
        // The sleep holds the first node inside the script long enough for the second to arrive and wait on the lock.
        var scripts = new[]
        {
            new MigrationScript("0001_counter.sql", "create table runs (n int); select pg_sleep(0.5);"),
            new MigrationScript("0002_count.sql", "insert into runs values (1);"),
        };

        var results = await Task.WhenAll(
            new Migrator(db1, NullLogger<Migrator>.Instance).MigrateAsync(scripts, ct),
            new Migrator(db2, NullLogger<Migrator>.Instance).MigrateAsync(scripts, ct));

        Assert.Equal(2, results.Sum(r => r.Applied.Count));
        Assert.Contains(results, r => r.Applied.Count == 0);
        await using var conn = await db1.OpenConnectionAsync(ct);
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>("select count(*) from runs"));
    }
}
