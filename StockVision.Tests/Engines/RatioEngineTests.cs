using StockVision.Engines.Screener;
using static StockVision.Tests.Engines.RatioFilings;

namespace StockVision.Tests.Engines;

/// <summary>
/// Every ratio in <see cref="RatioCatalogue.Default"/> against a value worked out by hand from the filings in
/// <see cref="RatioFilings"/>: each expected value is the arithmetic written out with the filed figures, never a call
/// into the engine. INFY's table names every ratio (null where its filings cannot give one, with the reason);
/// the other tables add the ratios INFY cannot show.
/// </summary>
public class RatioEngineTests
{
    private static readonly RatioCatalogue Catalogue = RatioCatalogue.Default;

    private static decimal? RatioOf(CompanyFacts facts, string key) =>
        RatioEngine.Compute(Catalogue, [facts]).Single()[Catalogue, key];

    private static void AssertRatio(decimal? expected, decimal? actual)
    {
        if (expected is not { } e)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(e, actual.Value, 6);
    }

    /// <summary>A compound annual growth rate in percent, as the formula text states it.</summary>
    private static decimal Cagr(double end, double start, int years) => (decimal)((Math.Pow(end / start, 1.0 / years) - 1) * 100);

    private static TheoryData<string, decimal?> Rows(IEnumerable<(string Key, decimal? Expected)> rows)
    {
        var data = new TheoryData<string, decimal?>();
        foreach (var (key, expected) in rows)
        {
            data.Add(key, expected);
        }
        return data;
    }

    // INFY: last close 1,880.0 (2024-12-31) × 4,144,000,000 shares (Dec-2024 quarter, the latest filing) ÷ 1 crore.
    private const decimal InfyMarketCap = 1_880.0m * 4_144_000_000m / 10_000_000m;

    // INFY operating profit = revenue − (total expenses − finance costs − depreciation), per filed period.
    private const decimal InfyOpFy2024 = 153_670m - (122_393m - 470m - 4_678m);
    private const decimal InfyOpFy2023 = 146_767m - (116_146m - 284m - 4_225m);
    private const decimal InfyOpFy2022 = 121_641m - (93_826m - 200m - 3_476m);
    private const decimal InfyOpFy2021 = 100_472m - (76_045m - 195m - 3_267m);
    private const decimal InfyOpFy2020 = 90_791m - (71_587m - 170m - 2_893m);
    private const decimal InfyOpFy2019 = 82_675m - (64_516m - 0m - 2_011m);
    private const decimal InfyOpDec2023 = 38_821m - (30_991m - 131m - 1_176m);
    private const decimal InfyOpMar2024 = 37_923m - (30_412m - 110m - 1_163m);
    private const decimal InfyOpJun2024 = 39_315m - (31_132m - 105m - 1_149m);
    private const decimal InfyOpSep2024 = 40_986m - (32_445m - 108m - 1_160m);
    private const decimal InfyOpDec2024 = 41_764m - (32_953m - 101m - 1_203m);
    private const decimal InfyEbitdaTtm = InfyOpMar2024 + InfyOpJun2024 + InfyOpSep2024 + InfyOpDec2024;

    // INFY EV: market cap + borrowings (0 + 0) − cash 21,799, all from the 2024-09-30 balance sheet.
    private const decimal InfyEnterpriseValue = InfyMarketCap + (0m + 0m) - 21_799m;

