using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Infrastructure;

public class BundledDataLoaderTests
{
    private static readonly string DataDir = BundledDataLoader.DefaultDirectory;

    private static async Task<NpgsqlDataSource> MigratedAsync()
    {
        var db = NpgsqlDataSource.Create(await TestServers.CreateDatabaseAsync("sv_load"));
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(
            MigrationScript.FromDirectory(Path.Combine(AppContext.BaseDirectory, "migrations")), TestContext.Current.CancellationToken);
        return db;
    }

    private static BundledDataLoader Loader(NpgsqlDataSource db) => new(db, NullLogger<BundledDataLoader>.Instance);

    private static int DataRows(string path)
    {
        using var reader = new StreamReader(path);
        return Csv.Read(reader).Count() - 1;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task Row_counts_match_the_bundled_files()
    {
        await using var db = await MigratedAsync();
        var files = new BundledFiles(DataDir);

        await Loader(db).LoadAsync(DataDir, TestContext.Current.CancellationToken);

        Assert.Equal(DataRows(files.Instruments), await CountAsync(db, "select count(*) from instruments"));
        Assert.Equal(DataRows(files.DailyBars), await CountAsync(db, "select count(*) from daily_bars"));
        Assert.Equal(DataRows(files.IndexBars), await CountAsync(db, "select count(*) from index_bars"));
        Assert.Equal(DataRows(files.QuarterlyResults) + DataRows(files.AnnualResults), await CountAsync(db, "select count(*) from financial_results"));
        Assert.Equal(DataRows(files.BalanceSheets), await CountAsync(db, "select count(*) from balance_sheets"));
        // The SOURCE notes' own figures: 61,135 daily bars, 4,238 index sessions, 50 NIFTY 50 constituents.
        Assert.Equal(61_135, await CountAsync(db, "select count(*) from daily_bars"));
        Assert.Equal(4_238, await CountAsync(db, "select count(*) from index_bars"));
        Assert.Equal(50, await CountAsync(db, "select count(*) from instruments where in_nifty50"));
    }

    [Fact]
    public async Task Values_survive_the_load_exactly()
    {
        await using var db = await MigratedAsync();
        await Loader(db).LoadAsync(DataDir, TestContext.Current.CancellationToken);
        await using var conn = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);

        // Data/nifty50-ohlcv/SOURCE.md: RELIANCE closed at 1,343.35 (bonus-adjusted) on 2024-10-22;
        // the NIFTY 50 closed at 24,472.10 that day.
        Assert.Equal(1343.35m, await conn.ExecuteScalarAsync<decimal>("select close from daily_bars where symbol = 'RELIANCE' and trade_date = '2024-10-22'"));
        Assert.Equal(24472.10m, await conn.ExecuteScalarAsync<decimal>("select close from index_bars where trade_date = '2024-10-22'"));
        // Data/india-fundamentals-xbrl/SOURCE.md sanity checks: INFY FY2024 standalone revenue 1,28,933 cr.
        var infy = await conn.ExecuteScalarAsync<decimal>("""
            select revenue_from_operations from financial_results
            where symbol = 'INFY' and statement = 'Standalone' and period_end = '2024-03-31' and period_months = 12
            """);
        Assert.Equal(128933m, Math.Round(infy));
    }

    [Fact]
    public async Task A_second_start_loads_nothing()
    {
        await using var db = await MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        await Loader(db).LoadAsync(DataDir, ct);

        var second = await Loader(db).LoadAsync(DataDir, ct);

        Assert.All(second, d => Assert.False(d.Loaded, d.Dataset));
        Assert.Equal(61_135, await CountAsync(db, "select count(*) from daily_bars"));
    }

    [Fact]
    public async Task A_load_that_fails_halfway_leaves_nothing_behind()
    {
        await using var db = await MigratedAsync();
        var broken = CopyData();
        // Balance sheets load last: by then bars, the index and results have been copied in the same transaction.
        var path = new BundledFiles(broken).BalanceSheets;
        var lines = File.ReadAllLines(path);
        var fields = lines[^1].Split(',');
        Assert.True(decimal.TryParse(fields[7], System.Globalization.CultureInfo.InvariantCulture, out _), "column 8 of the last balance sheet row is a number");
        fields[7] = "not-a-number";
        lines[^1] = string.Join(',', fields);
        File.WriteAllLines(path, lines);

        await Assert.ThrowsAnyAsync<Exception>(() => Loader(db).LoadAsync(broken, TestContext.Current.CancellationToken));

        Assert.Equal(0, await CountAsync(db, "select count(*) from daily_bars"));
        Assert.Equal(0, await CountAsync(db, "select count(*) from data_loads"));
    }

    [Fact]
    public async Task A_changed_file_reloads_only_its_dataset()
    {
        await using var db = await MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        var data = CopyData();
        await Loader(db).LoadAsync(data, ct);
        var index = new BundledFiles(data).IndexBars;
        File.WriteAllLines(index, File.ReadAllLines(index)[..^1]);

        var report = await Loader(db).LoadAsync(data, ct);

        Assert.Equal(["index_bars"], report.Where(d => d.Loaded).Select(d => d.Dataset));
        Assert.Equal(4_237, await CountAsync(db, "select count(*) from index_bars"));
    }

    private static string CopyData()
    {
        var target = Path.Combine(Path.GetTempPath(), "sv-data-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(DataDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
