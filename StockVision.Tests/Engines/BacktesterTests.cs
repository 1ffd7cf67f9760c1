using StockVision.Engines.Backtesting;

namespace StockVision.Tests.Engines;

/// <summary>The backtest engine on bar series short enough to follow by hand.</summary>
public class BacktesterTests
{
    private static readonly DateOnly Day0 = new(2024, 1, 1);

    private static List<BacktestBar> Bars(params (decimal Open, decimal Close)[] bars) =>
        bars.Select((b, i) => new BacktestBar(Day0.AddDays(i), b.Open, Math.Max(b.Open, b.Close), Math.Min(b.Open, b.Close), b.Close)).ToList();

    private static BacktestConfig Config(decimal capital, TradingCosts costs, string strategy = "test", params string[] symbols) =>
        new(symbols.Length == 0 ? ["X"] : symbols, Day0, Day0.AddYears(10), capital, costs, strategy, RiskFreeRate: 0);

    private static BacktestResult Run(List<BacktestBar> bars, Strategy strategy, decimal capital = 10_000m, TradingCosts? costs = null) =>
        Backtester.Run(Config(capital, costs ?? TradingCosts.None), new Dictionary<string, IReadOnlyList<BacktestBar>> { ["X"] = bars }, strategy, TestContext.Current.CancellationToken);

    [Fact]
    public void Delivery_charges_follow_the_contract_note_rates_rounded_to_the_paisa()
    {
        var costs = new TradingCosts();
        // ₹1,00,000 bought: STT 0.1 % = 100.00; NSE 0.00297 % = 2.97; SEBI ₹10/crore = 0.10; stamp 0.015 % = 15.00;
        // brokerage 0; GST 18 % × (0 + 2.97 + 0.10) = 0.5526 → 0.55. Total 118.62.
        var buy = costs.ChargesFor(TradeSide.Buy, 1_00_000m);
        Assert.Equal((0m, 100.00m, 2.97m, 0.10m, 15.00m, 0.55m), (buy.Brokerage, buy.Stt, buy.ExchangeCharge, buy.SebiFee, buy.StampDuty, buy.Gst));
        Assert.Equal(118.62m, buy.Total);
        // Selling: no stamp duty. 100.00 + 2.97 + 0.10 + 0.55 = 103.62.
        Assert.Equal(103.62m, costs.ChargesFor(TradeSide.Sell, 1_00_000m).Total);

        // 0.03 % brokerage capped at ₹20 an order: min(30, 20) = 20; GST 18 % × (20 + 2.97 + 0.10) = 4.1526 → 4.15.
        var withBrokerage = new TradingCosts(BrokerageRate: 0.0003m).ChargesFor(TradeSide.Sell, 1_00_000m);
        Assert.Equal(20m, withBrokerage.Brokerage);
        Assert.Equal(4.15m, withBrokerage.Gst);
        Assert.Equal(100.00m + 2.97m + 0.10m + 20m + 4.15m, withBrokerage.Total);

        // 10 bps of slippage: a buy at 100 fills at 100.10, a sell at 99.90.
        var slippage = new TradingCosts(SlippageBasisPoints: 10);
        Assert.Equal(100.10m, slippage.FillPrice(TradeSide.Buy, 100m));
        Assert.Equal(99.90m, slippage.FillPrice(TradeSide.Sell, 100m));
    }

    [Fact]
    public void A_signal_read_at_the_close_fills_at_the_next_open_so_a_move_it_saw_earns_nothing()
    {
        // Day 1 opens at 100 and closes at 110, and the price stays at 110. "Close above open" sees the rise only at
        // day 1's close; filled at day 2's open (110) it makes nothing. An engine that filled at day 1's open would
        // have made 10 %.
        var bars = Bars((100, 100), (100, 110), (110, 110), (110, 110), (110, 110));
        var result = Run(bars, new Strategy("close > open", h => h.Today.Close > h.Today.Open, _ => false));

        var trade = Assert.Single(result.Trades);
        Assert.Equal(Day0.AddDays(2), trade.EntryDate);
        Assert.Equal(110m, trade.EntryPrice);
        Assert.True(trade.ClosedAtEnd);
        Assert.Equal(10_000m, result.Metrics.EndEquity);
    }

