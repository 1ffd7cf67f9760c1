using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using StockVision.Engines.Backtesting;
using StockVision.Engines.Valuation;

BenchmarkSwitcher.FromAssembly(typeof(BacktestBench.BacktestBenchmarks).Assembly).Run(args);

namespace BacktestBench
{
    /// <summary>
    /// Issue 6's target: a backtest of 50 symbols × 5 years of daily bars under 100 ms — rules compiled per symbol
    /// (SMA 50, SMA 200, RSI 14 computed over each series), signals read at every close, fills at next opens with
    /// delivery charges, and the metrics. Bars are a seeded geometric random walk, 1,250 sessions per symbol.
    /// </summary>
    // In process: no generated project to build, which on these shared 2-core machines outlasts BenchmarkDotNet's build timeout.
    [InProcess]
    [MemoryDiagnoser]
    public class BacktestBenchmarks
    {
        private const string Entry = "Close > SMA 50 AND SMA 50 > SMA 200 AND RSI 14 < 70";
        private const string Exit = "Close < SMA 50 OR RSI 14 > 80";

        private Dictionary<string, IReadOnlyList<BacktestBar>> bars = null!;
        private BacktestConfig config = null!;

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(20261129);
            bars = [];
            var start = new DateOnly(2020, 10, 1);
            for (var s = 0; s < 50; s++)
            {
                var price = 100.0 + s * 10;
                var series = new List<BacktestBar>(1_250);
                for (var d = 0; d < 1_250; d++)
                {
                    var open = price;
                    price *= Math.Exp((random.NextDouble() - 0.49) * 0.04);
                    series.Add(new BacktestBar(start.AddDays(d * 7 / 5), Math.Round((decimal)open, 2), Math.Round((decimal)Math.Max(open, price) * 1.005m, 2),
                        Math.Round((decimal)Math.Min(open, price) * 0.995m, 2), Math.Round((decimal)price, 2), random.Next(10_000, 1_000_000)));
                }
                bars[$"S{s:D2}"] = series;
            }
            config = new BacktestConfig(bars.Keys.ToList(), start, start.AddYears(6), 10_00_000m, new TradingCosts(SlippageBasisPoints: 5), $"entry: {Entry}\nexit: {Exit}");
            if (Backtest() is var trades && trades == 0)
            {
                throw new InvalidOperationException("The strategy never traded: not a meaningful workload.");
            }
        }

        [Benchmark]
        public int Backtest()
        {
            var strategies = bars.ToDictionary(b => b.Key, b => RuleCompiler.Strategy(Entry, Exit, b.Value).Strategy!);
            return Backtester.Run(config, bars, symbol => strategies[symbol]).Trades.Count;
        }
    }

    /// <summary>
    /// Issue 6's DCF figures: one ten-year FCFF valuation, the 5 × 5 WACC × growth sensitivity the page shows, and the
    /// reverse DCF that solves for the growth a price implies (bracket scan plus bisection to ₹0.005).
    /// </summary>
    [InProcess]
    [MemoryDiagnoser]
    public class DcfBenchmarks
    {
        private static readonly DcfInputs Inputs = new(
            BaseRevenue: 1_50_000m,
            Years: Enumerable.Range(0, 10).Select(i => new ForecastYear(0.12m - i * 0.005m, 0.24m, 0.25m)).ToList(),
            Reinvestment: new ReinvestmentRule.SalesToCapital(2.5m),
            Capital: new CapitalInputs(0.07m, 0.9m, 0.06m, 0.09m, 0.25m, 0.1m),
            Terminal: new TerminalRule.GordonGrowth(0.05m),
            Bridge: new EquityBridge(Debt: 10_000m, Cash: 30_000m),
            SharesOutstanding: 415m,
            MarketPrice: 1_500m);

        private static readonly decimal[] Waccs = [0.10m, 0.11m, 0.12m, 0.13m, 0.14m];
        private static readonly decimal[] Growths = [0.03m, 0.04m, 0.05m, 0.06m, 0.07m];

        [Benchmark]
        public decimal? Value() => Dcf.Value(Inputs).Valuation?.ValuePerShare;

        [Benchmark]
        public int Sensitivity() => Dcf.Sensitivity(Inputs, Waccs, Growths).Cells.Count;

        [Benchmark]
        public decimal? ReverseDcf() => Dcf.ImpliedGrowth(Inputs, 1_200m).Growth;
    }
}
