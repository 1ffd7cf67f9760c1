namespace StockVision.Features.Financials;

internal static class FinancialsSql
{
    public const string Statements = """
        select statement from financial_results where symbol = @Symbol
        union
        select statement from balance_sheets where symbol = @Symbol
        """;

    // Quarterly and annual rows of one statement; the builder picks the periods it shows.
    public const string Results = """
        select period_end as PeriodEnd, period_months as PeriodMonths, format as Format,
               revenue_from_operations as RevenueFromOperations, other_income as OtherIncome, total_income as TotalIncome,
               employee_benefit_expense as EmployeeBenefitExpense, finance_costs as FinanceCosts,
               depreciation_amortisation as DepreciationAmortisation, total_expenses as TotalExpenses,
               exceptional_items as ExceptionalItems, profit_before_tax as ProfitBeforeTax, tax_expense as TaxExpense,
               net_profit as NetProfit, net_profit_attributable_to_owners as NetProfitAttributableToOwners,
               interest_earned as InterestEarned, fees_and_commission_income as FeesAndCommissionIncome,
               impairment_on_financial_instruments as ImpairmentOnFinancialInstruments,
               interest_expended as InterestExpended, operating_expenses as OperatingExpenses,
               operating_profit_before_provisions as OperatingProfitBeforeProvisions,
               provisions_and_contingencies as ProvisionsAndContingencies,
               basic_eps as BasicEps, gross_npa_ratio as GrossNpaRatio, net_npa_ratio as NetNpaRatio, cet1_ratio as Cet1Ratio,
               cash_from_operations as CashFromOperations, purchase_of_ppe as PurchaseOfPpe,
               purchase_of_intangibles as PurchaseOfIntangibles, cash_from_investing as CashFromInvesting,
               cash_from_financing as CashFromFinancing, dividends_paid as DividendsPaid, net_change_in_cash as NetChangeInCash,
               filed as Filed, source_file as SourceFile
        from financial_results
        where symbol = @Symbol and statement = @Statement and period_months in (3, 12)
        order by period_end
        """;

    public const string BalanceSheets = """
        select as_of as AsOf, format as Format,
               property_plant_equipment as PropertyPlantEquipment, capital_work_in_progress as CapitalWorkInProgress,
               goodwill as Goodwill, other_intangible_assets as OtherIntangibleAssets,
               noncurrent_investments as NoncurrentInvestments, current_investments as CurrentInvestments,
               inventories as Inventories, trade_receivables_current as TradeReceivablesCurrent,
               cash_and_cash_equivalents as CashAndCashEquivalents, total_assets as TotalAssets,
               equity_share_capital as EquityShareCapital, other_equity as OtherEquity,
               non_controlling_interest as NonControllingInterest, total_equity as TotalEquity,
               borrowings_noncurrent as BorrowingsNoncurrent, borrowings_current as BorrowingsCurrent,
               trade_payables_current as TradePayablesCurrent, total_liabilities as TotalLiabilities,
               bank_capital as BankCapital, bank_reserves as BankReserves, bank_deposits as BankDeposits,
               bank_borrowings as BankBorrowings, bank_investments as BankInvestments, bank_advances as BankAdvances,
               bank_cash_and_balances_with_rbi as BankCashAndBalancesWithRbi,
               filed as Filed, source_file as SourceFile
        from balance_sheets
        where symbol = @Symbol and statement = @Statement
        order by as_of
        """;
}
