using StockVision.Engines.Screener;

namespace StockVision.Tests.Engines;

/// <summary>
/// Real filings copied by hand from StockVision/Data/india-fundamentals-xbrl (₹ crore; EPS ₹; bank ratios as filed
/// fractions) and closes from StockVision/Data/nifty50-ohlcv. Each row names the CSV and the XBRL instance it came from
/// (the CSV's source_file column, under corporate-filingsNSE/DATA/&lt;symbol&gt;/XBRL/), so a reviewer can find the line.
/// Copied rather than loaded so a test's expected value and its inputs sit side by side and never drift apart.
/// </summary>
internal static class RatioFilings
{
    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static ResultPeriod Period(
        string end, int months, string format = "IndAS",
        decimal? revenue = null, decimal? otherIncome = null, decimal? totalIncome = null, decimal? totalExpenses = null,
        decimal? financeCosts = null, decimal? depreciation = null, decimal? pbt = null, decimal? netProfit = null,
        decimal? owners = null, decimal? eps = null, decimal? interestEarned = null, decimal? interestExpended = null,
        decimal? opBeforeProvisions = null, decimal? shares = null, decimal? gnpa = null, decimal? nnpa = null, decimal? cet1 = null,
        decimal? cfo = null, decimal? ppe = null, decimal? intangibles = null, decimal? dividends = null) =>
        new(D(end), months, format, revenue, otherIncome, totalIncome, totalExpenses, financeCosts, depreciation, pbt, netProfit,
            owners, eps, interestEarned, interestExpended, opBeforeProvisions, shares, gnpa, nnpa, cet1, cfo, ppe, intangibles, dividends);

    public static BalanceSheet Sheet(
        string asOf, decimal? totalAssets = null, decimal? totalEquity = null, decimal? owners = null,
        decimal? borrowingsNoncurrent = null, decimal? borrowingsCurrent = null, decimal? cash = null,
        decimal? currentAssets = null, decimal? currentLiabilities = null) =>
        new(D(asOf), totalAssets, totalEquity, owners, borrowingsNoncurrent, borrowingsCurrent, cash, currentAssets, currentLiabilities,
            null, null, null, null, null);

    public static BalanceSheet BankSheet(
        string asOf, decimal totalAssets, decimal capital, decimal reserves, decimal borrowings, decimal advances, decimal investments) =>
        new(D(asOf), totalAssets, null, null, null, null, null, null, null, capital, reserves, borrowings, advances, investments);

    public static PriceBar Bar(string date, decimal high, decimal low, decimal close) => new(D(date), high, low, close);

    public static CompanyFacts Company(
        string symbol, string statement, IReadOnlyList<ResultPeriod>? annual = null, IReadOnlyList<ResultPeriod>? quarters = null,
        IReadOnlyList<BalanceSheet>? sheets = null, IReadOnlyList<PriceBar>? prices = null, string? industry = null) =>
        new(symbol, symbol, industry, statement, annual ?? [], quarters ?? [], sheets ?? [], prices ?? []);

