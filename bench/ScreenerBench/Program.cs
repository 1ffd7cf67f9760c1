using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using StockVision.Engines.Screener;

BenchmarkSwitcher.FromAssembly(typeof(ScreenerBench.ScreenBenchmarks).Assembly).Run(args);

namespace ScreenerBench
{

/// <summary>
/// Issue 5's target: parse, check and evaluate a 6-clause screen over 5,000 synthetic companies with 40 ratios each in
/// under 5 ms. Values are drawn from a fixed seed with about 5 % missing, as real filings leave gaps, and
/// in realistic ranges where a clause depends on them (market cap, debt to equity, P/E, price against its high).
/// </summary>
// In process: no generated project to build, which on these shared 2-core machines outlasts BenchmarkDotNet's build timeout.
[InProcess]
[MemoryDiagnoser]
public class ScreenBenchmarks
{
    public const int Companies = 5_000;

    public const string Query = """
        Market capitalization > 5,000 Cr
        Return on equity > 12% AND Debt to equity < 1
        Sales growth 3Years > 8% OR Net profit growth 3Years > 10%
        Price to earning < 1.2 * Industry PE
        NOT Current price < 0.6 * High price
        OPM > 10% AND Return on capital employed > 15%
        """;

    private static readonly string[] Keys =
    [
        "current_price", "high_price", "low_price", "market_cap", "pe", "industry_pe", "book_value", "pb", "enterprise_value", "ev_ebitda",
        "dividend_yield", "fcf_yield", "sales", "sales_last_year", "sales_growth", "sales_growth_3y", "sales_growth_5y", "operating_profit",
        "net_profit", "net_profit_last_year", "net_profit_growth_3y", "eps", "eps_growth_3y", "opm", "npm", "roe", "roe_average_3y", "roce",
        "roa", "dividend_payout", "debt", "net_worth", "debt_to_equity", "current_ratio", "interest_coverage", "free_cash_flow",
        "return_1y", "dma_50", "dma_200", "rsi",
    ];

    private RatioTable table = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = RatioCatalogue.Default;
        var random = new Random(20261129);
        var indexes = Keys.Select(k => catalogue.IndexOfKey(k) ?? throw new InvalidOperationException(k)).ToArray();
        var companies = new List<CompanyRatios>(Companies);
        for (var c = 0; c < Companies; c++)
        {
            var values = new decimal?[catalogue.Count];
            foreach (var i in indexes)
            {
                values[i] = random.NextDouble() < 0.05 ? null : (decimal)(random.NextDouble() * 200 - 20);
            }
            values[catalogue.IndexOfKey("market_cap")!.Value] = (decimal)Math.Pow(10, 2 + random.NextDouble() * 3.7);
            values[catalogue.IndexOfKey("debt_to_equity")!.Value] = (decimal)(random.NextDouble() * 3);
            values[catalogue.IndexOfKey("pe")!.Value] = (decimal)(5 + random.NextDouble() * 55);
            values[catalogue.IndexOfKey("industry_pe")!.Value] = (decimal)(5 + random.NextDouble() * 55);
            var price = (decimal)(10 + random.NextDouble() * 5_000);
            values[catalogue.IndexOfKey("current_price")!.Value] = price;
            values[catalogue.IndexOfKey("high_price")!.Value] = price * (decimal)(1 + random.NextDouble());
            companies.Add(new CompanyRatios($"S{c:D5}", $"Company {c}", $"Industry {c % 30}", "Consolidated", values));
        }
        table = new RatioTable(catalogue, companies);
        if (ParseAndEvaluate() is var n && (n <= 0 || n >= Companies))
        {
            throw new InvalidOperationException($"The screen matched {n} of {Companies}: not a meaningful workload.");
        }
    }

    [Benchmark]
    public int ParseAndEvaluate()
    {
        var compiled = ScreenCompiler.Compile(Query, RatioCatalogue.Default);
        return compiled.Screen!.Run(table).Matches.Count;
    }

    [Benchmark]
    public int ParseOnly() => ScreenCompiler.Compile(Query, RatioCatalogue.Default).Screen!.Clauses.Count;
}
}
