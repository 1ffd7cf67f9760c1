using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace StockVision.Features.Financials;

/// <summary>Consolidated (the group) or standalone (the listed company alone): each filing reports one or both.</summary>
public enum Statement
{
    Consolidated,
    Standalone,
}

/// <summary>One quarterly (3-month) or annual (12-month) results row of one filing; money in ₹ crore, bank ratios as fractions.</summary>
public sealed record FinancialResult
{
    public DateOnly PeriodEnd { get; init; }
    public short PeriodMonths { get; init; }
    public string Format { get; init; } = "";
    public decimal? RevenueFromOperations { get; init; }
    public decimal? OtherIncome { get; init; }
    public decimal? TotalIncome { get; init; }
    public decimal? EmployeeBenefitExpense { get; init; }
    public decimal? FinanceCosts { get; init; }
    public decimal? DepreciationAmortisation { get; init; }
    public decimal? TotalExpenses { get; init; }
    public decimal? ExceptionalItems { get; init; }
    public decimal? ProfitBeforeTax { get; init; }
    public decimal? TaxExpense { get; init; }
    public decimal? NetProfit { get; init; }
    public decimal? NetProfitAttributableToOwners { get; init; }
    public decimal? InterestEarned { get; init; }
    public decimal? FeesAndCommissionIncome { get; init; }
    public decimal? ImpairmentOnFinancialInstruments { get; init; }
    public decimal? InterestExpended { get; init; }
    public decimal? OperatingExpenses { get; init; }
    public decimal? OperatingProfitBeforeProvisions { get; init; }
    public decimal? ProvisionsAndContingencies { get; init; }
    public decimal? BasicEps { get; init; }
    public decimal? GrossNpaRatio { get; init; }
    public decimal? NetNpaRatio { get; init; }
    public decimal? Cet1Ratio { get; init; }
    public decimal? CashFromOperations { get; init; }
    public decimal? PurchaseOfPpe { get; init; }
    public decimal? PurchaseOfIntangibles { get; init; }
    public decimal? CashFromInvesting { get; init; }
    public decimal? CashFromFinancing { get; init; }
    public decimal? DividendsPaid { get; init; }
    public decimal? NetChangeInCash { get; init; }
    public DateTime? Filed { get; init; }
    public string SourceFile { get; init; } = "";
}

/// <summary>The statement of assets and liabilities at one date; ₹ crore.</summary>
public sealed record BalanceSheet
{
    public DateOnly AsOf { get; init; }
    public string Format { get; init; } = "";
    public decimal? PropertyPlantEquipment { get; init; }
    public decimal? CapitalWorkInProgress { get; init; }
    public decimal? Goodwill { get; init; }
    public decimal? OtherIntangibleAssets { get; init; }
    public decimal? NoncurrentInvestments { get; init; }
    public decimal? CurrentInvestments { get; init; }
    public decimal? Inventories { get; init; }
    public decimal? TradeReceivablesCurrent { get; init; }
    public decimal? CashAndCashEquivalents { get; init; }
    public decimal? TotalAssets { get; init; }
    public decimal? EquityShareCapital { get; init; }
    public decimal? OtherEquity { get; init; }
    public decimal? NonControllingInterest { get; init; }
    public decimal? TotalEquity { get; init; }
    public decimal? BorrowingsNoncurrent { get; init; }
    public decimal? BorrowingsCurrent { get; init; }
    public decimal? TradePayablesCurrent { get; init; }
    public decimal? TotalLiabilities { get; init; }
    public decimal? BankCapital { get; init; }
    public decimal? BankReserves { get; init; }
    public decimal? BankDeposits { get; init; }
    public decimal? BankBorrowings { get; init; }
    public decimal? BankInvestments { get; init; }
    public decimal? BankAdvances { get; init; }
    public decimal? BankCashAndBalancesWithRbi { get; init; }
    public DateTime? Filed { get; init; }
    public string SourceFile { get; init; } = "";
}

public sealed record CompanyFinancials(IReadOnlyList<FinancialResult> Results, IReadOnlyList<BalanceSheet> BalanceSheets);

public sealed class FinancialQueries(NpgsqlDataSource db, IMemoryCache cache)
{
    // The filings are bundled data loaded at startup; they change only when the app restarts with new files.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The statements this company files, consolidated first.</summary>
    public async Task<IReadOnlyList<Statement>> StatementsAsync(string symbol, CancellationToken ct) =>
        (await cache.GetOrCreateAsync("financials:statements:" + symbol, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var conn = await db.OpenConnectionAsync(ct);
            var names = await conn.QueryAsync<string>(new CommandDefinition(FinancialsSql.Statements, new { Symbol = symbol }, cancellationToken: ct));
            return (IReadOnlyList<Statement>)names
                .Select(n => Enum.TryParse<Statement>(n, out var s) ? s : (Statement?)null)
                .OfType<Statement>()
                .Order()
                .ToList();
        }))!;

    public async Task<CompanyFinancials> FinancialsAsync(string symbol, Statement statement, CancellationToken ct) =>
        (await cache.GetOrCreateAsync($"financials:{symbol}:{statement}", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            var args = new { Symbol = symbol, Statement = statement.ToString() };
            await using var conn = await db.OpenConnectionAsync(ct);
            var results = await conn.QueryAsync<FinancialResult>(new CommandDefinition(FinancialsSql.Results, args, cancellationToken: ct));
            var sheets = await conn.QueryAsync<BalanceSheet>(new CommandDefinition(FinancialsSql.BalanceSheets, args, cancellationToken: ct));
            return new CompanyFinancials(results.ToList(), sheets.ToList());
        }))!;
}
