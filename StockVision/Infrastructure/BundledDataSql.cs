namespace StockVision.Infrastructure;

internal static class BundledDataSql
{
    public const string LoadedChecksum = "select checksum from data_loads where dataset = @Dataset";

    public const string RecordLoad = """
        insert into data_loads (dataset, checksum, row_count, loaded_at) values (@Dataset, @Checksum, @RowCount, now())
        on conflict (dataset) do update set checksum = excluded.checksum, row_count = excluded.row_count, loaded_at = excluded.loaded_at
        """;

    public const string UpsertInstrument = """
        insert into instruments (symbol, name, sector, sector_source, isin, in_nifty50)
        values (@Symbol, @Name, @Sector, @SectorSource, @Isin, @InNifty50)
        on conflict (symbol) do update set name = excluded.name, sector = excluded.sector,
            sector_source = excluded.sector_source, isin = excluded.isin, in_nifty50 = excluded.in_nifty50
        """;

    public const string DeleteDailyBars = "delete from daily_bars";

    public const string CopyDailyBars = "copy daily_bars (symbol, trade_date, open, high, low, close, volume) from stdin (format binary)";

    public const string DeleteIndexBars = "delete from index_bars where index_name = @IndexName";

    public const string CopyIndexBars = "copy index_bars (index_name, trade_date, open, high, low, close) from stdin (format binary)";

    public const string DeleteFinancialResults = "delete from financial_results";

    public const string CopyQuarterlyResults = """
        copy financial_results (
        symbol, symbol_as_filed, company_name, statement, format, period_start, period_end, period_months, audited,
        rounding_in_filing, revenue_from_operations, other_income, total_income, cost_of_materials_consumed,
        purchases_of_stock_in_trade, change_in_inventories, employee_benefit_expense, finance_costs,
        depreciation_amortisation, other_expenses, total_expenses, profit_before_exceptional_items_and_tax,
        exceptional_items, profit_before_tax, current_tax, deferred_tax, tax_expense, share_of_profit_of_associates_jv,
        net_profit, net_profit_attributable_to_owners, net_profit_attributable_to_nci, paid_up_equity_share_capital,
        interest_earned, fees_and_commission_income, fees_and_commission_expense, impairment_on_financial_instruments,
        interest_expended, operating_expenses, operating_profit_before_provisions, provisions_and_contingencies,
        face_value, basic_eps, diluted_eps, shares_outstanding_derived, gross_npa_ratio, net_npa_ratio, cet1_ratio,
        return_on_assets_ratio, filed, source_file
        ) from stdin (format binary)
        """;

    public const string CopyAnnualResults = """
        copy financial_results (
        symbol, symbol_as_filed, company_name, statement, format, period_start, period_end, period_months, audited,
        rounding_in_filing, revenue_from_operations, other_income, total_income, cost_of_materials_consumed,
        purchases_of_stock_in_trade, change_in_inventories, employee_benefit_expense, finance_costs,
        depreciation_amortisation, other_expenses, total_expenses, profit_before_exceptional_items_and_tax,
        exceptional_items, profit_before_tax, current_tax, deferred_tax, tax_expense, share_of_profit_of_associates_jv,
        net_profit, net_profit_attributable_to_owners, net_profit_attributable_to_nci, paid_up_equity_share_capital,
        interest_earned, fees_and_commission_income, fees_and_commission_expense, impairment_on_financial_instruments,
        interest_expended, operating_expenses, operating_profit_before_provisions, provisions_and_contingencies,
        face_value, basic_eps, diluted_eps, shares_outstanding_derived, gross_npa_ratio, net_npa_ratio, cet1_ratio,
        return_on_assets_ratio, cash_from_operations, income_taxes_paid_operating, purchase_of_ppe,
        proceeds_from_sale_of_ppe, purchase_of_intangibles, cash_from_investing, proceeds_from_borrowings,
        repayments_of_borrowings, dividends_paid, interest_paid_financing, lease_payments, buyback_payments,
        cash_from_financing, net_change_in_cash, depreciation_addback, filed, source_file
        ) from stdin (format binary)
        """;

    public const string DeleteBalanceSheets = "delete from balance_sheets";

    public const string CopyBalanceSheets = """
        copy balance_sheets (
        symbol, symbol_as_filed, company_name, statement, format, as_of, rounding_in_filing, property_plant_equipment,
        capital_work_in_progress, goodwill, other_intangible_assets, noncurrent_investments, noncurrent_assets,
        inventories, current_investments, trade_receivables_current, cash_and_cash_equivalents, bank_balances_other,
        current_assets, total_assets, equity_share_capital, other_equity, equity_attributable_to_owners,
        non_controlling_interest, total_equity, borrowings_noncurrent, lease_liabilities_noncurrent,
        noncurrent_liabilities, borrowings_current, trade_payables_current, current_liabilities, total_liabilities,
        total_equity_and_liabilities, bank_capital, bank_reserves, bank_deposits, bank_borrowings, bank_investments,
        bank_advances, bank_cash_and_balances_with_rbi, filed, source_file
        ) from stdin (format binary)
        """;
}
