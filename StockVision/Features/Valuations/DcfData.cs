using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using StockVision.Engines.Valuation;
using StockVision.Features.Screener;

namespace StockVision.Features.Valuations;

/// <summary>One fiscal year's annual results, the few lines a DCF needs; ₹ crore except face value (₹ a share).</summary>
public sealed record AnnualFigures
{
    public DateOnly PeriodEnd { get; init; }
    public string Format { get; init; } = "";
    public decimal? Revenue { get; init; }
    public decimal? OtherIncome { get; init; }
    public decimal? FinanceCosts { get; init; }
    public decimal? Depreciation { get; init; }
    public decimal? ProfitBeforeExceptionalAndTax { get; init; }
    public decimal? ExceptionalItems { get; init; }
    public decimal? ProfitBeforeTax { get; init; }
    public decimal? TaxExpense { get; init; }
    public decimal? PaidUpCapital { get; init; }
    public decimal? FaceValue { get; init; }
    public decimal? SharesOutstanding { get; init; }
    public decimal? PurchaseOfPpe { get; init; }
    public decimal? PurchaseOfIntangibles { get; init; }
}

public sealed record SheetFigures
{
    public DateOnly AsOf { get; init; }
    public decimal? TotalEquity { get; init; }
    public decimal? BorrowingsNoncurrent { get; init; }
    public decimal? BorrowingsCurrent { get; init; }
    public decimal? Cash { get; init; }
    public decimal? CurrentInvestments { get; init; }
    public decimal? MinorityInterest { get; init; }

    public decimal Borrowings => (BorrowingsNoncurrent ?? 0) + (BorrowingsCurrent ?? 0);
}

/// <summary>Everything the defaults are computed from: one statement's annual results and balance sheets, and prices.</summary>
public sealed record DcfHistory(
    string Statement,
    IReadOnlyList<AnnualFigures> Years,
    IReadOnlyList<SheetFigures> Sheets,
    DailyClose? LatestClose,
    IReadOnlyList<DailyClose> StockCloses,
    IReadOnlyList<DailyClose> IndexCloses,
    DateOnly? IndexEnd);

public sealed class DcfData(NpgsqlDataSource db, IMemoryCache cache)
{
    public const string BetaIndex = "NIFTY 50";
    public const int BetaYears = 2;

    // Bundled filings and prices change only when the app restarts with new files or a new session is loaded.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<DcfHistory> HistoryAsync(string symbol, CancellationToken ct) =>
        (await cache.GetOrCreateAsync("dcf:history:" + symbol, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var conn = await db.OpenConnectionAsync(ct);
            var filed = (await conn.QueryAsync<ScreenerData.ResultRow>(new CommandDefinition(DcfSql.Filed, new { Symbol = symbol }, cancellationToken: ct))).ToList();
            var statement = ScreenerData.ChooseStatement(filed);
            var args = new { Symbol = symbol, Statement = statement };
            var years = (await conn.QueryAsync<AnnualFigures>(new CommandDefinition(DcfSql.Annual, args, cancellationToken: ct))).ToList();
            var sheets = (await conn.QueryAsync<SheetFigures>(new CommandDefinition(DcfSql.BalanceSheets, args, cancellationToken: ct))).ToList();
            var latest = await conn.QuerySingleOrDefaultAsync<DailyClose>(new CommandDefinition(DcfSql.LatestClose, new { Symbol = symbol }, cancellationToken: ct));
            var indexEnd = await conn.ExecuteScalarAsync<DateOnly?>(new CommandDefinition(DcfSql.IndexEnd, new { Index = BetaIndex }, cancellationToken: ct));
            IReadOnlyList<DailyClose> stock = [], index = [];
            if (indexEnd is { } to)
            {
                var window = new { Symbol = symbol, Index = BetaIndex, From = BetaWindowStart(to), To = to };
                stock = (await conn.QueryAsync<DailyClose>(new CommandDefinition(DcfSql.Closes, window, cancellationToken: ct))).ToList();
                index = (await conn.QueryAsync<DailyClose>(new CommandDefinition(DcfSql.IndexCloses, window, cancellationToken: ct))).ToList();
            }
            return new DcfHistory(statement, years, sheets, latest, stock, index, indexEnd);
        }))!;

    /// <summary>Two years of daily returns ending on the index's last stored close (the bundled index ends in Dec 2024).</summary>
    public static DateOnly BetaWindowStart(DateOnly end) => end.AddYears(-BetaYears).AddDays(1);
}