    /// <summary>INFY, Consolidated (IndAS), FY2019–FY2024: six years, so a 5-year CAGR has both ends.</summary>
    public static CompanyFacts Infy => Company("INFY", "Consolidated", industry: "IT",
        annual:
        [
            // annual_results_and_cashflow.csv, 18Oct2019_1840_INDAS_48345_135245_05092019030633_WEB.xml (no cash flows in this filing)
            Period("2019-03-31", 12, revenue: 82_675, otherIncome: 2_882, totalIncome: 85_557, totalExpenses: 64_516, financeCosts: 0,
                depreciation: 2_011, pbt: 21_041, netProfit: 15_410, owners: 15_404, eps: 35.44m, shares: 4_340_000_000),
            // 08May2020_1415_INDAS_54913_241950_21042020033738_WEB.xml
            Period("2020-03-31", 12, revenue: 90_791, otherIncome: 2_803, totalIncome: 93_594, totalExpenses: 71_587, financeCosts: 170,
                depreciation: 2_893, pbt: 22_007, netProfit: 16_639, owners: 16_594, eps: 38.97m, shares: 4_244_000_000),
            // 14Apr2021_2152_INDAS_69333_434774_14042021095204_WEB.xml
            Period("2021-03-31", 12, revenue: 100_472, otherIncome: 2_201, totalIncome: 102_673, totalExpenses: 76_045, financeCosts: 195,
                depreciation: 3_267, pbt: 26_628, netProfit: 19_423, owners: 19_351, eps: 45.61m, shares: 4_248_000_000),
            // 13Apr2022_2048_INDAS_83516_634679_13042022084838_WEB.xml
            Period("2022-03-31", 12, revenue: 121_641, otherIncome: 2_295, totalIncome: 123_936, totalExpenses: 93_826, financeCosts: 200,
                depreciation: 3_476, pbt: 30_110, netProfit: 22_146, owners: 22_110, eps: 52.52m, shares: 4_196_000_000,
                cfo: 23_885, ppe: 2_161, intangibles: 0, dividends: 12_731),
            // 14Apr2023_1038_INDAS_90708_818546_14042023103840.xml
            Period("2023-03-31", 12, revenue: 146_767, otherIncome: 2_701, totalIncome: 149_468, totalExpenses: 116_146, financeCosts: 284,
                depreciation: 4_225, pbt: 33_322, netProfit: 24_108, owners: 24_095, eps: 57.63m, shares: 4_138_000_000,
                cfo: 22_467, ppe: 2_579, intangibles: 0, dividends: 13_653),
            // 19Apr2024_1128_INDAS_104589_1099938_19042024112830.xml
            Period("2024-03-31", 12, revenue: 153_670, otherIncome: 4_711, totalIncome: 158_381, totalExpenses: 122_393, financeCosts: 470,
                depreciation: 4_678, pbt: 35_988, netProfit: 26_248, owners: 26_233, eps: 63.39m, shares: 4_142_000_000,
                cfo: 25_210, ppe: 2_201, intangibles: 0, dividends: 14_731),
        ],
        quarters:
        [
            // quarterly_results.csv, 11Jan2024_1819_INDAS_101013_1017099_11012024061922.xml
            Period("2023-12-31", 3, revenue: 38_821, otherIncome: 789, totalIncome: 39_610, totalExpenses: 30_991, financeCosts: 131,
                depreciation: 1_176, pbt: 8_619, netProfit: 6_113, owners: 6_106, eps: 14.76m, shares: 4_140_000_000),
            // 19Apr2024_1128_INDAS_104589_1099938_19042024112830.xml
            Period("2024-03-31", 3, revenue: 37_923, otherIncome: 2_729, totalIncome: 40_652, totalExpenses: 30_412, financeCosts: 110,
                depreciation: 1_163, pbt: 10_240, netProfit: 7_975, owners: 7_969, eps: 19.25m, shares: 4_142_000_000),
            // 18Jul2024_1945_INDAS_109110_1192961_18072024074507.xml
            Period("2024-06-30", 3, revenue: 39_315, otherIncome: 838, totalIncome: 40_153, totalExpenses: 31_132, financeCosts: 105,
                depreciation: 1_149, pbt: 9_021, netProfit: 6_374, owners: 6_368, eps: 15.38m, shares: 4_144_000_000),
            // 17Oct2024_1945_INDAS_112851_1276022_17102024074550.xml
            Period("2024-09-30", 3, revenue: 40_986, otherIncome: 712, totalIncome: 41_698, totalExpenses: 32_445, financeCosts: 108,
                depreciation: 1_160, pbt: 9_253, netProfit: 6_516, owners: 6_506, eps: 15.71m, shares: 4_144_000_000),
            // 16Jan2025_1940_INDAS_117292_1348213_16012025074012.xml
            Period("2024-12-31", 3, revenue: 41_764, otherIncome: 859, totalIncome: 42_623, totalExpenses: 32_953, financeCosts: 101,
                depreciation: 1_203, pbt: 9_670, netProfit: 6_822, owners: 6_806, eps: 16.43m, shares: 4_144_000_000),
        ],
        sheets:
        [
            // balance_sheets.csv, 13Oct2022_1702_INDAS_761158_4655_13102022170237_WEB.xml
            Sheet("2022-09-30", totalAssets: 127_231, totalEquity: 80_347, owners: 79_981, borrowingsNoncurrent: 0, borrowingsCurrent: 0,
                cash: 14_869, currentAssets: 74_931, currentLiabilities: 37_335),
            // 14Apr2023_1038_INDAS_90708_818546_14042023103840.xml
            Sheet("2023-03-31", totalAssets: 125_816, totalEquity: 75_795, owners: 75_407, borrowingsNoncurrent: 0, borrowingsCurrent: 0,
                cash: 12_173, currentAssets: 70_881, currentLiabilities: 39_186),
            // 12Oct2023_1640_INDAS_97544_949331_12102023044047.xml
            Sheet("2023-09-30", totalAssets: 130_299, totalEquity: 81_154, owners: 80_768, borrowingsNoncurrent: 0, borrowingsCurrent: 0,
                cash: 15_713, currentAssets: 77_067, currentLiabilities: 38_857),
            // 19Apr2024_1128_INDAS_104589_1099938_19042024112830.xml
            Sheet("2024-03-31", totalAssets: 137_814, totalEquity: 88_461, owners: 88_116, borrowingsNoncurrent: 0, borrowingsCurrent: 0,
                cash: 14_786, currentAssets: 89_432, currentLiabilities: 38_794),
            // 17Oct2024_1945_INDAS_112851_1276022_17102024074550.xml
            Sheet("2024-09-30", totalAssets: 141_870, totalEquity: 90_830, owners: 90_463, borrowingsNoncurrent: 0, borrowingsCurrent: 0,
                cash: 21_799, currentAssets: 89_531, currentLiabilities: 40_830),
        ],
        // nifty50_constituents_daily_2020-10_2025-09.csv: INFY,2024-12-31,1892.3,1897.0,1845.05,1880.0
        prices: [Bar("2024-12-31", 1_897.0m, 1_845.05m, 1_880.0m)]);

