namespace StockVision.Engines.Screener;

/// <summary>Ratios of many companies by column (NaN where a company has no value), the shape a screen is evaluated over.</summary>
public sealed class RatioTable
{
    public RatioTable(RatioCatalogue catalogue, IReadOnlyList<CompanyRatios> companies)
    {
        Catalogue = catalogue;
        Companies = companies;
        Columns = new double[catalogue.Count][];
        for (var c = 0; c < catalogue.Count; c++)
        {
            var column = new double[companies.Count];
            for (var row = 0; row < companies.Count; row++)
            {
                column[row] = companies[row].Values[c] is { } v ? (double)v : double.NaN;
            }
            Columns[c] = column;
        }
    }

    public RatioCatalogue Catalogue { get; }

    public IReadOnlyList<CompanyRatios> Companies { get; }

    public double[][] Columns { get; }

    public int Rows => Companies.Count;
}

/// <summary>How many companies were left after each top-level clause, and how many it dropped for want of data.</summary>
public sealed record FunnelStep(string Clause, SourceSpan Span, int Remaining, int DroppedForMissingData);

public sealed record ScreenRun(IReadOnlyList<int> Matches, IReadOnlyList<FunnelStep> Funnel, int Universe);

public sealed record ScreenCompileResult(CompiledScreen? Screen, QueryError? Error)
{
    public bool Succeeded => Screen is not null;
}

/// <summary>
/// A checked screen. Conditions use three-valued logic: a comparison with a missing ratio is unknown, NOT unknown is
/// unknown, and only companies for which the whole screen is true are listed.
/// </summary>
public sealed class CompiledScreen
{
    private const sbyte Unknown = -1;

    internal CompiledScreen(string query, BoundCondition condition, RatioCatalogue catalogue)
    {
        Query = query;
        Condition = condition;
        Catalogue = catalogue;
        Clauses = Conjuncts(condition).ToList();
        RatiosUsed = RatioIndexes(condition).Distinct().ToList();
    }

    public string Query { get; }

    public BoundCondition Condition { get; }

    public RatioCatalogue Catalogue { get; }

    /// <summary>The top-level clauses joined by AND (or by new lines), in the order written.</summary>
    public IReadOnlyList<BoundCondition> Clauses { get; }

    /// <summary>Catalogue indexes of the ratios the screen names, in order of first appearance.</summary>
    public IReadOnlyList<int> RatiosUsed { get; }

    public string TextOf(BoundCondition clause) => Query.Substring(clause.Span.Offset, clause.Span.Length);

    public ScreenRun Run(RatioTable table)
    {
        if (!ReferenceEquals(table.Catalogue, Catalogue))
        {
            throw new ArgumentException("The table was built with a different ratio catalogue.", nameof(table));
        }
        var clauses = Clauses.Select(c => ConditionCompiler.Compile(c, table.Columns)).ToArray();
        var alive = Enumerable.Range(0, table.Rows).ToList();
        var funnel = new List<FunnelStep>(clauses.Length);
        for (var i = 0; i < clauses.Length; i++)
        {
            var kept = new List<int>(alive.Count);
            var missing = 0;
            foreach (var row in alive)
            {
                var result = clauses[i](row);
                if (result == 1)
                {
                    kept.Add(row);
                }
                else if (result == Unknown)
                {
                    missing++;
                }
            }
            funnel.Add(new FunnelStep(TextOf(Clauses[i]), Clauses[i].Span, kept.Count, missing));
            alive = kept;
        }
        return new ScreenRun(alive, funnel, table.Rows);
    }

    private static IEnumerable<BoundCondition> Conjuncts(BoundCondition condition) => condition is BoundAnd and
        ? Conjuncts(and.Left).Concat(Conjuncts(and.Right))
        : [condition];

    private static IEnumerable<int> RatioIndexes(BoundCondition condition) => condition switch
    {
        BoundAnd a => RatioIndexes(a.Left).Concat(RatioIndexes(a.Right)),
        BoundOr o => RatioIndexes(o.Left).Concat(RatioIndexes(o.Right)),
        BoundNot n => RatioIndexes(n.Operand),
        BoundComparison c => RatioIndexes(c.Left).Concat(RatioIndexes(c.Right)),
        _ => [],
    };