    public static readonly (string Key, decimal? Expected)[] InfyExpected =
    [
        ("current_price", 1_880.0m),
        // One session in the facts, so the 52-week range is that session's high and low.
        ("high_price", 1_897.0m),
        ("low_price", 1_845.05m),
        ("market_cap", InfyMarketCap),
        ("pe", 1_880.0m / (19.25m + 15.38m + 15.71m + 16.43m)),
        // INFY is alone in its industry here, so the median is its own P/E.
        ("industry_pe", 1_880.0m / (19.25m + 15.38m + 15.71m + 16.43m)),
        ("book_value", 90_463m * 10_000_000m / 4_144_000_000m),
        ("pb", 1_880.0m / (90_463m * 10_000_000m / 4_144_000_000m)),
        ("enterprise_value", InfyEnterpriseValue),
        ("ev_ebitda", InfyEnterpriseValue / InfyEbitdaTtm),
        ("dividend_yield", 14_731m / InfyMarketCap * 100),
        ("fcf_yield", (25_210m - 2_201m - 0m) / InfyMarketCap * 100),

        ("sales", 37_923m + 39_315m + 40_986m + 41_764m),
        ("sales_last_year", 153_670m),
        ("sales_preceding_year", 146_767m),
        ("sales_latest_quarter", 41_764m),
        ("sales_preceding_quarter", 40_986m),
        ("sales_quarterly_growth", (41_764m / 38_821m - 1) * 100),
        ("sales_growth", (153_670m / 146_767m - 1) * 100),
        ("sales_growth_3y", Cagr(153_670, 100_472, 3)),
        ("sales_growth_5y", Cagr(153_670, 82_675, 5)),

        ("operating_profit", InfyEbitdaTtm),
        ("operating_profit_last_year", InfyOpFy2024),
        ("operating_profit_preceding_year", InfyOpFy2023),
        ("operating_profit_latest_quarter", InfyOpDec2024),
        ("operating_profit_preceding_quarter", InfyOpSep2024),
        ("operating_profit_quarterly_growth", (InfyOpDec2024 / InfyOpDec2023 - 1) * 100),
        ("operating_profit_growth", (InfyOpFy2024 / InfyOpFy2023 - 1) * 100),
        ("operating_profit_growth_3y", Cagr((double)InfyOpFy2024, (double)InfyOpFy2021, 3)),
        ("operating_profit_growth_5y", Cagr((double)InfyOpFy2024, (double)InfyOpFy2019, 5)),

        // Net profit is the owners' share (net_profit_attributable_to_owners), not net_profit.
        ("net_profit", 7_969m + 6_368m + 6_506m + 6_806m),
        ("net_profit_last_year", 26_233m),
        ("net_profit_preceding_year", 24_095m),
        ("net_profit_latest_quarter", 6_806m),
        ("net_profit_preceding_quarter", 6_506m),
        ("net_profit_quarterly_growth", (6_806m / 6_106m - 1) * 100),
        ("net_profit_growth", (26_233m / 24_095m - 1) * 100),
        ("net_profit_growth_3y", Cagr(26_233, 19_351, 3)),
        ("net_profit_growth_5y", Cagr(26_233, 15_404, 5)),

        ("eps", 19.25m + 15.38m + 15.71m + 16.43m),
        ("eps_last_year", 63.39m),
        ("eps_preceding_year", 57.63m),
        ("eps_latest_quarter", 16.43m),
        ("eps_preceding_quarter", 15.71m),
        ("eps_quarterly_growth", (16.43m / 14.76m - 1) * 100),
        ("eps_growth", (63.39m / 57.63m - 1) * 100),
        ("eps_growth_3y", Cagr(63.39, 45.61, 3)),
        ("eps_growth_5y", Cagr(63.39, 35.44, 5)),

        ("opm", InfyOpFy2024 / 153_670m * 100),
        ("opm_preceding_year", InfyOpFy2023 / 146_767m * 100),
        ("opm_latest_quarter", InfyOpDec2024 / 41_764m * 100),
        ("opm_preceding_quarter", InfyOpSep2024 / 40_986m * 100),
        ("opm_average_3y", (InfyOpFy2024 / 153_670m * 100 + InfyOpFy2023 / 146_767m * 100 + InfyOpFy2022 / 121_641m * 100) / 3),
        ("opm_average_5y", (InfyOpFy2024 / 153_670m * 100 + InfyOpFy2023 / 146_767m * 100 + InfyOpFy2022 / 121_641m * 100
            + InfyOpFy2021 / 100_472m * 100 + InfyOpFy2020 / 90_791m * 100) / 5),

        ("npm", 26_233m / 153_670m * 100),
        ("npm_preceding_year", 24_095m / 146_767m * 100),
        ("npm_latest_quarter", 6_806m / 41_764m * 100),
        ("npm_preceding_quarter", 6_506m / 40_986m * 100),
        ("npm_average_3y", (26_233m / 153_670m * 100 + 24_095m / 146_767m * 100 + 22_110m / 121_641m * 100) / 3),
        ("npm_average_5y", (26_233m / 153_670m * 100 + 24_095m / 146_767m * 100 + 22_110m / 121_641m * 100
            + 19_351m / 100_472m * 100 + 16_594m / 90_791m * 100) / 5),

        // Owners' equity averaged over the opening (2023-03-31) and closing (2024-03-31) balance sheets.
        ("roe", 26_233m / ((75_407m + 88_116m) / 2) * 100),
        // No 2022-03-31 balance sheet in XBRL (corporate sheets start 2022-09-30): closing equity alone, as documented.
        ("roe_preceding_year", 24_095m / 75_407m * 100),
        // The averages need FY2022's ROE, which needs the missing 2022-03-31 sheet: no value.
        ("roe_average_3y", null),
        ("roe_average_5y", null),
        // EBIT (PBT + finance costs) ÷ average (total equity + borrowings 0).
        ("roce", (35_988m + 470m) / ((75_795m + 0m + (88_461m + 0m)) / 2) * 100),
        ("roce_preceding_year", (33_322m + 284m) / (75_795m + 0m) * 100),
        ("roce_average_3y", null),
        ("roce_average_5y", null),
        ("roa", 26_233m / ((125_816m + 137_814m) / 2) * 100),
        ("roa_preceding_year", 24_095m / 125_816m * 100),

        ("dividend_payout", 14_731m / 26_233m * 100),
        ("dividend_payout_preceding_year", 13_653m / 24_095m * 100),
        ("dividend_payout_average_3y", (14_731m / 26_233m * 100 + 13_653m / 24_095m * 100 + 12_731m / 22_110m * 100) / 3),
        // The FY2020 and FY2021 filings carry no cash-flow statement, so there are no dividends paid for them.
        ("dividend_payout_average_5y", null),

        // The latest balance sheet is the half-year one of 2024-09-30.
        ("debt", 0m + 0m),
        ("net_worth", 90_463m),
        ("debt_to_equity", (0m + 0m) / 90_830m),
        ("current_ratio", 89_531m / 40_830m),
        ("interest_coverage", (35_988m + 470m) / 470m),

        ("free_cash_flow", 25_210m - 2_201m - 0m),
        ("free_cash_flow_preceding_year", 22_467m - 2_579m - 0m),
        ("free_cash_flow_average_3y", ((25_210m - 2_201m) + (22_467m - 2_579m) + (23_885m - 2_161m)) / 3),
        ("free_cash_flow_average_5y", null),
        ("cash_from_operations", 25_210m),
        ("cash_from_operations_preceding_year", 22_467m),

        // One session of prices: no history for returns, averages or RSI (see the synthetic series below).
        ("return_1m", null),
        ("return_3m", null),
        ("return_6m", null),
        ("return_1y", null),
        ("return_3y", null),
        ("dma_50", null),
        ("dma_200", null),
        ("rsi", null),

        // An IndAS company files no interest earned or bank ratios.
        ("net_interest_income", null),
        ("net_interest_margin", null),
        ("gross_npa", null),
        ("net_npa", null),
        ("cet1", null),
    ];

