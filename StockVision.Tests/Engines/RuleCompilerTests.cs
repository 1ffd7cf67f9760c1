using StockVision.Engines.Backtesting;

namespace StockVision.Tests.Engines;

/// <summary>Backtest rules in the screener's language over price series.</summary>
public class RuleCompilerTests
{
    private static readonly DateOnly Day0 = new(2024, 1, 1);

    private static List<BacktestBar> Closes(params decimal[] closes) =>
        closes.Select((c, i) => new BacktestBar(Day0.AddDays(i), c, c + 1, c - 1, c, 1_000)).ToList();

    private static bool[] HoldsOn(string rule, List<BacktestBar> bars)
    {
        var (compiled, error) = RuleCompiler.Compile(rule, bars);
        Assert.True(compiled is not null, error?.ToString());
        return Enumerable.Range(0, bars.Count).Select(t => compiled!.Holds(new BarHistory(bars, t))).ToArray();
    }

    [Fact]
    public void Prices_and_moving_averages_compare_bar_by_bar_and_a_warming_indicator_never_holds()
    {
        var bars = Closes(1, 2, 3, 2, 1);
        // SMA 3: —, —, (1+2+3)/3 = 2, (2+3+2)/3 = 2.33, (3+2+1)/3 = 2. Close above it on day 2 only.
        Assert.Equal([false, false, true, false, false], HoldsOn("Close > SMA 3", bars));
        Assert.Equal([false, false, false, true, true], HoldsOn("NOT Close > SMA 3", bars));
        // Previous close: 1, 2, 3, 2 for days 1..4; the close fell on days 3 and 4.
        Assert.Equal([false, false, false, true, true], HoldsOn("Close < Previous close", bars));
        Assert.Equal([false, true, true, false, false], HoldsOn("Close >= 2 AND Close > Previous close OR Close = 3", bars));
        // 150% of 2 is 3: only day 2's close of 3 reaches 1.5 × SMA 3 (= 3 on day 2).
        Assert.Equal([false, false, false, false, false], HoldsOn("Close > 150% * SMA 3", bars));
        Assert.Equal([false, false, true, false, false], HoldsOn("Close >= 150% * SMA 3", bars));
    }

    [Fact]
    public void Highest_high_is_over_the_bars_before_today_so_a_breakout_can_happen()
    {
        var bars = Closes(10, 11, 12, 15, 14);
        // Highs are close + 1: 11, 12, 13, 16, 15. Highest high 2 on day 3 is max(12, 13) = 13 < 15.
        Assert.Equal([false, false, false, true, false], HoldsOn("Close > Highest high 2", bars));
    }

    [Theory]
    [InlineData("RSl 14 < 30", "Unknown series \"RSl 14\" — did you mean \"RSI 14\"?", "RSI 14")]
    [InlineData("Zebra > 1", "Unknown series \"Zebra\". Rules can use prices", null)]
    [InlineData("Close > 500 Cr", "an amount in crore has no place here", null)]
    [InlineData("Close", "\"Close\" on its own is not a condition", "Close > 10")]
    [InlineData("Close > (", "ends in the middle of a condition", null)]
    public void Bad_rules_are_errors_with_a_place_and_a_suggestion(string rule, string message, string? suggestion)
    {
        var (compiled, error) = RuleCompiler.Compile(rule, Closes(1, 2, 3));
        Assert.Null(compiled);
        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
        Assert.Equal(suggestion, error.Suggestion);
    }

    /// <summary>
    /// No look-ahead: every series a rule can name has, on each day, the value it would have had if the later bars did
    /// not exist yet (checked on 300 seeded random-walk bars at several days).
    /// </summary>
    [Fact]
    public void Every_series_is_causal()
    {
        var random = new Random(6_2026);
        var price = 100.0;
        var bars = new List<BacktestBar>();
        for (var i = 0; i < 300; i++)
        {
            var open = price;
            price *= 1 + (random.NextDouble() - 0.5) * 0.04;
            var high = Math.Max(open, price) * (1 + random.NextDouble() * 0.01);
            var low = Math.Min(open, price) * (1 - random.NextDouble() * 0.01);
            bars.Add(new BacktestBar(Day0.AddDays(i), Math.Round((decimal)open, 2), Math.Round((decimal)high, 2), Math.Round((decimal)low, 2),
                Math.Round((decimal)price, 2), random.Next(1_000, 100_000)));
        }
        foreach (var name in RuleCompiler.Names)
        {
            var full = RuleCompiler.Series(name, bars)!;
            Assert.Equal(bars.Count, full.Length);
            foreach (var t in new[] { 0, 13, 30, 120, 250, 299 })
            {
                var truncated = RuleCompiler.Series(name, bars.Take(t + 1).ToList())!;
                Assert.True(full[t].Equals(truncated[t]) || Math.Abs(full[t] - truncated[t]) <= 1e-9 * Math.Max(1, Math.Abs(full[t])),
                    $"{name} on day {t}: {full[t]} with later bars, {truncated[t]} without");
            }
        }
    }

    [Fact]
    public void Entry_and_exit_rules_drive_a_backtest()
    {
        // Rises to 5 then falls: enter when the close is above its 2-day SMA, leave when below.
        var bars = Closes(1, 2, 3, 4, 5, 4, 3, 2);
        var (strategy, error, _) = RuleCompiler.Strategy("Close > SMA 2", "Close < SMA 2", bars);
        Assert.Null(error);
        var config = new BacktestConfig(["X"], Day0, Day0.AddDays(30), 100m, TradingCosts.None, strategy!.Description, 0);
        var result = Backtester.Run(config, new Dictionary<string, IReadOnlyList<BacktestBar>> { ["X"] = bars }, strategy, TestContext.Current.CancellationToken);

        // Day 1 close 2 > SMA 1.5 → buy at day 2's open (3): 33 shares. Day 5 close 4 < SMA 4.5 → sell at day 6's open (3).
        var trade = Assert.Single(result.Trades);
        Assert.Equal((Day0.AddDays(2), 3m, Day0.AddDays(6), 3m, 33L), (trade.EntryDate, trade.EntryPrice, trade.ExitDate, trade.ExitPrice, trade.Quantity));

        var (_, exitError, inExit) = RuleCompiler.Strategy("Close > SMA 2", "Close < SMAA 2", bars);
        Assert.True(inExit);
        Assert.StartsWith("Unknown series \"SMAA 2\"", exitError!.Message, StringComparison.Ordinal);
    }
}