    [Fact]
    public void A_rule_cannot_read_a_bar_after_the_one_it_is_deciding_on()
    {
        var bars = Bars((100, 100), (100, 101), (101, 102));
        var peek = new Strategy("tomorrow's close", h => h[h.Count].Close > h.Today.Close, _ => false);

        Assert.Throws<ArgumentOutOfRangeException>(() => Run(bars, peek));
        var seen = new List<int>();
        Run(bars, new Strategy("count", h => { seen.Add(h.Count); return false; }, _ => false));
        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public void A_round_trip_buys_whole_shares_pays_charges_on_both_legs_and_records_the_trade()
    {
        // Enter at day 0's close → buy at day 1's open, 101: floor(10,000 / 101) = 99 shares, unless charges push it
        // over. Exit at day 2's close → sell at day 3's open, 120.
        var bars = Bars((100, 100), (101, 105), (106, 118), (120, 121), (121, 121));
        var costs = new TradingCosts();
        var result = Run(bars, new Strategy("day 0 in, day 2 out", h => h.Count == 1, h => h.Count == 3), costs: costs);

        var trade = Assert.Single(result.Trades);
        // 99 × 101 = 9,999 plus buy charges (STT 10.00, NSE 0.30, SEBI 0.01, stamp 1.50, GST 0.05 = 11.86) is over
        // 10,000, so 98 shares: 9,898 + (9.90 + 0.29 + 0.01 + 1.48 + 0.05 = 11.73) = 9,909.73.
        Assert.Equal(98, trade.Quantity);
        Assert.Equal(11.73m, trade.BuyCharges.Total);
        // Sell 98 × 120 = 11,760: STT 11.76, NSE 0.35, SEBI 0.01, GST 18 % × 0.36 = 0.06 → 12.18.
        Assert.Equal(12.18m, trade.SellCharges.Total);
        Assert.Equal((120m - 101m) * 98 - 11.73m - 12.18m, trade.NetProfit);
        Assert.False(trade.ClosedAtEnd);
        Assert.Equal(10_000m - 9_909.73m + 11_760m - 12.18m, result.Metrics.EndEquity);
        Assert.Equal(11.73m + 12.18m, result.Metrics.Charges);
    }

    [Fact]
    public void Max_drawdown_reports_its_depth_peak_trough_and_recovery()
    {
        decimal[] values = [100m, 120m, 90m, 95m, 130m];
        var curve = values.Select((e, i) => new EquityPoint(Day0.AddDays(i), e)).ToList();
        var drawdown = Backtester.MaxDrawdown(curve);

        // From the peak of 120 (day 1) to 90 (day 2): 30 / 120 = 25 %; back above 120 on day 4.
        Assert.Equal(0.25, drawdown.Depth, 12);
        Assert.Equal((Day0.AddDays(1), Day0.AddDays(2), (DateOnly?)Day0.AddDays(4)), (drawdown.Peak, drawdown.Trough, drawdown.Recovered));
    }

    [Fact]
    public void Cagr_volatility_sharpe_and_sortino_follow_their_formulas()
    {
        var curve = new List<EquityPoint>
        {
            new(Day0, 100m), new(Day0.AddDays(1), 110m), new(Day0.AddDays(2), 104.5m), new(Day0.AddDays(731), 121m),
        };
        var m = Backtester.Measure(curve, [], riskFreeRate: 0);

        Assert.Equal(Math.Pow(1.21, 365.25 / 731) - 1, m.Cagr, 12);
        double[] r = [0.10, -0.05, 121 / 104.5 - 1];
        var mean = r.Average();
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 2);
        Assert.Equal(sd * Math.Sqrt(252), m.Volatility, 12);
        Assert.Equal(mean / sd * Math.Sqrt(252), m.Sharpe!.Value, 12);
        // Downside deviation: only −5 % falls short of a zero target: √(0.05² / 3).
        Assert.Equal(mean / Math.Sqrt(0.05 * 0.05 / 3) * Math.Sqrt(252), m.Sortino!.Value, 9);
        Assert.Equal(0.21, m.TotalReturn, 12);
    }

    [Fact]
    public void Capital_is_split_across_symbols_and_the_win_rate_counts_profitable_trades()
    {
        var up = Bars((100, 100), (100, 100), (110, 110), (110, 110));
        var down = Bars((100, 100), (100, 100), (90, 90), (90, 90));
        var strategy = new Strategy("day 0 in, day 1 out", h => h.Count == 1, h => h.Count == 2);
        var result = Backtester.Run(Config(20_000m, TradingCosts.None, "x", "UP", "DOWN"),
            new Dictionary<string, IReadOnlyList<BacktestBar>> { ["UP"] = up, ["DOWN"] = down }, strategy, TestContext.Current.CancellationToken);

        // Each gets 10,000: 100 shares bought at 100 on day 1; sold on day 2's open at 110 and at 90.
        Assert.Equal(2, result.Trades.Count);
        Assert.Equal(0.5, result.Metrics.WinRate);
        Assert.Equal(20_000m, result.Equity[0].Equity);
        Assert.Equal(11_000m + 9_000m, result.Metrics.EndEquity);
    }

    [Fact]
    public void The_run_id_is_the_same_for_the_same_inputs_and_changes_with_any_of_them()
    {
        var config = Config(1_00_000m, new TradingCosts(), "Close > SMA 200", "TCS", "INFY");
        var id = config.RunId("prices:abc");

        Assert.Equal(16, id.Length);
        Assert.Equal(id, (config with { Symbols = ["INFY", "TCS"] }).RunId("prices:abc"));
        Assert.NotEqual(id, config.RunId("prices:abd"));
        Assert.NotEqual(id, (config with { Strategy = "Close > SMA 50" }).RunId("prices:abc"));
        Assert.NotEqual(id, (config with { Costs = new TradingCosts(SlippageBasisPoints: 5) }).RunId("prices:abc"));
    }

    [Fact]
    public void A_cancelled_run_stops()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => Backtester.Run(Config(1_000m, TradingCosts.None),
            new Dictionary<string, IReadOnlyList<BacktestBar>> { ["X"] = Bars((1, 1)) }, new Strategy("none", _ => false, _ => false), cts.Token));
    }
}
