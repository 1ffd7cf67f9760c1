using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using StockVision.Engines.Indicators;

BenchmarkSwitcher.FromAssembly(typeof(IndicatorBench.IndicatorBenchmarks).Assembly).Run(args);

namespace IndicatorBench
{

/// <summary>
/// Issue 6's target: each indicator over 5,000 daily bars in under 1 ms, with the library's default parameters. The bars
/// are a geometric random walk from a fixed seed (daily σ 1.5 %), with highs and lows around the open and close and a
/// random volume, so ranges, gaps and flat days all occur.
/// </summary>
// In process: no generated project to build, which on these shared 2-core machines outlasts BenchmarkDotNet's build timeout.
[InProcess]
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    public const int Bars = 5_000;

    private Bar[] bars = null!;
    private double[] closes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261129);
        bars = new Bar[Bars];
        var close = 1_000.0;
        var day = new DateOnly(2006, 1, 2);
        for (var i = 0; i < Bars; i++)
        {
            var open = close;
            // Box–Muller: a normal daily log return with σ = 1.5 %.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            close = open * Math.Exp(0.015 * z);
            var high = Math.Max(open, close) * (1 + random.NextDouble() * 0.01);
            var low = Math.Min(open, close) * (1 - random.NextDouble() * 0.01);
            bars[i] = new Bar(day.AddDays(i), open, high, low, close, Math.Round(100_000 + random.NextDouble() * 900_000));
        }
        closes = Bar.Closes(bars);
    }

    [Benchmark] public double[] Sma() => Indicator.Sma(closes, 20);
    [Benchmark] public double[] Ema() => Indicator.Ema(closes, 20);
    [Benchmark] public double[] Wma() => Indicator.Wma(closes, 20);
    [Benchmark] public double[] Rsi() => Indicator.Rsi(closes, 14);
    [Benchmark] public MacdSeries Macd() => Indicator.Macd(closes, 12, 26, 9);
    [Benchmark] public BollingerSeries Bollinger() => Indicator.Bollinger(closes, 20, 2);
    [Benchmark] public double[] TrueRange() => Indicator.TrueRange(bars);
    [Benchmark] public AtrSeries Atr() => Indicator.Atr(bars, 14);
    [Benchmark] public AdxSeries Adx() => Indicator.Adx(bars, 14);
    [Benchmark] public StochasticSeries Stochastic() => Indicator.Stochastic(bars, 14, 3, 3);
    [Benchmark] public double[] Obv() => Indicator.Obv(bars);
    [Benchmark] public double[] Cci() => Indicator.Cci(bars, 20);
    [Benchmark] public double[] WilliamsR() => Indicator.WilliamsR(bars, 14);
    [Benchmark] public double[] Mfi() => Indicator.Mfi(bars, 14);
    [Benchmark] public AroonSeries Aroon() => Indicator.Aroon(bars, 25);
    [Benchmark] public double[] Roc() => Indicator.Roc(closes, 12);
    [Benchmark] public double[] Vwap() => Indicator.Vwap(bars);
    [Benchmark] public SupertrendSeries Supertrend() => Indicator.Supertrend(bars, 10, 3);
}

}
