using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StockVision.Engines.Backtesting;

/// <summary>One session of a stock, ₹ per share.</summary>
public sealed record BacktestBar(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume = 0);

/// <summary>
/// The bars a rule may look at on a given day: that day and the days before it. Asking for a later bar throws, so a
/// rule cannot see the future even by mistake.
/// </summary>
public sealed class BarHistory(IReadOnlyList<BacktestBar> bars, int today)
{
    public int Count => today + 1;

    public BacktestBar Today => bars[today];

    public BacktestBar this[int index] => index >= 0 && index <= today
        ? bars[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"Bar {index} is not visible on day {today}.");
}

/// <summary>A long-only rule: enter when <see cref="Entry"/> holds at a close, leave when <see cref="Exit"/> does.</summary>
public sealed record Strategy(string Description, Func<BarHistory, bool> Entry, Func<BarHistory, bool> Exit);

public sealed record BacktestConfig(IReadOnlyList<string> Symbols, DateOnly From, DateOnly To, decimal Capital, TradingCosts Costs,
    string Strategy, double RiskFreeRate = 0.065)
{
    /// <summary>
    /// A run's identity: SHA-256 over the configuration written canonically and the version of the data it ran on, so
    /// the same inputs always give the same id and any change gives another.
    /// </summary>
    public string RunId(string dataVersion)
    {
        var c = CultureInfo.InvariantCulture;
        var canonical = string.Join('\n',
            "symbols=" + string.Join(',', Symbols.Select(s => s.ToUpperInvariant()).Order(StringComparer.Ordinal)),
            "from=" + From.ToString("yyyy-MM-dd", c),
            "to=" + To.ToString("yyyy-MM-dd", c),
            "capital=" + Capital.ToString(c),
            "costs=" + string.Join(',', Costs.BrokerageRate, Costs.BrokerageCapPerOrder, Costs.SttRate, Costs.ExchangeRate, Costs.SebiRate,
                Costs.StampDutyBuyRate, Costs.GstRate, Costs.SlippageBasisPoints),
            "strategy=" + Strategy.Trim(),
            "rf=" + RiskFreeRate.ToString("R", c),
            "data=" + dataVersion);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }
}

public sealed record Trade(string Symbol, DateOnly EntryDate, decimal EntryPrice, DateOnly ExitDate, decimal ExitPrice, long Quantity,
    TradeCharges BuyCharges, TradeCharges SellCharges, bool ClosedAtEnd)
{
    public decimal Charges => BuyCharges.Total + SellCharges.Total;

    public decimal NetProfit => (ExitPrice - EntryPrice) * Quantity - Charges;

    public double ReturnPercent => (double)(NetProfit / (EntryPrice * Quantity + BuyCharges.Total)) * 100;
}

public sealed record EquityPoint(DateOnly Date, decimal Equity);

public sealed record Drawdown(double Depth, DateOnly Peak, DateOnly Trough, DateOnly? Recovered);

/// <summary>
/// Performance of an equity curve. CAGR over calendar days (365.25 a year); volatility the sample standard deviation of
/// daily returns × √252; Sharpe and Sortino on daily returns in excess of the risk-free rate ÷ 252, annualised by √252,
/// Sortino's downside deviation being the root mean square of the shortfalls below it over all days.
/// </summary>
public sealed record BacktestMetrics(decimal StartEquity, decimal EndEquity, double TotalReturn, double Cagr, Drawdown MaxDrawdown,
    double Volatility, double? Sharpe, double? Sortino, int Trades, double? WinRate, decimal Charges);

public sealed record BacktestResult(BacktestConfig Config, IReadOnlyList<EquityPoint> Equity, IReadOnlyList<Trade> Trades, BacktestMetrics Metrics);

/// <summary>
/// Runs a long-only strategy over daily bars. A signal is read at a session's close from the bars up to that close and
/// filled at the next session's open (with slippage and charges), so no decision uses a price it could not have known.
/// Capital is split equally across the symbols; each buys as many whole shares as its cash covers after charges. A
/// position still open on the last day is sold at that day's close and marked as such.
/// </summary>
public static class Backtester
{
    public const int TradingDaysPerYear = 252;

