namespace StockVision.Features.Valuations;

internal static class DcfSql
{
    // Which statements the company files, for ScreenerData.ChooseStatement: the DCF reads the same one as the ratios.
    public const string Filed = """
        select statement as Statement, period_months::int as Months
        from financial_results
        where symbol = @Symbol and period_months in (3, 12)
        """;

    public const string Annual = """
        select period_end as PeriodEnd, format as Format, revenue_from_operations as Revenue, other_income as OtherIncome,
               finance_costs as FinanceCosts, depreciation_amortisation as Depreciation,
               profit_before_exceptional_items_and_tax as ProfitBeforeExceptionalAndTax, exceptional_items as ExceptionalItems,
               profit_before_tax as ProfitBeforeTax, tax_expense as TaxExpense,
               paid_up_equity_share_capital as PaidUpCapital, face_value as FaceValue,
               shares_outstanding_derived as SharesOutstanding, purchase_of_ppe as PurchaseOfPpe,
               purchase_of_intangibles as PurchaseOfIntangibles
        from financial_results
        where symbol = @Symbol and statement = @Statement and period_months = 12
        order by period_end
        """;

    public const string BalanceSheets = """
        select as_of as AsOf, total_equity as TotalEquity, borrowings_noncurrent as BorrowingsNoncurrent,
               borrowings_current as BorrowingsCurrent, cash_and_cash_equivalents as Cash,
               current_investments as CurrentInvestments, non_controlling_interest as MinorityInterest
        from balance_sheets
        where symbol = @Symbol and statement = @Statement
        order by as_of
        """;

    public const string LatestClose = """
        select trade_date as Date, close as Close
        from daily_bars
        where symbol = @Symbol
        order by trade_date desc
        limit 1
        """;

    public const string IndexEnd = "select max(trade_date) from index_bars where index_name = @Index";

    public const string Closes = """
        select trade_date as Date, close as Close
        from daily_bars
        where symbol = @Symbol and trade_date between @From and @To
        order by trade_date
        """;

    public const string IndexCloses = """
        select trade_date as Date, close as Close
        from index_bars
        where index_name = @Index and trade_date between @From and @To
        order by trade_date
        """;
}
