namespace StockVision.Engines.Screener;

/// <summary>
/// One period of results as filed (₹ crore; EPS in ₹ per share; bank ratios as filed fractions). Quarterly periods carry
/// no cash-flow figures: companies file those for the year only.
/// </summary>
public sealed record ResultPeriod(
    DateOnly PeriodEnd,
    int Months,
    string Format,
    decimal? Revenue,
    decimal? OtherIncome,
    decimal? TotalIncome,
    decimal? TotalExpenses,
    decimal? FinanceCosts,
    decimal? Depreciation,
    decimal? ProfitBeforeTax,
    decimal? NetProfit,
    decimal? NetProfitToOwners,
    decimal? BasicEps,
    decimal? InterestEarned,
    decimal? InterestExpended,
    decimal? OperatingProfitBeforeProvisions,
    decimal? SharesOutstanding,
    decimal? GrossNpaRatio,
    decimal? NetNpaRatio,
    decimal? Cet1Ratio,
    decimal? CashFromOperations,
    decimal? PurchaseOfPpe,
    decimal? PurchaseOfIntangibles,
    decimal? DividendsPaid)
{
    public bool IsBank => Format == "Banking";

    /// <summary>Banks file no "revenue from operations": their top line is total income (interest earned + other income).</summary>
    public decimal? Sales => IsBank ? TotalIncome : Revenue ?? TotalIncome;

    /// <summary>
    /// Operating profit before depreciation, interest and other income (EBITDA): revenue − (total expenses − finance
    /// costs − depreciation). For banks, operating profit before provisions and contingencies as filed.
    /// </summary>
    public decimal? OperatingProfit => IsBank
        ? OperatingProfitBeforeProvisions
        : Revenue is { } r && TotalExpenses is { } e ? r - (e - (FinanceCosts ?? 0) - (Depreciation ?? 0)) : null;

    /// <summary>Profit attributable to the company's owners; a standalone filing's whole profit is the owners'.</summary>
    public decimal? OwnersProfit => NetProfitToOwners is { } p && p != 0 ? p : NetProfit;

    public decimal? Ebit => ProfitBeforeTax is { } pbt ? pbt + (FinanceCosts ?? 0) : null;

    public decimal? FreeCashFlow => CashFromOperations is { } cfo ? cfo - (PurchaseOfPpe ?? 0) - (PurchaseOfIntangibles ?? 0) : null;

    /// <summary>Net interest income: interest earned less interest expended (banks) or finance costs (NBFCs).</summary>
    public decimal? NetInterestIncome => InterestEarned is { } earned
        ? earned - (IsBank ? InterestExpended ?? 0 : FinanceCosts ?? 0)
        : null;
}

/// <summary>A statement of assets and liabilities (₹ crore). Banks file capital and reserves instead of total equity.</summary>
public sealed record BalanceSheet(
    DateOnly AsOf,
    decimal? TotalAssets,
    decimal? TotalEquity,
    decimal? EquityToOwners,
    decimal? BorrowingsNoncurrent,
    decimal? BorrowingsCurrent,
    decimal? Cash,
    decimal? CurrentAssets,
    decimal? CurrentLiabilities,
    decimal? BankCapital,
    decimal? BankReserves,
    decimal? BankBorrowings,
    decimal? BankAdvances,
    decimal? BankInvestments)
{
    public decimal? Equity => TotalEquity ?? (BankCapital is { } c && BankReserves is { } r ? c + r : null);

    public decimal? OwnersEquity => EquityToOwners ?? Equity;

    /// <summary>Corporate borrowings, current and non-current; null when neither is filed (and for banks, whose deposits are their business).</summary>
    public decimal? Borrowings => BorrowingsNoncurrent is null && BorrowingsCurrent is null ? null : (BorrowingsNoncurrent ?? 0) + (BorrowingsCurrent ?? 0);

    public decimal? EarningAssets => BankAdvances is { } a && BankInvestments is { } i ? a + i : null;
}

/// <summary>One session's prices in ₹ per share, split/bonus-adjusted.</summary>
public sealed record PriceBar(DateOnly Date, decimal High, decimal Low, decimal Close);

/// <summary>
/// Everything the ratio engine knows about one company, from one statement (consolidated where filed): annual and
/// quarterly periods and balance sheets oldest first, and the daily price history oldest first.
/// </summary>
public sealed record CompanyFacts(
    string Symbol,
    string Name,
    string? Industry,
    string Statement,
    IReadOnlyList<ResultPeriod> Annual,
    IReadOnlyList<ResultPeriod> Quarters,
    IReadOnlyList<BalanceSheet> BalanceSheets,
    IReadOnlyList<PriceBar> Prices);
