using System.Globalization;
using StockVision.Engines.Screener;
using static StockVision.Tests.Engines.RatioFilings;

namespace StockVision.Tests.Engines;

/// <summary>The ratio engine's rules for missing, misaligned and odd inputs, and the price technicals against published values.</summary>
public class RatioEngineRuleTests
{
    private static readonly RatioCatalogue Catalogue = RatioCatalogue.Default;

    private static decimal? RatioOf(CompanyFacts facts, string key) => RatioEngine.ComputeOne(Catalogue, facts)[Catalogue, key];

    [Fact]
    public void A_company_with_no_filings_and_no_prices_has_no_value_for_any_ratio()
    {
        var ratios = RatioEngine.ComputeOne(Catalogue, Company("EMPTY", "Standalone"));
        Assert.All(ratios.Values, v => Assert.Null(v));
    }

    [Fact]
    public void A_missing_input_gives_no_value_rather_than_zero()
    {
        var infy = Infy;
        var noDividends = infy with { Annual = [.. infy.Annual.SkipLast(1), infy.Annual[^1] with { DividendsPaid = null }] };
        Assert.Null(RatioOf(noDividends, "dividend_yield"));
        Assert.Null(RatioOf(noDividends, "dividend_payout"));
        Assert.Null(RatioOf(noDividends, "dividend_payout_average_3y"));

        var noShares = infy with
        {
            Annual = [.. infy.Annual.Select(y => y with { SharesOutstanding = null })],
            Quarters = [.. infy.Quarters.Select(q => q with { SharesOutstanding = null })],
        };
        Assert.Null(RatioOf(noShares, "market_cap"));
        Assert.Null(RatioOf(noShares, "book_value"));
        Assert.Null(RatioOf(noShares, "enterprise_value"));

        var noBorrowingsFiled = infy with { BalanceSheets = [.. infy.BalanceSheets.Select(b => b with { BorrowingsCurrent = null, BorrowingsNoncurrent = null })] };
        Assert.Null(RatioOf(noBorrowingsFiled, "debt"));
        Assert.Null(RatioOf(noBorrowingsFiled, "debt_to_equity"));
        Assert.Null(RatioOf(noBorrowingsFiled, "enterprise_value"));
    }

    /// <summary>TATAMOTORS, Consolidated (IndAS), annual_results_and_cashflow.csv: losses in FY2021 and FY2022, profits after.</summary>
    private static CompanyFacts TataMotors => Company("TATAMOTORS", "Consolidated",
        annual:
        [
            // 19May2021_1347_INDAS_70110_448979_19052021014749_WEB.xml
            Period("2021-03-31", 12, revenue: 249_794.75m, netProfit: -13_395.1m, owners: -13_451.39m, eps: -36.99m),
            // 13May2022_1302_INDAS_84384_653965_13052022010244_WEB.xml
            Period("2022-03-31", 12, revenue: 278_453.62m, netProfit: -11_308.76m, owners: -11_441.47m, eps: -29.88m),
            // 12May2023_1829_INDAS_91608_841615_12052023062940.xml
            Period("2023-03-31", 12, revenue: 345_966.97m, netProfit: 2_689.87m, owners: 2_414.29m, eps: 6.29m),
            // 10May2024_1813_INDAS_105628_1120323_10052024061301.xml
            Period("2024-03-31", 12, revenue: 437_927.77m, netProfit: 31_806.75m, owners: 31_399.09m, eps: 81.95m),
        ]);

    [Fact]
    public void Growth_from_a_negative_base_has_no_value()
    {
        var asOfFy2023 = TataMotors with { Annual = [.. TataMotors.Annual.SkipLast(1)] };
        Assert.Null(RatioOf(asOfFy2023, "net_profit_growth"));
        Assert.Null(RatioOf(asOfFy2023, "eps_growth"));
        Assert.Equal((345_966.97m / 278_453.62m - 1) * 100, RatioOf(asOfFy2023, "sales_growth")!.Value, 6);

        // FY2024 over FY2023 has a positive base; over FY2021 (a loss) there is no compound rate.
        Assert.Equal((31_399.09m / 2_414.29m - 1) * 100, RatioOf(TataMotors, "net_profit_growth")!.Value, 6);
        Assert.Null(RatioOf(TataMotors, "net_profit_growth_3y"));
        Assert.Equal((decimal)((Math.Pow(437_927.77 / 249_794.75, 1.0 / 3) - 1) * 100), RatioOf(TataMotors, "sales_growth_3y")!.Value, 6);
    }

