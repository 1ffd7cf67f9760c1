namespace StockVision.Features.Screener;

internal static class ScreenerSql
{
    public const string Freshness = """
        select coalesce((select max(trade_date) from daily_bars), current_date) as LatestSession,
               coalesce((select string_agg(dataset || ':' || checksum, ',' order by dataset) from data_loads), '') as Source,
               r.as_of as AsOf, r.source as RunSource, r.computed_at as ComputedAt
        from (select 1) one
        left join lateral (select as_of, source, computed_at from ratio_snapshot_runs order by as_of desc limit 1) r on true
        """;

    public const string Companies = """
        select symbol as Symbol, name as Name, sector as Industry
        from instruments
        where symbol in (select symbol from financial_results union select symbol from daily_bars)
        order by symbol
        """;

    public const string Results = """
        select symbol as Symbol, statement as Statement, period_end as PeriodEnd, period_months::int as Months, format as Format,
               revenue_from_operations as Revenue, other_income as OtherIncome, total_income as TotalIncome, total_expenses as TotalExpenses,
               finance_costs as FinanceCosts, depreciation_amortisation as Depreciation, profit_before_tax as ProfitBeforeTax,
               net_profit as NetProfit, net_profit_attributable_to_owners as NetProfitToOwners, basic_eps as BasicEps,
               interest_earned as InterestEarned, interest_expended as InterestExpended,
               operating_profit_before_provisions as OperatingProfitBeforeProvisions, shares_outstanding_derived as SharesOutstanding,
               gross_npa_ratio as GrossNpaRatio, net_npa_ratio as NetNpaRatio, cet1_ratio as Cet1Ratio,
               cash_from_operations as CashFromOperations, purchase_of_ppe as PurchaseOfPpe, purchase_of_intangibles as PurchaseOfIntangibles,
               dividends_paid as DividendsPaid
        from financial_results
        order by symbol, period_end
        """;

    public const string BalanceSheets = """
        select symbol as Symbol, statement as Statement, as_of as AsOf, total_assets as TotalAssets, total_equity as TotalEquity,
               equity_attributable_to_owners as EquityToOwners, borrowings_noncurrent as BorrowingsNoncurrent,
               borrowings_current as BorrowingsCurrent, cash_and_cash_equivalents as Cash, current_assets as CurrentAssets,
               current_liabilities as CurrentLiabilities, bank_capital as BankCapital, bank_reserves as BankReserves,
               bank_borrowings as BankBorrowings, bank_advances as BankAdvances, bank_investments as BankInvestments
        from balance_sheets
        order by symbol, as_of
        """;

    public const string Prices = """
        select symbol as Symbol, trade_date as Date, high as High, low as Low, close as Close
        from daily_bars
        order by symbol, trade_date
        """;

    public const string LockSnapshot = "select pg_advisory_xact_lock(@Key)";

    public const string DeleteRun = "delete from ratio_snapshot_runs where as_of = @AsOf";

    public const string InsertRun = "insert into ratio_snapshot_runs (as_of, source, companies, computed_at) values (@AsOf, @Source, @Companies, @ComputedAt)";

    public const string InsertCompany = "insert into ratio_snapshot_companies (as_of, symbol, statement) values (@AsOf, @Symbol, @Statement)";

    public const string CopyValues = "copy ratio_snapshots (as_of, symbol, ratio, value) from stdin (format binary)";

    public const string SnapshotCompanies = """
        select c.symbol as Symbol, i.name as Name, i.sector as Industry, c.statement as Statement
        from ratio_snapshot_companies c
        join instruments i on i.symbol = c.symbol
        where c.as_of = @AsOf
        order by c.symbol
        """;

    public const string SnapshotValues = "select symbol as Symbol, ratio as Ratio, value as Value from ratio_snapshots where as_of = @AsOf";

    public const string Days = "select as_of as AsOf, computed_at as ComputedAt from ratio_snapshot_runs order by as_of desc limit @Limit";
}