    public static TheoryData<string, decimal?> InfyRows => Rows(InfyExpected);

    [Theory]
    [MemberData(nameof(InfyRows))]
    public void INFY_consolidated_ratio_matches_the_hand_calculation_from_its_filings(string key, decimal? expected) =>
        AssertRatio(expected, RatioOf(Infy, key));

    private const decimal AdaniMarketCap = 1_231.1m * 2_160_150_000m / 10_000_000m;
    private const decimal AdaniDebt = 37_849.34m + 6_209.25m;
    private const decimal AdaniEbitdaTtm =
        (6_896.5m - (4_450.52m - 618.78m - 979.09m)) + (7_559.59m - (4_238.94m - 515.23m - 1_011.87m))
        + (7_067.02m - (4_433.96m - 659.24m - 1_076.57m)) + (7_963.55m - (5_190.53m - 923.28m - 1_105.76m));

    public static readonly (string Key, decimal? Expected)[] AdaniPortsExpected =
    [
        ("market_cap", AdaniMarketCap),
        ("debt", AdaniDebt),
        ("debt_to_equity", AdaniDebt / 59_082.31m),
        ("enterprise_value", AdaniMarketCap + AdaniDebt - 714.3m),
        ("ev_ebitda", (AdaniMarketCap + AdaniDebt - 714.3m) / AdaniEbitdaTtm),
        ("interest_coverage", (10_255.42m + 2_845.76m) / 2_845.76m),
        ("roce", (10_255.42m + 2_845.76m) / ((46_922.09m + 46_516.94m + 4_001.49m + (54_543m + 37_662.93m + 8_616.3m)) / 2) * 100),
        ("roce_preceding_year", (5_441.35m + 2_362.64m) / (46_922.09m + 46_516.94m + 4_001.49m) * 100),
        ("roe", 8_110.64m / ((45_583.58m + 52_944.77m) / 2) * 100),
        ("current_ratio", 17_074.74m / 15_148.64m),
        ("net_worth", 57_176.45m),
        ("pe", 1_231.1m / (9.44m + 14.41m + 11.32m + 11.67m)),
    ];