    [Fact]
    public void Price_to_earning_has_no_value_when_trailing_EPS_is_not_positive()
    {
        // TATASTEEL Consolidated quarters to Mar-2024 (quarterly_results.csv; 24Jul2023_1824_INDAS_94452_899205_…,
        // 01Nov2023_2027_INDAS_98478_973922_…, 24Jan2024_2048_INDAS_101474_1035439_…, 29May2024_2010_INDAS_107998_1145825_…):
        // basic EPS 0.52 − 5.08 + 0.42 + 0.49 = −3.65. Close 2024-03-28: 155.85 (nifty50 daily prices).
        var tataSteel = Company("TATASTEEL", "Consolidated",
            quarters:
            [
                Period("2023-06-30", 3, owners: 633.95m, eps: 0.52m),
                Period("2023-09-30", 3, owners: -6_196.24m, eps: -5.08m),
                Period("2023-12-31", 3, owners: 513.37m, eps: 0.42m),
                Period("2024-03-31", 3, owners: 611.48m, eps: 0.49m),
            ],
            prices: [Bar("2024-03-28", 157.0m, 152.7m, 155.85m)]);
        Assert.Equal(0.52m - 5.08m + 0.42m + 0.49m, RatioOf(tataSteel, "eps"));
        Assert.Null(RatioOf(tataSteel, "pe"));

        var breakEven = tataSteel with { Quarters = [.. tataSteel.Quarters.SkipLast(1), tataSteel.Quarters[^1] with { BasicEps = 4.14m }] };
        Assert.Equal(0m, RatioOf(breakEven, "eps"));
        Assert.Null(RatioOf(breakEven, "pe"));
    }

    [Fact]
    public void Zero_in_a_consolidated_bank_NPA_field_means_not_reported()
    {
        Assert.Equal(0m, HdfcBank("Consolidated").Quarters[^1].GrossNpaRatio);
        Assert.Null(RatioOf(HdfcBank("Consolidated"), "gross_npa"));
        Assert.Null(RatioOf(HdfcBank("Consolidated"), "net_npa"));
        Assert.Null(RatioOf(HdfcBank("Consolidated"), "cet1"));
        Assert.Equal(1.42m, RatioOf(HdfcBank("Standalone"), "gross_npa"));
    }

    [Fact]
    public void Bank_rows_have_no_ROCE_debt_to_equity_or_enterprise_value()
    {
        var bank = HdfcBank("Consolidated");
        Assert.Null(RatioOf(bank, "roce"));
        Assert.Null(RatioOf(bank, "debt_to_equity"));
        Assert.Null(RatioOf(bank, "enterprise_value"));

        // Even a bank sheet that carried corporate borrowing fields gets none: the rule is the format, not missing data.
        var withBorrowings = bank with { BalanceSheets = [.. bank.BalanceSheets.Select(b => b with { BorrowingsNoncurrent = 1_000m, TotalEquity = 450_000m })] };
        Assert.Null(RatioOf(withBorrowings, "roce"));
        Assert.Null(RatioOf(withBorrowings, "debt"));
        Assert.Null(RatioOf(withBorrowings, "debt_to_equity"));
        Assert.Null(RatioOf(withBorrowings, "enterprise_value"));
    }

    [Fact]
    public void An_average_needs_a_value_for_every_year()
    {
        var fiveYears = RatioEngineTests.FiveYears;
        var withoutFy2021 = fiveYears with { Annual = [.. fiveYears.Annual.Where(y => y.PeriodEnd.Year != 2021)] };
        Assert.Null(RatioOf(withoutFy2021, "roe_average_5y"));
        Assert.Null(RatioOf(withoutFy2021, "dividend_payout_average_5y"));
        Assert.NotNull(RatioOf(withoutFy2021, "roe_average_3y"));

        var fy2021WithoutDividends = fiveYears with
        {
            Annual = [.. fiveYears.Annual.Select(y => y.PeriodEnd.Year == 2021 ? y with { DividendsPaid = null } : y)],
        };
        Assert.Null(RatioOf(fy2021WithoutDividends, "dividend_payout_average_5y"));
        Assert.NotNull(RatioOf(fy2021WithoutDividends, "free_cash_flow_average_5y"));
    }

