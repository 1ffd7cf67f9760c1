using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace StockVision.Infrastructure;

public sealed record DatasetLoad(string Dataset, bool Loaded, long Rows);

/// <summary>
/// Loads the real market data bundled under Data/ on first start: instruments, daily bars, the NIFTY 50 index and the
/// XBRL fundamentals. Everything happens in one transaction under an advisory lock, so a crash mid-load leaves nothing
/// behind and two nodes starting together load once. A dataset whose files are unchanged (same SHA-256) is skipped;
/// one whose files changed in a release is replaced whole.
/// </summary>
public sealed class BundledDataLoader(NpgsqlDataSource db, ILogger<BundledDataLoader> log)
{
    public const string IndexName = "NIFTY 50";

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "Data");

    public async Task<IReadOnlyList<DatasetLoad>> LoadAsync(string directory, CancellationToken ct)
    {
        var files = new BundledFiles(directory);
        var datasets = new (string Name, string[] Files, Func<NpgsqlConnection, CancellationToken, Task<long>> Load)[]
        {
            ("instruments", [files.Instruments, files.Constituents], (c, t) => LoadInstrumentsAsync(c, files, t)),
            ("daily_bars", [files.DailyBars], (c, t) => LoadDailyBarsAsync(c, files.DailyBars, t)),
            ("index_bars", [files.IndexBars], (c, t) => LoadIndexBarsAsync(c, files.IndexBars, t)),
            ("financial_results", [files.QuarterlyResults, files.AnnualResults], (c, t) => LoadFinancialResultsAsync(c, files, t)),
            ("balance_sheets", [files.BalanceSheets], (c, t) => LoadBalanceSheetsAsync(c, files.BalanceSheets, t)),
        };

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@Key)", new { Key = AdvisoryLocks.BundledData }, tx, cancellationToken: ct));

        var report = new List<DatasetLoad>();
        foreach (var (name, paths, load) in datasets)
        {
            var checksum = await ChecksumAsync(paths, ct);
            var loaded = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(BundledDataSql.LoadedChecksum, new { Dataset = name }, tx, cancellationToken: ct));
            if (loaded == checksum)
            {
                report.Add(new DatasetLoad(name, false, 0));
                continue;
            }
            var rows = await load(conn, ct);
            await conn.ExecuteAsync(new CommandDefinition(BundledDataSql.RecordLoad, new { Dataset = name, Checksum = checksum, RowCount = rows }, tx, cancellationToken: ct));
            log.LogInformation("Loaded bundled dataset {Dataset}: {Rows} rows", name, rows);
            report.Add(new DatasetLoad(name, true, rows));
        }
        await tx.CommitAsync(ct);
        return report;
    }

    private static async Task<string> ChecksumAsync(string[] paths, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            sha.AppendData(await File.ReadAllBytesAsync(path, ct));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task<long> LoadInstrumentsAsync(NpgsqlConnection conn, BundledFiles files, CancellationToken ct)
    {
        var isins = ReadTable(files.Constituents).ToDictionary(r => r["symbol"], r => Blank(r["isin_2021"]));
        var rows = ReadTable(files.Instruments).Select(r => new
        {
            Symbol = r["symbol"],
            Name = r["company_name"],
            Sector = Blank(r["sector"]),
            SectorSource = Blank(r["sector_source"]),
            Isin = isins.GetValueOrDefault(r["symbol"]),
            InNifty50 = isins.ContainsKey(r["symbol"]),
        }).ToList();
        await conn.ExecuteAsync(new CommandDefinition(BundledDataSql.UpsertInstrument, rows, cancellationToken: ct));
        return rows.Count;
    }

    private static async Task<long> LoadDailyBarsAsync(NpgsqlConnection conn, string path, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(BundledDataSql.DeleteDailyBars, cancellationToken: ct));
        await using var copy = await conn.BeginBinaryImportAsync(BundledDataSql.CopyDailyBars, ct);
        foreach (var r in ReadTable(path))
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r["symbol"], NpgsqlDbType.Text, ct);
            await copy.WriteAsync(ParseDate(r["date"]), NpgsqlDbType.Date, ct);
            await copy.WriteAsync(ParseDecimal(r["open"]), NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(ParseDecimal(r["high"]), NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(ParseDecimal(r["low"]), NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(ParseDecimal(r["close"]), NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(long.Parse(r["volume"], CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, ct);
        }
        return (long)await copy.CompleteAsync(ct);
    }

    private static async Task<long> LoadIndexBarsAsync(NpgsqlConnection conn, string path, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(BundledDataSql.DeleteIndexBars, new { IndexName }, cancellationToken: ct));
        await using var copy = await conn.BeginBinaryImportAsync(BundledDataSql.CopyIndexBars, ct);
        foreach (var r in ReadTable(path))
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(IndexName, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(ParseDate(r["date"]), NpgsqlDbType.Date, ct);
            await copy.WriteAsync(ParseDecimal(r["open"]), NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(ParseDecimal(r["high"]), NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(ParseDecimal(r["low"]), NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(ParseDecimal(r["close"]), NpgsqlDbType.Numeric, ct);
        }
        return (long)await copy.CompleteAsync(ct);
    }

    private static async Task<long> LoadFinancialResultsAsync(NpgsqlConnection conn, BundledFiles files, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(BundledDataSql.DeleteFinancialResults, cancellationToken: ct));
        return await CopyWideAsync(conn, files.QuarterlyResults, BundledDataSql.CopyQuarterlyResults, ct)
             + await CopyWideAsync(conn, files.AnnualResults, BundledDataSql.CopyAnnualResults, ct);
    }

    private static async Task<long> LoadBalanceSheetsAsync(NpgsqlConnection conn, string path, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(BundledDataSql.DeleteBalanceSheets, cancellationToken: ct));
        return await CopyWideAsync(conn, path, BundledDataSql.CopyBalanceSheets, ct);
    }

    // The filings files have dozens of columns; the COPY constant names them in file order, and the header must agree.
    private static async Task<long> CopyWideAsync(NpgsqlConnection conn, string path, string copySql, CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        using var rows = Csv.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new InvalidDataException($"{path} is empty");
        }
        var header = rows.Current;
        var expected = CopyColumns(copySql);
        if (!header.SequenceEqual(expected))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: header does not match the COPY column list in BundledDataSql");
        }
        var types = header.Select(WideColumnType).ToArray();

        await using var copy = await conn.BeginBinaryImportAsync(copySql, ct);
        var line = 1;
        while (rows.MoveNext())
        {
            line++;
            var row = rows.Current;
            if (row.Length != header.Length)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} line {line}: {row.Length} fields, expected {header.Length}");
            }
            await copy.StartRowAsync(ct);
            for (var i = 0; i < row.Length; i++)
            {
                var value = row[i];
                if (value.Length == 0)
                {
                    await copy.WriteNullAsync(ct);
                    continue;
                }
                switch (types[i])
                {
                    case NpgsqlDbType.Text: await copy.WriteAsync(value, NpgsqlDbType.Text, ct); break;
                    case NpgsqlDbType.Date: await copy.WriteAsync(ParseDate(value), NpgsqlDbType.Date, ct); break;
                    case NpgsqlDbType.Smallint: await copy.WriteAsync(short.Parse(value, CultureInfo.InvariantCulture), NpgsqlDbType.Smallint, ct); break;
                    case NpgsqlDbType.TimestampTz: await copy.WriteAsync(ParseIstTimestamp(value), NpgsqlDbType.TimestampTz, ct); break;
                    default: await copy.WriteAsync(ParseDecimal(value), NpgsqlDbType.Numeric, ct); break;
                }
            }
        }
        return (long)await copy.CompleteAsync(ct);
    }

    internal static string[] CopyColumns(string copySql)
    {
        var open = copySql.IndexOf('(', StringComparison.Ordinal);
        var close = copySql.IndexOf(')', open);
        return copySql[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static NpgsqlDbType WideColumnType(string column) => column switch
    {
        "symbol" or "symbol_as_filed" or "company_name" or "statement" or "format" or "audited"
            or "rounding_in_filing" or "source_file" => NpgsqlDbType.Text,
        "period_start" or "period_end" or "as_of" => NpgsqlDbType.Date,
        "period_months" => NpgsqlDbType.Smallint,
        "filed" => NpgsqlDbType.TimestampTz,
        _ => NpgsqlDbType.Numeric,
    };

    private static IEnumerable<Dictionary<string, string>> ReadTable(string path)
    {
        using var reader = new StreamReader(path);
        string[]? header = null;
        foreach (var row in Csv.Read(reader))
        {
            if (header is null)
            {
                header = row;
                continue;
            }
            yield return header.Zip(row).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;

    private static DateOnly ParseDate(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal ParseDecimal(string value) => decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    // Filing times are IST wall-clock times ("2019-03-01 17:20").
    private static DateTime ParseIstTimestamp(string value) =>
        new DateTimeOffset(DateTime.ParseExact(value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Ist.Offset).UtcDateTime;
}

public sealed class BundledFiles(string directory)
{
    public string Instruments { get; } = Path.Combine(directory, "sectors", "instruments.csv");
    public string Constituents { get; } = Path.Combine(directory, "nifty50-ohlcv", "constituents.csv");
    public string DailyBars { get; } = Path.Combine(directory, "nifty50-ohlcv", "nifty50_constituents_daily_2020-10_2025-09.csv");
    public string IndexBars { get; } = Path.Combine(directory, "nifty50-ohlcv", "nifty50_index_daily_2007-09_2024-12.csv");
    public string QuarterlyResults { get; } = Path.Combine(directory, "india-fundamentals-xbrl", "quarterly_results.csv");
    public string AnnualResults { get; } = Path.Combine(directory, "india-fundamentals-xbrl", "annual_results_and_cashflow.csv");
    public string BalanceSheets { get; } = Path.Combine(directory, "india-fundamentals-xbrl", "balance_sheets.csv");
}