    public static TheoryData<string, decimal?> AdaniPortsRows => Rows(AdaniPortsExpected);

    [Theory]
    [MemberData(nameof(AdaniPortsRows))]
    public void ADANIPORTS_consolidated_debt_and_valuation_ratio_matches_the_hand_calculation(string key, decimal? expected) =>
        AssertRatio(expected, RatioOf(AdaniPorts, key));

    private const decimal HdfcNiiFy2024 = 283_649.02m - 154_138.55m;

    public static readonly (string Key, decimal? Expected)[] HdfcBankConsolidatedExpected =
    [
        ("net_interest_income", HdfcNiiFy2024),
        // Earning assets = advances + investments; no 2023-03-31 sheet was filed, so the closing one alone.
        ("net_interest_margin", HdfcNiiFy2024 / (2_565_891.41m + 1_005_681.63m) * 100),
        // The consolidated quarters file 0 for these ratios, which SOURCE.md documents as "not reported".
        ("gross_npa", null),
        ("net_npa", null),
        ("cet1", null),
        // Banks' top line is total income; their operating profit is before provisions, as filed.
        ("sales", 124_391.35m + 116_996.49m + 121_456.74m + 112_193.94m),
        ("sales_last_year", 407_994.77m),
        ("operating_profit_last_year", 101_586.88m),
        ("opm", 101_586.88m / 407_994.77m * 100),
        ("net_profit_latest_quarter", 17_656.61m),
        ("net_worth", 763.08m + 477_794.04m),
        ("book_value", (763.08m + 477_794.04m) * 10_000_000m / 7_648_300_000m),
        ("roe", 64_062.04m / (759.69m + 452_982.84m) * 100),
        // Deposits and borrowings are a bank's raw material, not debt: none of these apply. ROCE would otherwise have
        // inputs (capital + reserves), so its null shows the bank rule rather than a missing figure.
        ("roce", null),
        ("roce_preceding_year", null),
        ("debt", null),
        ("debt_to_equity", null),
        ("enterprise_value", null),
        ("ev_ebitda", null),
        ("interest_coverage", null),
    ];

    public static TheoryData<string, decimal?> HdfcBankConsolidatedRows => Rows(HdfcBankConsolidatedExpected);

