using System.Globalization;
using StockVision.Engines.Indicators;
using StockVision.Engines.Screener;
using StockVision.Engines.Text;

namespace StockVision.Engines.Backtesting;

/// <summary>A rule ready to test on one stock's bars: true, false or (while an indicator warms up) unknown, per bar.</summary>
public sealed class CompiledRule(string text, Func<int, sbyte> evaluate)
{
    public string Text { get; } = text;

    /// <summary>Whether the rule holds on the last bar of <paramref name="history"/>; an unknown value does not hold.</summary>
    public bool Holds(BarHistory history) => evaluate(history.Count - 1) == 1;
}

/// <summary>
/// Entry and exit rules in the screener's language, over price series instead of ratios:
/// <c>Close &gt; SMA 200 AND RSI 14 &lt; 30</c>. Names: Open, High, Low, Close (or Price), Volume, Previous close,
/// SMA/EMA/WMA/DMA n, RSI [n], MACD, MACD signal, MACD histogram, Bollinger upper/middle/lower [n], ATR [n], ADX [n],
/// Plus DI, Minus DI, Stochastic K/D, Williams R [n], CCI [n], MFI [n], ROC n, OBV, Aroon up/down [n], Supertrend,
/// VWAP, Highest high n, Lowest low n (the n bars before today). Every series is causal: its value on a day uses only
/// that day and earlier ones, so a rule evaluated on a day cannot see later bars. A written percentage is a fraction
/// (<c>Close &gt; 105% * SMA 50</c>).
/// </summary>
public static class RuleCompiler
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Open", "High", "Low", "Close", "Price", "Volume", "Previous close", "SMA 50", "EMA 20", "WMA 20", "DMA 200", "RSI 14", "MACD",
        "MACD signal", "MACD histogram", "Bollinger upper 20", "Bollinger middle 20", "Bollinger lower 20", "ATR 14", "ADX 14", "Plus DI",
        "Minus DI", "Stochastic K", "Stochastic D", "Williams R 14", "CCI 20", "MFI 14", "ROC 10", "OBV", "Aroon up 25", "Aroon down 25",
        "Supertrend", "VWAP", "Highest high 20", "Lowest low 20",
    ];

    /// <summary>One named series over <paramref name="bars"/> (NaN while it warms up), or null for a name rules do not know.</summary>
    public static double[]? Series(string name, IReadOnlyList<BacktestBar> bars) => new SeriesCache(bars).Resolve(name);

    /// <summary>An entry and an exit rule as a strategy for <see cref="Backtester"/>, or the first error in either.</summary>
    public static (Strategy? Strategy, QueryError? Error, bool InExit) Strategy(string? entry, string? exit, IReadOnlyList<BacktestBar> bars)
    {
        var (enter, entryError) = Compile(entry, bars);
        if (enter is null)
        {
            return (null, entryError, false);
        }
        var (leave, exitError) = Compile(exit, bars);
        return leave is null ? (null, exitError, true) : (new Strategy($"enter: {entry}; exit: {exit}", enter.Holds, leave.Holds), null, false);
    }

    public static (CompiledRule? Rule, QueryError? Error) Compile(string? text, IReadOnlyList<BacktestBar> bars)
    {
        var parsed = QueryParser.Parse(text);
        if (parsed.Query is not { } tree)
        {
            return (null, parsed.Error);
        }
        var series = new SeriesCache(bars);
        var columns = new List<double[]>();
        try
        {
            var condition = Condition(tree, series, columns, text!);
            return (new CompiledRule(text!, ConditionCompiler.Compile(condition, columns.ToArray())), null);
        }
        catch (RuleException e)
        {
            return (null, e.Error);
        }
    }

    private sealed class RuleException(QueryError error) : Exception(error.Message)
    {
        public QueryError Error { get; } = error;
    }

    /// <summary>
    /// Binds the parsed rule to the screener's bound tree, each named series becoming a column indexed by session, so
    /// rules and screens share one evaluator and one three-valued logic. Rules carry no units: every series is plain.
    /// </summary>
    private static BoundCondition Condition(QueryNode node, SeriesCache series, List<double[]> columns, string text) => node switch
    {
        AndNode a => new BoundAnd(Condition(a.Left, series, columns, text), Condition(a.Right, series, columns, text), a.Span),
        OrNode o => new BoundOr(Condition(o.Left, series, columns, text), Condition(o.Right, series, columns, text), o.Span),
        NotNode n => new BoundNot(Condition(n.Operand, series, columns, text), n.Span),
        ComparisonNode c => new BoundComparison(Value(c.Left, series, columns), c.Operator, Value(c.Right, series, columns), c.Span),
        _ => throw new RuleException(new QueryError($"\"{Slice(text, node.Span)}\" on its own is not a condition.", node.Span)),
    };

    private static BoundValue Value(QueryNode node, SeriesCache series, List<double[]> columns)
    {
        switch (node)
        {
            case LiteralNode { Unit: LiteralUnit.Crore } crore:
                throw new RuleException(new QueryError("Rules compare prices per share and indicator values; an amount in crore has no place here.", crore.Span));
            case LiteralNode lit:
                return new BoundConstant((double)lit.Value / (lit.Unit == LiteralUnit.Percent ? 100 : 1), ValueUnit.Plain, lit.Span);
            case NameNode name:
                columns.Add(series.Resolve(name.Name) ?? throw Unknown(name));
                return new BoundRatio(columns.Count - 1, ValueUnit.Plain, name.Span);
            case NegateNode neg:
                return new BoundNegate(Value(neg.Operand, series, columns), neg.Span);
            case ArithmeticNode a:
                return new BoundArithmetic(Value(a.Left, series, columns), a.Operator, Value(a.Right, series, columns), ValueUnit.Plain, a.Span);
            default:
                throw new RuleException(new QueryError("A condition cannot be used as a number here.", node.Span));
        }
    }

    private static RuleException Unknown(NameNode name)
    {
        var wanted = RatioNames.Normalize(name.Name);
        var best = Names.Select(n => (Name: n, Distance: Similarity.Distance(wanted, RatioNames.Normalize(n)))).MinBy(x => x.Distance);
        var suggestion = best.Distance <= Math.Max(2, wanted.Length / 4) ? best.Name : null;
        var message = suggestion is null
            ? $"Unknown series \"{name.Name}\". Rules can use prices (Open, High, Low, Close, Volume) and indicators such as SMA 200, RSI 14, MACD."
            : $"Unknown series \"{name.Name}\" — did you mean \"{suggestion}\"?";
        return new RuleException(new QueryError(message, name.Span, suggestion));
    }

    private static string Slice(string text, SourceSpan span) =>
        span.Offset >= 0 && span.Offset + span.Length <= text.Length ? text.Substring(span.Offset, span.Length) : "";

    /// <summary>Each series computed once per compile, whichever names a rule uses it under.</summary>
    private sealed class SeriesCache
    {
        private readonly Bar[] bars;
        private readonly double[] closes;
        private readonly Dictionary<string, double[]?> cache = new(StringComparer.Ordinal);

        public SeriesCache(IReadOnlyList<BacktestBar> source)
        {
            bars = source.Select(b => new Bar(b.Date, (double)b.Open, (double)b.High, (double)b.Low, (double)b.Close, b.Volume)).ToArray();
            closes = Bar.Closes(bars);
        }

        public double[]? Resolve(string name)
        {
            var key = RatioNames.Normalize(name);
            if (!cache.TryGetValue(key, out var series))
            {
                series = Build(key);
                cache[key] = series;
            }
            return series;
        }

        private double[]? Build(string key)
        {
            var words = key.Split(' ');
            var last = words[^1];
            int? n = int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1_000 ? p : null;
            var head = n is null ? key : string.Join(' ', words[..^1]);
            return (head, n) switch
            {
                ("open", null) => bars.Select(b => b.Open).ToArray(),
                ("high", null) => bars.Select(b => b.High).ToArray(),
                ("low", null) => bars.Select(b => b.Low).ToArray(),
                ("close" or "price", null) => closes,
                ("volume", null) => bars.Select(b => b.Volume).ToArray(),
                ("previous close", null) => closes.Select((_, i) => i == 0 ? double.NaN : closes[i - 1]).ToArray(),
                ("sma" or "dma", { } k) => Indicator.Sma(closes, k),
                ("ema", { } k) => Indicator.Ema(closes, k),
                ("wma", { } k) => Indicator.Wma(closes, k),
                ("rsi", var k) => Indicator.Rsi(closes, k ?? 14),
                ("macd", null) => Indicator.Macd(closes).Macd,
                ("macd signal", null) => Indicator.Macd(closes).Signal,
                ("macd histogram", null) => Indicator.Macd(closes).Histogram,
                ("bollinger upper", var k) => Indicator.Bollinger(closes, k ?? 20).Upper,
                ("bollinger middle", var k) => Indicator.Bollinger(closes, k ?? 20).Middle,
                ("bollinger lower", var k) => Indicator.Bollinger(closes, k ?? 20).Lower,
                ("atr", var k) => Indicator.Atr(bars, k ?? 14).Atr,
                ("adx", var k) => Indicator.Adx(bars, k ?? 14).Adx,
                ("plus di", var k) => Indicator.Adx(bars, k ?? 14).PlusDi,
                ("minus di", var k) => Indicator.Adx(bars, k ?? 14).MinusDi,
                ("stochastic k", var k) => Indicator.Stochastic(bars, k ?? 14).K,
                ("stochastic d", var k) => Indicator.Stochastic(bars, k ?? 14).D,
                ("williams r", var k) => Indicator.WilliamsR(bars, k ?? 14),
                ("cci", var k) => Indicator.Cci(bars, k ?? 20),
                ("mfi", var k) => Indicator.Mfi(bars, k ?? 14),
                ("roc", { } k) => Indicator.Roc(closes, k),
                ("obv", null) => Indicator.Obv(bars),
                ("aroon up", var k) => Indicator.Aroon(bars, k ?? 25).Up,
                ("aroon down", var k) => Indicator.Aroon(bars, k ?? 25).Down,
                ("supertrend", null) => Indicator.Supertrend(bars).Supertrend,
                ("vwap", null) => Indicator.Vwap(bars),
                ("highest high", { } k) => Window(bars, k, high: true),
                ("lowest low", { } k) => Window(bars, k, high: false),
                _ => null,
            };
        }

        /// <summary>The highest high (or lowest low) of the <paramref name="n"/> bars before each bar, so "Close &gt; Highest high 20" is a breakout.</summary>
        private static double[] Window(Bar[] bars, int n, bool high)
        {
            var result = new double[bars.Length];
            for (var t = 0; t < bars.Length; t++)
            {
                if (t < n)
                {
                    result[t] = double.NaN;
                    continue;
                }
                var extreme = high ? double.MinValue : double.MaxValue;
                for (var i = t - n; i < t; i++)
                {
                    extreme = high ? Math.Max(extreme, bars[i].High) : Math.Min(extreme, bars[i].Low);
                }
                result[t] = extreme;
            }
            return result;
        }
    }
}