    /// <summary>ADANIPORTS, Consolidated (IndAS): a company that borrows, for debt, enterprise value and interest cover.</summary>
    public static CompanyFacts AdaniPorts => Company("ADANIPORTS", "Consolidated",
        annual:
        [
            // annual_results_and_cashflow.csv, 31May2023_1526_INDAS_93867_860115_31052023032630.xml
            Period("2023-03-31", 12, revenue: 20_851.91m, totalExpenses: 15_690.66m, financeCosts: 2_362.64m, depreciation: 3_423.24m,
                pbt: 5_441.35m, netProfit: 5_392.75m, owners: 5_310.18m, eps: 24.58m, shares: 2_160_150_000,
                cfo: 11_933.25m, ppe: 9_124.78m, intangibles: 0, dividends: 1_092.91m),
            // 02May2024_1809_INDAS_105162_1113884_02052024060958.xml
            Period("2024-03-31", 12, revenue: 26_710.56m, totalExpenses: 17_580.86m, financeCosts: 2_845.76m, depreciation: 3_888.46m,
                pbt: 10_255.42m, netProfit: 8_103.99m, owners: 8_110.64m, eps: 37.55m, shares: 2_160_150_000,
                cfo: 15_017.58m, ppe: 7_416.3m, intangibles: 0, dividends: 1_079.68m),
        ],
        quarters:
        [
            // quarterly_results.csv, 02May2024_1809_INDAS_105162_1113884_02052024060958.xml
            Period("2024-03-31", 3, revenue: 6_896.5m, totalExpenses: 4_450.52m, financeCosts: 618.78m, depreciation: 979.09m,
                pbt: 2_375.72m, netProfit: 2_014.77m, owners: 2_039.66m, eps: 9.44m, shares: 2_160_150_000),
            // 01Aug2024_1557_INDAS_110049_1209088_01082024035754.xml
            Period("2024-06-30", 3, revenue: 7_559.59m, totalExpenses: 4_238.94m, financeCosts: 515.23m, depreciation: 1_011.87m,
                pbt: 3_669.81m, netProfit: 3_107.23m, owners: 3_112.83m, eps: 14.41m, shares: 2_160_150_000),
            // 29Oct2024_2025_INDAS_113896_1293237_29102024082535.xml
            Period("2024-09-30", 3, revenue: 7_067.02m, totalExpenses: 4_433.96m, financeCosts: 659.24m, depreciation: 1_076.57m,
                pbt: 2_886.64m, netProfit: 2_412.54m, owners: 2_445m, eps: 11.32m, shares: 2_160_150_000),
            // 30Jan2025_1610_INDAS_118144_1365888_30012025041037.xml
            Period("2024-12-31", 3, revenue: 7_963.55m, totalExpenses: 5_190.53m, financeCosts: 923.28m, depreciation: 1_105.76m,
                pbt: 2_968.52m, netProfit: 2_518.39m, owners: 2_520.26m, eps: 11.67m, shares: 2_160_150_000),
        ],
        sheets:
        [
            // balance_sheets.csv, 31May2023_1526_INDAS_93867_860115_31052023032630.xml
            Sheet("2023-03-31", totalAssets: 114_905.13m, totalEquity: 46_922.09m, owners: 45_583.58m, borrowingsNoncurrent: 46_516.94m,
                borrowingsCurrent: 4_001.49m, cash: 931.99m, currentAssets: 15_506.26m, currentLiabilities: 11_403.1m),
            // 02May2024_1809_INDAS_105162_1113884_02052024060958.xml
            Sheet("2024-03-31", totalAssets: 118_917.87m, totalEquity: 54_543m, owners: 52_944.77m, borrowingsNoncurrent: 37_662.93m,
                borrowingsCurrent: 8_616.3m, cash: 1_575.73m, currentAssets: 17_285.61m, currentLiabilities: 16_415.39m),
            // 29Oct2024_2025_INDAS_113896_1293237_29102024082535.xml
            Sheet("2024-09-30", totalAssets: 126_015.05m, totalEquity: 59_082.31m, owners: 57_176.45m, borrowingsNoncurrent: 37_849.34m,
                borrowingsCurrent: 6_209.25m, cash: 714.3m, currentAssets: 17_074.74m, currentLiabilities: 15_148.64m),
        ],
        // nifty50_constituents_daily_2020-10_2025-09.csv: ADANIPORTS,2024-12-31,1222.0,1236.8,1208.15,1231.1
        prices: [Bar("2024-12-31", 1_236.8m, 1_208.15m, 1_231.1m)]);