    [Theory]
    [MemberData(nameof(HdfcBankConsolidatedRows))]
    public void HDFCBANK_consolidated_bank_ratio_matches_the_hand_calculation(string key, decimal? expected) =>
        AssertRatio(expected, RatioOf(HdfcBank("Consolidated"), key));

    public static readonly (string Key, decimal? Expected)[] HdfcBankStandaloneExpected =
    [
        // Filed as fractions (0.0142 = 1.42 %) for the quarter to 2024-12-31.
        ("gross_npa", 0.0142m * 100),
        ("net_npa", 0.0046m * 100),
        ("cet1", 0.1997m * 100),
    ];

    public static TheoryData<string, decimal?> HdfcBankStandaloneRows => Rows(HdfcBankStandaloneExpected);

    [Theory]
    [MemberData(nameof(HdfcBankStandaloneRows))]
    public void HDFCBANK_standalone_asset_quality_ratio_is_the_filed_fraction_in_percent(string key, decimal? expected) =>
        AssertRatio(expected, RatioOf(HdfcBank("Standalone"), key));

    /// <summary>
    /// One bar a calendar day from 2021-12-31 (day 0) to 2024-12-31 (day 1,096), close = 100 + day, high = close + 5,
    /// low = close − 5: every close a formula needs can be read off its date.
    /// </summary>
    internal static CompanyFacts RisingPrices => Company("RISING", "Standalone",
        prices: Enumerable.Range(0, 1_097)
            .Select(day => new PriceBar(D("2021-12-31").AddDays(day), 100m + day + 5, 100m + day - 5, 100m + day))
            .ToList());

    public static readonly (string Key, decimal? Expected)[] RisingPricesExpected =
    [
        ("current_price", 100m + 1_096),
        ("high_price", 100m + 1_096 + 5),
        // The 52 weeks start after 2023-12-31 (day 730): the first bar in the window is 2024-01-01, day 731.
        ("low_price", 100m + 731 - 5),
        // 2024-11-30 is day 1,065; 2024-09-30 day 1,004; 2024-06-30 day 912; 2023-12-31 day 730.
        ("return_1m", ((100m + 1_096) / (100m + 1_065) - 1) * 100),
        ("return_3m", ((100m + 1_096) / (100m + 1_004) - 1) * 100),
        ("return_6m", ((100m + 1_096) / (100m + 912) - 1) * 100),
        ("return_1y", ((100m + 1_096) / (100m + 730) - 1) * 100),
        // Three years back is the first bar, day 0; the 3-year return is compounded.
        ("return_3y", Cagr(100 + 1_096, 100, 3)),
        // The mean of an arithmetic run is the mean of its ends: days 1,047–1,096 and 897–1,096.
        ("dma_50", ((100m + 1_047) + (100m + 1_096)) / 2),
        ("dma_200", ((100m + 897) + (100m + 1_096)) / 2),
        // Never a loss, so the average loss is 0 and RSI is 100 by Wilder's convention.
        ("rsi", 100m),
    ];

    public static TheoryData<string, decimal?> RisingPricesRows => Rows(RisingPricesExpected);

    [Theory]
    [MemberData(nameof(RisingPricesRows))]
    public void Price_ratio_of_a_steadily_rising_series_matches_the_hand_calculation(string key, decimal? expected) =>
        AssertRatio(expected, RatioOf(RisingPrices, key));