    public static BacktestResult Run(BacktestConfig config, IReadOnlyDictionary<string, IReadOnlyList<BacktestBar>> barsBySymbol, Strategy strategy,
        CancellationToken ct = default) => Run(config, barsBySymbol, _ => strategy, ct);

    /// <summary>As <see cref="Run(BacktestConfig, IReadOnlyDictionary{string, IReadOnlyList{BacktestBar}}, Strategy, CancellationToken)"/>, with rules compiled per symbol (indicators are per series).</summary>
    public static BacktestResult Run(BacktestConfig config, IReadOnlyDictionary<string, IReadOnlyList<BacktestBar>> barsBySymbol, Func<string, Strategy> strategyFor,
        CancellationToken ct = default)
    {
        var share = config.Symbols.Count == 0 ? 0 : config.Capital / config.Symbols.Count;
        var curves = new List<IReadOnlyList<EquityPoint>>();
        var trades = new List<Trade>();
        foreach (var symbol in config.Symbols)
        {
            ct.ThrowIfCancellationRequested();
            var bars = barsBySymbol.TryGetValue(symbol, out var all)
                ? all.Where(b => b.Date >= config.From && b.Date <= config.To).ToList()
                : [];
            var (curve, symbolTrades) = RunOne(symbol, bars, share, config.Costs, strategyFor(symbol));
            curves.Add(curve);
            trades.AddRange(symbolTrades);
        }
        var equity = Combine(curves, config.Symbols.Count == 0 ? 0 : share);
        return new BacktestResult(config, equity, trades, Measure(equity, trades, config.RiskFreeRate));
    }

    private static (IReadOnlyList<EquityPoint> Curve, IReadOnlyList<Trade> Trades) RunOne(string symbol, List<BacktestBar> bars, decimal capital,
        TradingCosts costs, Strategy strategy)
    {
        var cash = capital;
        long quantity = 0;
        (DateOnly Date, decimal Price, TradeCharges Charges)? open = null;
        TradeSide? pending = null;
        var curve = new List<EquityPoint>(bars.Count);
        var trades = new List<Trade>();
        for (var t = 0; t < bars.Count; t++)
        {
            var bar = bars[t];
            if (pending == TradeSide.Buy)
            {
                var price = costs.FillPrice(TradeSide.Buy, bar.Open);
                quantity = Affordable(cash, price, costs);
                if (quantity > 0)
                {
                    var charges = costs.ChargesFor(TradeSide.Buy, price * quantity);
                    cash -= price * quantity + charges.Total;
                    open = (bar.Date, price, charges);
                }
            }
            else if (pending == TradeSide.Sell && open is { } position)
            {
                var price = costs.FillPrice(TradeSide.Sell, bar.Open);
                var charges = costs.ChargesFor(TradeSide.Sell, price * quantity);
                cash += price * quantity - charges.Total;
                trades.Add(new Trade(symbol, position.Date, position.Price, bar.Date, price, quantity, position.Charges, charges, false));
                quantity = 0;
                open = null;
            }
            pending = null;

            var history = new BarHistory(bars, t);
            if (open is null && strategy.Entry(history))
            {
                pending = TradeSide.Buy;
            }
            else if (open is not null && strategy.Exit(history))
            {
                pending = TradeSide.Sell;
            }
            curve.Add(new EquityPoint(bar.Date, cash + quantity * bar.Close));
        }
        if (open is { } last && bars.Count > 0)
        {
            var bar = bars[^1];
            var price = costs.FillPrice(TradeSide.Sell, bar.Close);
            var charges = costs.ChargesFor(TradeSide.Sell, price * quantity);
            cash += price * quantity - charges.Total;
            trades.Add(new Trade(symbol, last.Date, last.Price, bar.Date, price, quantity, last.Charges, charges, true));
            curve[^1] = new EquityPoint(bar.Date, cash);
        }
        return (curve, trades);
    }

    /// <summary>Whole shares whose cost and buy-side charges fit in <paramref name="cash"/>.</summary>
    private static long Affordable(decimal cash, decimal price, TradingCosts costs)
    {
        if (price <= 0)
        {
            return 0;
        }
        var quantity = (long)Math.Floor(cash / price);
        while (quantity > 0 && price * quantity + costs.ChargesFor(TradeSide.Buy, price * quantity).Total > cash)
        {
            quantity--;
        }
        return quantity;
    }