    private static IEnumerable<int> RatioIndexes(BoundValue value) => value switch
    {
        BoundRatio r => [r.Index],
        BoundArithmetic a => RatioIndexes(a.Left).Concat(RatioIndexes(a.Right)),
        BoundNegate n => RatioIndexes(n.Operand),
        _ => [],
    };
}

/// <summary>
/// Turns a checked condition into a function of a row: 1 true, 0 false, −1 unknown (three-valued logic; NaN, a missing
/// value, makes a comparison unknown). Columns are indexed [series][row] — companies for a screen, sessions for a
/// backtest rule.
/// </summary>
public static class ConditionCompiler
{
    private const sbyte Unknown = -1;

    /// <summary>1 true, 0 false, −1 unknown.</summary>
    public static Func<int, sbyte> Compile(BoundCondition condition, double[][] columns)
    {
        switch (condition)
        {
            case BoundAnd a:
                {
                    var l = Compile(a.Left, columns);
                    var r = Compile(a.Right, columns);
                    return row =>
                    {
                        var x = l(row);
                        if (x == 0)
                        {
                            return 0;
                        }
                        var y = r(row);
                        return y == 0 ? (sbyte)0 : x == 1 && y == 1 ? (sbyte)1 : Unknown;
                    };
                }
            case BoundOr o:
                {
                    var l = Compile(o.Left, columns);
                    var r = Compile(o.Right, columns);
                    return row =>
                    {
                        var x = l(row);
                        if (x == 1)
                        {
                            return 1;
                        }
                        var y = r(row);
                        return y == 1 ? (sbyte)1 : x == 0 && y == 0 ? (sbyte)0 : Unknown;
                    };
                }
            case BoundNot n:
                {
                    var inner = Compile(n.Operand, columns);
                    return row => inner(row) switch
                    {
                        1 => 0,
                        0 => 1,
                        _ => Unknown,
                    };
                }
            case BoundComparison c:
                {
                    var l = Compile(c.Left, columns);
                    var r = Compile(c.Right, columns);
                    Func<double, double, bool> test = c.Operator switch
                    {
                        ComparisonOperator.Greater => (x, y) => x > y,
                        ComparisonOperator.Less => (x, y) => x < y,
                        ComparisonOperator.GreaterOrEqual => (x, y) => x >= y,
                        ComparisonOperator.LessOrEqual => (x, y) => x <= y,
                        ComparisonOperator.Equal => (x, y) => x == y,
                        _ => (x, y) => x != y,
                    };
                    return row =>
                    {
                        var x = l(row);
                        var y = r(row);
                        return double.IsNaN(x) || double.IsNaN(y) ? Unknown : test(x, y) ? (sbyte)1 : (sbyte)0;
                    };
                }
            default:
                throw new InvalidOperationException($"Unexpected condition {condition.GetType().Name}.");
        }
    }

    public static Func<int, double> Compile(BoundValue value, double[][] columns)
    {
        switch (value)
        {
            case BoundRatio ratio:
                {
                    var column = columns[ratio.Index];
                    return row => column[row];
                }
            case BoundConstant k:
                {
                    var v = k.Value;
                    return _ => v;
                }
            case BoundNegate n:
                {
                    var inner = Compile(n.Operand, columns);
                    return row => -inner(row);
                }
            case BoundArithmetic a:
                {
                    var l = Compile(a.Left, columns);
                    var r = Compile(a.Right, columns);
                    return a.Operator switch
                    {
                        ArithmeticOperator.Add => row => l(row) + r(row),
                        ArithmeticOperator.Subtract => row => l(row) - r(row),
                        ArithmeticOperator.Multiply => row => l(row) * r(row),
                        _ => row => r(row) is var d && d == 0 ? double.NaN : l(row) / d,
                    };
                }
            default:
                throw new InvalidOperationException($"Unexpected value {value.GetType().Name}.");
        }
    }
}

public static class ScreenCompiler
{
    /// <summary>Parses and checks a screen: the result holds either a screen ready to run or the first error, located.</summary>
    public static ScreenCompileResult Compile(string? query, RatioCatalogue catalogue)
    {
        var parsed = QueryParser.Parse(query);
        if (parsed.Query is not { } tree)
        {
            return new ScreenCompileResult(null, parsed.Error);
        }
        var (condition, error) = new ScreenBinder(catalogue, query!).Bind(tree);
        return condition is null ? new ScreenCompileResult(null, error) : new ScreenCompileResult(new CompiledScreen(query!, condition, catalogue), null);
    }
}