    /// <summary>
    /// Made-up round figures, FY2020–FY2024, with a balance sheet at every year end from 2019-03-31: no corporate in
    /// the XBRL extract has balance sheets before Sep-2022 or five years of cash flows, so no real company has these
    /// averages. Equity 90, 110, 130, 170, 190, 210 (2019…2024); borrowings 10 throughout.
    /// </summary>
    internal static CompanyFacts FiveYears => Company("FIVEYEARS", "Standalone",
        annual:
        [
            Period("2020-03-31", 12, pbt: 9, financeCosts: 1, netProfit: 10, owners: 10, cfo: 20, ppe: 5, dividends: 5),
            Period("2021-03-31", 12, pbt: 7, financeCosts: 1, netProfit: 6, owners: 6, cfo: 22, ppe: 4, dividends: 3),
            Period("2022-03-31", 12, pbt: 35, financeCosts: 1, netProfit: 30, owners: 30, cfo: 25, ppe: 6, dividends: 6),
            Period("2023-03-31", 12, pbt: 20, financeCosts: 1, netProfit: 18, owners: 18, cfo: 28, ppe: 8, dividends: 9),
            Period("2024-03-31", 12, pbt: 40, financeCosts: 1, netProfit: 30, owners: 30, cfo: 30, ppe: 7, dividends: 12),
        ],
        sheets: new[] { ("2019-03-31", 90m), ("2020-03-31", 110m), ("2021-03-31", 130m), ("2022-03-31", 170m), ("2023-03-31", 190m), ("2024-03-31", 210m) }
            .Select(s => Sheet(s.Item1, totalAssets: s.Item2 + 10, totalEquity: s.Item2, owners: s.Item2, borrowingsNoncurrent: 10, borrowingsCurrent: 0))
            .ToList());

    public static readonly (string Key, decimal? Expected)[] FiveYearsExpected =
    [
        ("roe_average_3y", (30m / ((190m + 210m) / 2) * 100 + 18m / ((170m + 190m) / 2) * 100 + 30m / ((130m + 170m) / 2) * 100) / 3),
        ("roe_average_5y", (30m / ((190m + 210m) / 2) * 100 + 18m / ((170m + 190m) / 2) * 100 + 30m / ((130m + 170m) / 2) * 100
            + 6m / ((110m + 130m) / 2) * 100 + 10m / ((90m + 110m) / 2) * 100) / 5),
        // Capital employed = equity + 10 of borrowings.
        ("roce_average_3y", ((40m + 1) / ((200m + 220m) / 2) * 100 + (20m + 1) / ((180m + 200m) / 2) * 100 + (35m + 1) / ((140m + 180m) / 2) * 100) / 3),
        ("roce_average_5y", ((40m + 1) / ((200m + 220m) / 2) * 100 + (20m + 1) / ((180m + 200m) / 2) * 100 + (35m + 1) / ((140m + 180m) / 2) * 100
            + (7m + 1) / ((120m + 140m) / 2) * 100 + (9m + 1) / ((100m + 120m) / 2) * 100) / 5),
        ("dividend_payout_average_5y", (12m / 30 * 100 + 9m / 18 * 100 + 6m / 30 * 100 + 3m / 6 * 100 + 5m / 10 * 100) / 5),
        ("free_cash_flow_average_5y", ((30m - 7) + (28m - 8) + (25m - 6) + (22m - 4) + (20m - 5)) / 5),
    ];

    public static TheoryData<string, decimal?> FiveYearsRows => Rows(FiveYearsExpected);

    [Theory]
    [MemberData(nameof(FiveYearsRows))]
    public void Average_over_five_years_of_filings_matches_the_hand_calculation(string key, decimal? expected) =>
        AssertRatio(expected, RatioOf(FiveYears, key));

    [Fact]
    public void INFY_table_names_every_ratio_in_the_catalogue_once()
    {
        var keys = InfyExpected.Select(r => r.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(Catalogue.Ratios.Select(r => r.Key).Order(), keys.Order());
    }

    [Fact]
    public void Every_ratio_in_the_catalogue_has_a_non_null_hand_checked_value()
    {
        var checkedKeys = new[] { InfyExpected, AdaniPortsExpected, HdfcBankConsolidatedExpected, HdfcBankStandaloneExpected, RisingPricesExpected, FiveYearsExpected }
            .SelectMany(rows => rows)
            .Where(r => r.Expected is not null)
            .Select(r => r.Key)
            .ToHashSet();
        var missing = Catalogue.Ratios.Select(r => r.Key).Where(k => !checkedKeys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"No non-null hand-checked value for: {string.Join(", ", missing)}");
    }
}