    /// <summary>The sum of the symbols' curves by date; a symbol with no bar on a date counts at its last value (or its capital before its first).</summary>
    private static List<EquityPoint> Combine(List<IReadOnlyList<EquityPoint>> curves, decimal startEach)
    {
        var dates = curves.SelectMany(c => c.Select(p => p.Date)).Distinct().Order().ToList();
        var positions = new int[curves.Count];
        var last = Enumerable.Repeat(startEach, curves.Count).ToArray();
        var combined = new List<EquityPoint>(dates.Count);
        foreach (var date in dates)
        {
            for (var i = 0; i < curves.Count; i++)
            {
                while (positions[i] < curves[i].Count && curves[i][positions[i]].Date <= date)
                {
                    last[i] = curves[i][positions[i]].Equity;
                    positions[i]++;
                }
            }
            combined.Add(new EquityPoint(date, last.Sum()));
        }
        return combined;
    }

    public static BacktestMetrics Measure(IReadOnlyList<EquityPoint> equity, IReadOnlyList<Trade> trades, double riskFreeRate)
    {
        if (equity.Count == 0)
        {
            var none = new Drawdown(0, default, default, null);
            return new BacktestMetrics(0, 0, 0, 0, none, 0, null, null, trades.Count, null, 0);
        }
        var start = equity[0].Equity;
        var end = equity[^1].Equity;
        var total = start == 0 ? 0 : (double)(end / start) - 1;
        var days = equity[^1].Date.DayNumber - equity[0].Date.DayNumber;
        var cagr = days <= 0 || start <= 0 || end <= 0 ? 0 : Math.Pow((double)(end / start), 365.25 / days) - 1;

        var returns = new List<double>(equity.Count);
        for (var i = 1; i < equity.Count; i++)
        {
            returns.Add(equity[i - 1].Equity == 0 ? 0 : (double)(equity[i].Equity / equity[i - 1].Equity) - 1);
        }
        var dailyRf = riskFreeRate / TradingDaysPerYear;
        double? sharpe = null, sortino = null;
        var volatility = 0.0;
        if (returns.Count > 1)
        {
            var mean = returns.Average();
            var sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));
            volatility = sd * Math.Sqrt(TradingDaysPerYear);
            sharpe = sd == 0 ? null : (mean - dailyRf) / sd * Math.Sqrt(TradingDaysPerYear);
            var downside = Math.Sqrt(returns.Sum(r => Math.Pow(Math.Min(0, r - dailyRf), 2)) / returns.Count);
            sortino = downside == 0 ? null : (mean - dailyRf) / downside * Math.Sqrt(TradingDaysPerYear);
        }
        var wins = trades.Count(t => t.NetProfit > 0);
        return new BacktestMetrics(start, end, total, cagr, MaxDrawdown(equity), volatility, sharpe, sortino, trades.Count,
            trades.Count == 0 ? null : (double)wins / trades.Count, trades.Sum(t => t.Charges));
    }

    /// <summary>The deepest fall from a running peak, as a fraction of the peak, with its dates and the day it was made good.</summary>
    public static Drawdown MaxDrawdown(IReadOnlyList<EquityPoint> equity)
    {
        var peak = equity[0];
        var worst = new Drawdown(0, equity[0].Date, equity[0].Date, null);
        var worstPeak = peak;
        foreach (var point in equity)
        {
            if (point.Equity > peak.Equity)
            {
                peak = point;
            }
            var depth = peak.Equity == 0 ? 0 : (double)((peak.Equity - point.Equity) / peak.Equity);
            if (depth > worst.Depth)
            {
                worst = new Drawdown(depth, peak.Date, point.Date, null);
                worstPeak = peak;
            }
        }
        var recovered = equity.FirstOrDefault(p => p.Date > worst.Trough && p.Equity >= worstPeak.Equity);
        return worst with { Recovered = worst.Depth > 0 ? recovered?.Date : null };
    }

    /// <summary>A buy-and-hold curve of an index or stock scaled to start at <paramref name="capital"/>, for comparison; no charges.</summary>
    public static IReadOnlyList<EquityPoint> Benchmark(IReadOnlyList<(DateOnly Date, decimal Close)> closes, decimal capital) =>
        closes.Count == 0 ? [] : closes.Select(c => new EquityPoint(c.Date, capital * c.Close / closes[0].Close)).ToList();
}