    /// <summary>
    /// HDFCBANK (Banking format) FY2023–FY2024 and the four quarters to Dec-2024. The consolidated quarters file 0 for
    /// the NPA and CET1 ratios (SOURCE.md: "not reported"); the standalone ones carry the bank's own figures.
    /// </summary>
    public static CompanyFacts HdfcBank(string statement) => statement == "Consolidated"
        ? Company("HDFCBANK", statement,
            annual:
            [
                // annual_results_and_cashflow.csv, 17Apr2023_1425_BANKING_90716_821269_17042023022531.xml
                Period("2023-03-31", 12, "Banking", otherIncome: 33_912.05m, totalIncome: 204_666.1m, pbt: 61_498.39m,
                    netProfit: 46_148.7m, owners: 45_997.11m, eps: 82.64m, interestEarned: 170_754.05m, interestExpended: 77_779.94m,
                    opBeforeProvisions: 75_352.47m, shares: 5_579_700_000, cfo: 20_813.7m, dividends: 8_604.52m),
                // 21Apr2024_1558_BANKING_104624_1105245_21042024035835.xml
                Period("2024-03-31", 12, "Banking", otherIncome: 124_345.75m, totalIncome: 407_994.77m, pbt: 75_184.14m,
                    netProfit: 64_062.04m, owners: 64_062.04m, eps: 90.42m, interestEarned: 283_649.02m, interestExpended: 154_138.55m,
                    opBeforeProvisions: 101_586.88m, shares: 7_596_900_000, cfo: 19_069.4m, dividends: 8_404.42m),
            ],
            quarters:
            [
                // quarterly_results.csv, 21Apr2024_1558_BANKING_104624_1105245_21042024035835.xml
                Period("2024-03-31", 3, "Banking", totalIncome: 124_391.35m, netProfit: 17_622.38m, owners: 17_622.38m, eps: 23.2m,
                    interestEarned: 79_433.61m, interestExpended: 43_691.51m, opBeforeProvisions: 31_571.93m, shares: 7_596_900_000,
                    gnpa: 0, nnpa: 0, cet1: 0),
                // 21Jul2024_1248_BANKING_109235_1198409_21072024124854.xml
                Period("2024-06-30", 3, "Banking", totalIncome: 116_996.49m, netProfit: 17_188.05m, owners: 16_474.85m, eps: 21.67m,
                    interestEarned: 81_546.2m, interestExpended: 44_579.5m, opBeforeProvisions: 25_870.46m, shares: 7_608_100_000,
                    gnpa: 0, nnpa: 0, cet1: 0),
                // 20Oct2024_1214_BANKING_112946_1281172_20102024121424.xml
                Period("2024-09-30", 3, "Banking", totalIncome: 121_456.74m, netProfit: 17_825.91m, owners: 17_825.91m, eps: 23.4m,
                    interestEarned: 83_001.72m, interestExpended: 45_414.21m, opBeforeProvisions: 27_237.29m, shares: 7_630_800_000,
                    gnpa: 0, nnpa: 0, cet1: 0),
                // 23Jan2025_1227_BANKING_117525_1359016_23012025122721.xml
                Period("2024-12-31", 3, "Banking", totalIncome: 112_193.94m, netProfit: 18_340.11m, owners: 17_656.61m, eps: 23.11m,
                    interestEarned: 85_040.17m, interestExpended: 46_914.28m, opBeforeProvisions: 27_930.16m, shares: 7_648_300_000,
                    gnpa: 0, nnpa: 0, cet1: 0),
            ],
            sheets:
            [
                // balance_sheets.csv (no 2023-03-31 sheet was filed in XBRL), 18Oct2022_1354_BANKING_770697_4851_18102022135422_WEB.xml
                BankSheet("2022-09-30", 2_283_577.39m, 557m, 261_759.31m, 251_743.29m, 1_533_945.17m, 512_493.18m),
                // 21Apr2024_1558_BANKING_104624_1105245_21042024035835.xml
                BankSheet("2024-03-31", 4_030_194.26m, 759.69m, 452_982.84m, 730_615.46m, 2_565_891.41m, 1_005_681.63m),
                // 20Oct2024_1214_BANKING_112946_1281172_20102024121424.xml
                BankSheet("2024-09-30", 4_151_787.93m, 763.08m, 477_794.04m, 666_038.88m, 2_585_710.03m, 1_061_584.96m),
            ],
            // nifty50_constituents_daily_2020-10_2025-09.csv: HDFCBANK,2024-12-31,885.2,890.9,882.8,886.4 (back-adjusted for the
            // Aug-2025 1:1 bonus, while the share count is as filed: the market cap is half the real one, which does not matter here)
            prices: [Bar("2024-12-31", 890.9m, 882.8m, 886.4m)])
        : Company("HDFCBANK", statement,
            quarters:
            [
                // quarterly_results.csv, Standalone, 20Oct2024_1213_BANKING_112945_1281169_20102024121301.xml
                Period("2024-09-30", 3, "Banking", totalIncome: 85_499.64m, netProfit: 16_820.97m, owners: 16_820.97m, eps: 22.08m,
                    interestEarned: 74_016.91m, interestExpended: 43_903.01m, opBeforeProvisions: 24_705.74m, shares: 7_630_800_000,
                    gnpa: 0.0136m, nnpa: 0.0041m, cet1: 0.1977m),
                // 23Jan2025_1225_BANKING_117524_1359008_23012025122553.xml
                Period("2024-12-31", 3, "Banking", totalIncome: 87_460.44m, netProfit: 16_735.5m, owners: 16_735.5m, eps: 21.9m,
                    interestEarned: 76_006.88m, interestExpended: 45_353.63m, opBeforeProvisions: 25_000.4m, shares: 7_648_300_000,
                    gnpa: 0.0142m, nnpa: 0.0046m, cet1: 0.1997m),
            ]);
}