    [Fact]
    public void Periods_are_matched_by_date_so_a_gap_year_has_no_preceding_year()
    {
        // INDUSINDBK, Consolidated (Banking), annual_results_and_cashflow.csv: no FY2023 row in the extract.
        var indusInd = Company("INDUSINDBK", "Consolidated",
            annual:
            [
                // 30Apr2020_2010_BANKING_54963_245508_29042020051248_WEB.xml
                Period("2020-03-31", 12, "Banking", totalIncome: 35_735.5m, netProfit: 4_457.86m, owners: 4_458.18m, eps: 64.33m),
                // 01May2021_1522_BANKING_69610_445431_01052021032230_WEB.xml
                Period("2021-03-31", 12, "Banking", totalIncome: 35_500.68m, netProfit: 2_929.88m, owners: 2_930.1m, eps: 40.03m),
                // 30Apr2022_0010_BANKING_83789_649859_30042022121044_WEB.xml
                Period("2022-03-31", 12, "Banking", totalIncome: 38_230.07m, netProfit: 4_804.63m, owners: 4_805.03m, eps: 62.07m),
                // 25Apr2024_1904_BANKING_104710_1108313_25042024070435.xml
                Period("2024-03-31", 12, "Banking", totalIncome: 55_143.98m, netProfit: 8_976.99m, owners: 8_977.3m, eps: 115.54m),
            ]);
        Assert.Null(RatioOf(indusInd, "net_profit_preceding_year"));
        Assert.Null(RatioOf(indusInd, "net_profit_growth"));
        Assert.Null(RatioOf(indusInd, "sales_growth"));
        // Three years before FY2024 is FY2021 by date, though it is only two rows back.
        Assert.Equal((decimal)((Math.Pow(8_977.3 / 2_930.1, 1.0 / 3) - 1) * 100), RatioOf(indusInd, "net_profit_growth_3y")!.Value, 6);
    }

    [Fact]
    public void TTM_needs_four_consecutive_quarters()
    {
        var infy = Infy;
        var withoutJun2024 = infy with { Quarters = [.. infy.Quarters.Where(q => q.PeriodEnd != D("2024-06-30"))] };
        // Still five quarters on file, and the latest four rows would sum, but they are not four consecutive quarters.
        Assert.Null(RatioOf(withoutJun2024, "sales"));
        Assert.Null(RatioOf(withoutJun2024, "eps"));
        Assert.Null(RatioOf(withoutJun2024, "pe"));
        Assert.Equal(40_986m, RatioOf(withoutJun2024, "sales_preceding_quarter"));

        var withoutSep2024 = infy with { Quarters = [.. infy.Quarters.Where(q => q.PeriodEnd != D("2024-09-30"))] };
        Assert.Null(RatioOf(withoutSep2024, "sales_preceding_quarter"));
        Assert.Equal((41_764m / 38_821m - 1) * 100, RatioOf(withoutSep2024, "sales_quarterly_growth")!.Value, 6);

        var withoutDec2023 = infy with { Quarters = [.. infy.Quarters.Where(q => q.PeriodEnd != D("2023-12-31"))] };
        Assert.Null(RatioOf(withoutDec2023, "sales_quarterly_growth"));
        Assert.Equal(37_923m + 39_315m + 40_986m + 41_764m, RatioOf(withoutDec2023, "sales"));
    }

    private static readonly string[] FourQuarterEnds = ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"];

    /// <summary>A company whose only facts are one close and four quarters of EPS summing to <paramref name="ttmEps"/>.</summary>
    private static CompanyFacts Earner(string symbol, string? industry, decimal close, decimal ttmEps) => Company(symbol, "Standalone", industry: industry,
        quarters: [.. FourQuarterEnds.Select(end => Period(end, 3, eps: ttmEps / 4))],
        prices: [Bar("2024-12-31", close, close, close)]);

    [Fact]
    public void Industry_PE_is_the_median_PE_of_the_industry()
    {
        // P/E 10, 40 and 20 in IT; 8 in Banks; a loss-maker in IT (no P/E) and a company with no industry.
        var companies = new[]
        {
            Earner("A", "IT", 100m, 10m), Earner("B", "IT", 400m, 10m), Earner("C", "IT", 200m, 10m),
            Earner("D", "Banks", 80m, 10m), Earner("E", "IT", 100m, -5m), Earner("F", null, 100m, 10m),
        };
        var odd = RatioEngine.Compute(Catalogue, companies).ToDictionary(r => r.Symbol, r => r[Catalogue, "industry_pe"]);
        Assert.Equal(20m, odd["A"]);
        Assert.Equal(20m, odd["E"]);
        Assert.Equal(8m, odd["D"]);
        Assert.Null(odd["F"]);

        var even = RatioEngine.Compute(Catalogue, [.. companies, Earner("G", "IT", 300m, 10m)])
            .ToDictionary(r => r.Symbol, r => r[Catalogue, "industry_pe"]);
        Assert.Equal((20m + 30m) / 2, even["A"]);
    }

    [Fact]
    public void An_industry_where_nobody_has_a_PE_has_no_industry_PE()
    {
        var ratios = RatioEngine.Compute(Catalogue, [Earner("A", "Steel", 100m, -1m), Earner("B", "Steel", 100m, 0m)]);
        Assert.All(ratios, r => Assert.Null(r[Catalogue, "industry_pe"]));
    }

    [Fact]
    public void Median_skips_missing_values_and_averages_the_middle_pair()
    {
        Assert.Equal(2m, RatioEngine.Median([3m, 1m, 2m]));
        Assert.Equal((2m + 3m) / 2, RatioEngine.Median([4m, 1m, 3m, 2m]));
        Assert.Equal(5m, RatioEngine.Median([null, 5m, null]));
        Assert.Equal((-1m + 7m) / 2, RatioEngine.Median([7m, null, -1m]));
        Assert.Null(RatioEngine.Median([null, null]));
        Assert.Null(RatioEngine.Median([]));
    }

