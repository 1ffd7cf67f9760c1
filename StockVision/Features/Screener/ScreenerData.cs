using Dapper;
using Npgsql;
using NpgsqlTypes;
using StockVision.Engines.Screener;
using StockVision.Infrastructure;

namespace StockVision.Features.Screener;

/// <summary>The ratios of every company as of one price session, ready to screen.</summary>
public sealed class ScreenerSnapshot(DateOnly asOf, DateTimeOffset computedAt, RatioTable table)
{
    private readonly Dictionary<string, int> rows = table.Companies
        .Select((c, i) => (c.Symbol, i))
        .ToDictionary(x => x.Symbol, x => x.i, StringComparer.OrdinalIgnoreCase);

    public DateOnly AsOf { get; } = asOf;

    public DateTimeOffset ComputedAt { get; } = computedAt;

    public RatioTable Table { get; } = table;

    public RatioCatalogue Catalogue => Table.Catalogue;

    public int? RowOf(string symbol) => rows.TryGetValue(symbol, out var row) ? row : null;
}

/// <summary>
/// Keeps the ratio snapshot current: when the latest price session or a bundled dataset changes, one node (under an
/// advisory lock) recomputes every ratio and writes the day's snapshot in one transaction; every node then reloads it.
/// Requests check for a newer snapshot at most every <see cref="CheckInterval"/>.
/// </summary>
public sealed class ScreenerData(NpgsqlDataSource db, TimeProvider clock, ILogger<ScreenerData> log) : IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private ScreenerSnapshot? current;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;

    public RatioCatalogue Catalogue => RatioCatalogue.Default;

    public void Dispose() => gate.Dispose();

    public async Task<ScreenerSnapshot> CurrentAsync(CancellationToken ct)
    {
        if (current is { } snapshot && clock.GetUtcNow() - checkedAt < CheckInterval)
        {
            return snapshot;
        }
        await gate.WaitAsync(ct);
        try
        {
            if (current is { } again && clock.GetUtcNow() - checkedAt < CheckInterval)
            {
                return again;
            }
            await using var conn = await db.OpenConnectionAsync(ct);
            var fresh = await FreshnessAsync(conn, ct);
            if (fresh.AsOf != fresh.LatestSession || fresh.RunSource != fresh.Source)
            {
                await RefreshAsync(conn, ct);
                fresh = await FreshnessAsync(conn, ct);
            }
            if (current is null || current.AsOf != fresh.AsOf || current.ComputedAt.UtcDateTime != fresh.ComputedAt)
            {
                current = await LoadAsync(conn, fresh.AsOf!.Value, new DateTimeOffset(fresh.ComputedAt!.Value, TimeSpan.Zero), ct);
            }
            checkedAt = clock.GetUtcNow();
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The stored snapshots, newest first: today's and the days before it, each as it was computed then.</summary>
    public async Task<IReadOnlyList<ScreenerSnapshot>> HistoryAsync(int days, CancellationToken ct)
    {
        var latest = await CurrentAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var runs = await conn.QueryAsync<RunRow>(new CommandDefinition(ScreenerSql.Days, new { Limit = days }, cancellationToken: ct));
        var history = new List<ScreenerSnapshot>();
        foreach (var run in runs)
        {
            history.Add(run.AsOf == latest.AsOf ? latest : await LoadAsync(conn, run.AsOf, new DateTimeOffset(run.ComputedAt, TimeSpan.Zero), ct));
        }
        return history;
    }

    /// <summary>Every company's facts, from consolidated statements where the company files them.</summary>
    public async Task<IReadOnlyList<CompanyFacts>> LoadFactsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var companies = (await conn.QueryAsync<CompanyRow>(new CommandDefinition(ScreenerSql.Companies, cancellationToken: ct))).ToList();
        var results = (await conn.QueryAsync<ResultRow>(new CommandDefinition(ScreenerSql.Results, cancellationToken: ct))).ToLookup(r => r.Symbol);
        var sheets = (await conn.QueryAsync<BalanceRow>(new CommandDefinition(ScreenerSql.BalanceSheets, cancellationToken: ct))).ToLookup(r => r.Symbol);
        var prices = (await conn.QueryAsync<PriceRow>(new CommandDefinition(ScreenerSql.Prices, cancellationToken: ct))).ToLookup(r => r.Symbol);
        return companies.Select(c =>
        {
            var filed = results[c.Symbol].ToList();
            var statement = ChooseStatement(filed);
            var standaloneQuarters = filed.Where(r => r.Statement == "Standalone" && r.Months == 3).ToDictionary(r => r.PeriodEnd);
            return new CompanyFacts(
                c.Symbol, c.Name, c.Industry, statement,
                filed.Where(r => r.Statement == statement && r.Months == 12).Select(r => r.ToPeriod()).ToList(),
                filed.Where(r => r.Statement == statement && r.Months == 3).Select(r => r.ToPeriod(standaloneQuarters.GetValueOrDefault(r.PeriodEnd))).ToList(),
                sheets[c.Symbol].Where(b => b.Statement == statement).Select(b => b.ToBalanceSheet()).ToList(),
                prices[c.Symbol].Select(p => new PriceBar(p.Date, p.High, p.Low, p.Close)).ToList());
        }).ToList();
    }

    /// <summary>
    /// Consolidated figures describe the whole group an investor owns; standalone ones only when the company files no
    /// consolidated annual results. One statement per company, so no ratio divides a group figure by a parent figure.
    /// </summary>
    internal static string ChooseStatement(IReadOnlyCollection<ResultRow> filed)
    {
        const string consolidated = "Consolidated";
        var annual = filed.Where(r => r.Months == 12).ToList();
        var pool = annual.Count > 0 ? annual : filed.ToList();
        return pool.Any(r => r.Statement == consolidated) ? consolidated : "Standalone";
    }

    private async Task RefreshAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(ScreenerSql.LockSnapshot, new { Key = AdvisoryLocks.RatioSnapshot }, tx, cancellationToken: ct));
        var fresh = await FreshnessAsync(conn, ct);
        if (fresh.AsOf == fresh.LatestSession && fresh.RunSource == fresh.Source)
        {
            await tx.CommitAsync(ct);
            return;
        }
        var started = clock.GetTimestamp();
        var facts = await LoadFactsAsync(conn, ct);
        var ratios = RatioEngine.Compute(Catalogue, facts);
        var asOf = fresh.LatestSession;
        await conn.ExecuteAsync(new CommandDefinition(ScreenerSql.DeleteRun, new { AsOf = asOf }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(ScreenerSql.InsertRun,
            new { AsOf = asOf, fresh.Source, Companies = ratios.Count, ComputedAt = clock.GetUtcNow() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(ScreenerSql.InsertCompany,
            ratios.Select(r => new { AsOf = asOf, r.Symbol, r.Statement }), tx, cancellationToken: ct));
        await using (var copy = await conn.BeginBinaryImportAsync(ScreenerSql.CopyValues, ct))
        {
            foreach (var company in ratios)
            {
                for (var i = 0; i < Catalogue.Count; i++)
                {
                    if (company.Values[i] is not { } value)
                    {
                        continue;
                    }
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(asOf, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync(company.Symbol, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(Catalogue[i].Key, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(value, NpgsqlDbType.Numeric, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        log.LogInformation("Computed {Ratios} ratios for {Companies} companies as of {AsOf} in {Elapsed} ms",
            Catalogue.Count, ratios.Count, asOf, clock.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<ScreenerSnapshot> LoadAsync(NpgsqlConnection conn, DateOnly asOf, DateTimeOffset computedAt, CancellationToken ct)
    {
        var companies = (await conn.QueryAsync<SnapshotCompanyRow>(new CommandDefinition(ScreenerSql.SnapshotCompanies, new { AsOf = asOf }, cancellationToken: ct))).ToList();
        var values = await conn.QueryAsync<SnapshotValueRow>(new CommandDefinition(ScreenerSql.SnapshotValues, new { AsOf = asOf }, cancellationToken: ct));
        var ratios = companies.ToDictionary(c => c.Symbol, c => new CompanyRatios(c.Symbol, c.Name, c.Industry, c.Statement, new decimal?[Catalogue.Count]));
        foreach (var v in values)
        {
            if (Catalogue.IndexOfKey(v.Ratio) is { } i && ratios.TryGetValue(v.Symbol, out var company))
            {
                company.Values[i] = v.Value;
            }
        }
        return new ScreenerSnapshot(asOf, computedAt, new RatioTable(Catalogue, companies.Select(c => ratios[c.Symbol]).ToList()));
    }

    private static async Task<FreshnessRow> FreshnessAsync(NpgsqlConnection conn, CancellationToken ct) =>
        await conn.QuerySingleAsync<FreshnessRow>(new CommandDefinition(ScreenerSql.Freshness, cancellationToken: ct));

    private sealed record FreshnessRow(DateOnly LatestSession, string Source, DateOnly? AsOf, string? RunSource, DateTime? ComputedAt);

    private sealed record CompanyRow(string Symbol, string Name, string? Industry);

    private sealed record RunRow(DateOnly AsOf, DateTime ComputedAt);

    private sealed record SnapshotCompanyRow(string Symbol, string Name, string? Industry, string Statement);

    private sealed record SnapshotValueRow(string Symbol, string Ratio, decimal Value);

    private sealed record PriceRow(string Symbol, DateOnly Date, decimal High, decimal Low, decimal Close);

    internal sealed class ResultRow
    {
        public string Symbol { get; init; } = "";
        public string Statement { get; init; } = "";
        public DateOnly PeriodEnd { get; init; }
        public int Months { get; init; }
        public string Format { get; init; } = "";
        public decimal? Revenue { get; init; }
        public decimal? OtherIncome { get; init; }
        public decimal? TotalIncome { get; init; }
        public decimal? TotalExpenses { get; init; }
        public decimal? FinanceCosts { get; init; }
        public decimal? Depreciation { get; init; }
        public decimal? ProfitBeforeTax { get; init; }
        public decimal? NetProfit { get; init; }
        public decimal? NetProfitToOwners { get; init; }
        public decimal? BasicEps { get; init; }
        public decimal? InterestEarned { get; init; }
        public decimal? InterestExpended { get; init; }
        public decimal? OperatingProfitBeforeProvisions { get; init; }
        public decimal? SharesOutstanding { get; init; }
        public decimal? GrossNpaRatio { get; init; }
        public decimal? NetNpaRatio { get; init; }
        public decimal? Cet1Ratio { get; init; }
        public decimal? CashFromOperations { get; init; }
        public decimal? PurchaseOfPpe { get; init; }
        public decimal? PurchaseOfIntangibles { get; init; }
        public decimal? DividendsPaid { get; init; }

        /// <summary>
        /// A bank's consolidated results file 0 for its asset-quality and capital ratios, which are the bank's own: those
        /// come from its standalone results of the same quarter.
        /// </summary>
        public ResultPeriod ToPeriod(ResultRow? standalone = null)
        {
            var bankRatiosFrom = Format == "Banking" && standalone is not null ? standalone : this;
            return new(PeriodEnd, Months, Format, Revenue, OtherIncome, TotalIncome, TotalExpenses, FinanceCosts,
                Depreciation, ProfitBeforeTax, NetProfit, NetProfitToOwners, BasicEps, InterestEarned, InterestExpended,
                OperatingProfitBeforeProvisions, SharesOutstanding, NonZero(GrossNpaRatio) ?? bankRatiosFrom.GrossNpaRatio,
                NonZero(NetNpaRatio) ?? bankRatiosFrom.NetNpaRatio, NonZero(Cet1Ratio) ?? bankRatiosFrom.Cet1Ratio, CashFromOperations,
                PurchaseOfPpe, PurchaseOfIntangibles, DividendsPaid);
        }

        private static decimal? NonZero(decimal? value) => value is 0 ? null : value;
    }

    private sealed class BalanceRow
    {
        public string Symbol { get; init; } = "";
        public string Statement { get; init; } = "";
        public DateOnly AsOf { get; init; }
        public decimal? TotalAssets { get; init; }
        public decimal? TotalEquity { get; init; }
        public decimal? EquityToOwners { get; init; }
        public decimal? BorrowingsNoncurrent { get; init; }
        public decimal? BorrowingsCurrent { get; init; }
        public decimal? Cash { get; init; }
        public decimal? CurrentAssets { get; init; }
        public decimal? CurrentLiabilities { get; init; }
        public decimal? BankCapital { get; init; }
        public decimal? BankReserves { get; init; }
        public decimal? BankBorrowings { get; init; }
        public decimal? BankAdvances { get; init; }
        public decimal? BankInvestments { get; init; }

        public BalanceSheet ToBalanceSheet() => new(AsOf, TotalAssets, TotalEquity, EquityToOwners, BorrowingsNoncurrent, BorrowingsCurrent,
            Cash, CurrentAssets, CurrentLiabilities, BankCapital, BankReserves, BankBorrowings, BankAdvances, BankInvestments);
    }
}