    [Fact]
    public void A_return_needs_history_reaching_back_to_its_start()
    {
        var rising = RatioEngineTests.RisingPrices;
        var twoYears = rising with { Prices = [.. rising.Prices.Where(p => p.Date >= D("2023-01-01"))] };
        Assert.Null(RatioOf(twoYears, "return_3y"));
        Assert.NotNull(RatioOf(twoYears, "return_1y"));

        var shortHistory = rising with { Prices = [.. rising.Prices.TakeLast(199)] };
        Assert.Null(RatioOf(shortHistory, "dma_200"));
        Assert.NotNull(RatioOf(shortHistory, "dma_50"));
    }

    [Fact]
    public void A_return_whose_start_falls_on_a_holiday_uses_the_previous_session()
    {
        // 2024-11-30 is a Saturday: the month's return starts from Friday 2024-11-29's close.
        var prices = Company("WEEK", "Standalone", prices:
        [
            Bar("2024-11-28", 101m, 99m, 100m),
            Bar("2024-11-29", 121m, 119m, 120m),
            Bar("2024-12-02", 131m, 129m, 130m),
            Bar("2024-12-31", 151m, 149m, 150m),
        ]);
        Assert.Equal((150m / 120m - 1) * 100, RatioOf(prices, "return_1m"));
    }

    [Fact]
    public void RSI_uses_Wilder_smoothing_after_a_simple_average_seed()
    {
        // Fourteen changes of +2, −1 alternating: average gain 14/14 = 1, average loss 7/14 = 0.5, so RSI = 100 − 100/(1 + 2).
        var closes = new List<decimal> { 100m };
        for (var i = 0; i < 14; i++)
        {
            closes.Add(closes[^1] + (i % 2 == 0 ? 2 : -1));
        }
        var seeded = Company("RSI", "Standalone", prices: [.. closes.Select((c, i) => new PriceBar(D("2024-01-01").AddDays(i), c, c, c))]);
        Assert.Equal(100 - 100 / (1 + 1.0 / 0.5), (double)RatioOf(seeded, "rsi")!.Value, 9);

        // One more change of +3: gain (1 × 13 + 3)/14, loss (0.5 × 13 + 0)/14.
        var next = seeded with { Prices = [.. seeded.Prices, new PriceBar(D("2024-01-16"), closes[^1] + 3, closes[^1] + 3, closes[^1] + 3)] };
        Assert.Equal(100 - 100 / (1 + ((1.0 * 13 + 3) / 14) / ((0.5 * 13 + 0) / 14)), (double)RatioOf(next, "rsi")!.Value, 9);

        Assert.Null(RatioOf(seeded with { Prices = [.. seeded.Prices.Take(14)] }, "rsi"));
    }

    /// <summary>SPY daily bars 2017-01-03…2018-12-31 from Skender.Stock.Indicators (see Data/indicators-golden/SOURCE.md).</summary>
    private static List<PriceBar> GoldenQuotes() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "indicators-golden", "quotes_default.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new PriceBar(
                DateOnly.Parse(f[0], CultureInfo.InvariantCulture),
                decimal.Parse(f[2], CultureInfo.InvariantCulture),
                decimal.Parse(f[3], CultureInfo.InvariantCulture),
                decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .OrderBy(b => b.Date)];

    [Theory]
    // expected_assertions.csv (RSI, ToRsi, lookbackPeriods 14, DefaultParameters_ReturnsExpectedResults), tolerance Money4 = 5e-5.
    [InlineData(14, 62.0541, 5e-5)]
    [InlineData(249, 70.9368, 5e-5)]
    [InlineData(501, 42.0773, 5e-5)]
    // baseline_series.csv (rsi.standard.json, the library's full-precision regression baseline), last bar 2018-12-31.
    [InlineData(501, 42.07732356600684, 1e-6)]
    public void RSI_matches_the_Stock_Indicators_published_values(int barIndex, double expected, double tolerance)
    {
        var quotes = GoldenQuotes();
        Assert.Equal(502, quotes.Count);
        var upToBar = Company("SPY", "Standalone", prices: quotes[..(barIndex + 1)]);
        Assert.InRange((double)RatioOf(upToBar, "rsi")!.Value, expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void RSI_has_no_value_before_the_fourteenth_change_of_the_published_series()
    {
        // expected_assertions.csv: RSI(14) at bar 13 (2017-01-23) is null.
        Assert.Null(RatioOf(Company("SPY", "Standalone", prices: GoldenQuotes()[..14]), "rsi"));
    }
}
