using System.Globalization;
using StockVision.Engines.Text;

namespace StockVision.Engines.Screener;

/// <summary>The unit of a value in a screen. <see cref="Plain"/> is a bare number, which takes the unit of whatever it meets.</summary>
public enum ValueUnit
{
    Plain,
    Crore,
    Rupees,
    Percent,
    Times,
    Index,
}

public abstract record BoundValue(ValueUnit Unit, bool IsConstant, SourceSpan Span);

public sealed record BoundRatio(int Index, ValueUnit Unit, SourceSpan Span) : BoundValue(Unit, false, Span);

public sealed record BoundConstant(double Value, ValueUnit Unit, SourceSpan Span) : BoundValue(Unit, true, Span);

public sealed record BoundArithmetic(BoundValue Left, ArithmeticOperator Operator, BoundValue Right, ValueUnit Unit, SourceSpan Span)
    : BoundValue(Unit, Left.IsConstant && Right.IsConstant, Span);

public sealed record BoundNegate(BoundValue Operand, SourceSpan Span) : BoundValue(Operand.Unit, Operand.IsConstant, Span);

public abstract record BoundCondition(SourceSpan Span);

public sealed record BoundComparison(BoundValue Left, ComparisonOperator Operator, BoundValue Right, SourceSpan Span) : BoundCondition(Span);

public sealed record BoundAnd(BoundCondition Left, BoundCondition Right, SourceSpan Span) : BoundCondition(Span);

public sealed record BoundOr(BoundCondition Left, BoundCondition Right, SourceSpan Span) : BoundCondition(Span);

public sealed record BoundNot(BoundCondition Operand, SourceSpan Span) : BoundCondition(Span);

/// <summary>
/// Resolves ratio names against the catalogue and checks units. A bare number takes the unit of what it is compared
/// with ("ROE > 20" is 20 %); an explicit unit must agree ("ROE > 500 Cr" is an error), except that ₹ and ₹ crore
/// convert into each other for a written amount, and a written percentage against a plain ratio of two amounts is a
/// fraction ("Net profit / Sales > 20%" is 0.2).
/// </summary>
public sealed class ScreenBinder(RatioCatalogue catalogue, string query)
{
    private sealed class BindException(QueryError error) : Exception(error.Message)
    {
        public QueryError Error { get; } = error;
    }

    public (BoundCondition? Condition, QueryError? Error) Bind(QueryNode node)
    {
        try
        {
            return (Condition(node), null);
        }
        catch (BindException e)
        {
            return (null, e.Error);
        }
    }

    private BoundCondition Condition(QueryNode node) => node switch
    {
        AndNode a => new BoundAnd(Condition(a.Left), Condition(a.Right), a.Span),
        OrNode o => new BoundOr(Condition(o.Left), Condition(o.Right), o.Span),
        NotNode n => new BoundNot(Condition(n.Operand), n.Span),
        ComparisonNode c => Comparison(c),
        _ => throw Fail($"\"{Text(node.Span)}\" on its own is not a condition.", node.Span),
    };

    private BoundComparison Comparison(ComparisonNode c)
    {
        var left = Value(c.Left);
        var right = Value(c.Right);
        var (l, r, _) = Reconcile(left, right, c.Span, "compare");
        return new BoundComparison(l, c.Operator, r, c.Span);
    }

    private BoundValue Value(QueryNode node)
    {
        switch (node)
        {
            case LiteralNode lit:
                var unit = lit.Unit switch
                {
                    LiteralUnit.Percent => ValueUnit.Percent,
                    LiteralUnit.Crore => ValueUnit.Crore,
                    LiteralUnit.Rupees => ValueUnit.Rupees,
                    _ => ValueUnit.Plain,
                };
                return new BoundConstant((double)lit.Value, unit, lit.Span);
            case NameNode name:
                return Ratio(name);
            case NegateNode neg:
                return Value(neg.Operand) is var operand && operand is BoundConstant k
                    ? k with { Value = -k.Value, Span = neg.Span }
                    : new BoundNegate(operand, neg.Span);
            case ArithmeticNode a:
                return Arithmetic(a);
            default:
                throw Fail("A condition cannot be used as a number here.", node.Span);
        }
    }

    private BoundRatio Ratio(NameNode name)
    {
        if (catalogue.IndexOfName(name.Name) is { } index)
        {
            return new BoundRatio(index, UnitOf(catalogue[index].Unit), name.Span);
        }
        var suggestion = Suggest(name.Name);
        var message = suggestion is null
            ? $"Unknown ratio \"{name.Name}\". The ratio list names every ratio and its aliases."
            : $"Unknown ratio \"{name.Name}\" — did you mean \"{suggestion}\"?";
        throw Fail(message, name.Span, suggestion);
    }

    /// <summary>The closest ratio name by edit distance, if it is close enough to be a typo rather than a different idea.</summary>
    public string? Suggest(string name)
    {
        var wanted = RatioNames.Normalize(name);
        var best = (Index: -1, Distance: int.MaxValue);
        foreach (var (candidate, index) in catalogue.NormalizedNames)
        {
            var distance = Similarity.Distance(wanted, candidate);
            if (distance < best.Distance || (distance == best.Distance && index < best.Index))
            {
                best = (index, distance);
            }
        }
        var allowed = Math.Max(2, wanted.Length / 4);
        return best.Index >= 0 && best.Distance <= allowed ? catalogue[best.Index].Name : null;
    }

    private BoundValue Arithmetic(ArithmeticNode a)
    {
        var left = Value(a.Left);
        var right = Value(a.Right);
        if (a.Operator is ArithmeticOperator.Add or ArithmeticOperator.Subtract)
        {
            var (l, r, unit) = Reconcile(left, right, a.Span, a.Operator == ArithmeticOperator.Add ? "add" : "subtract");
            return Fold(new BoundArithmetic(l, a.Operator, r, unit, a.Span));
        }
        if (a.Operator == ArithmeticOperator.Divide && right is BoundConstant { Value: 0 })
        {
            throw Fail("Division by zero.", right.Span);
        }
        var result = a.Operator == ArithmeticOperator.Multiply ? MultiplyUnit(left, right) : DivideUnit(left, right);
        if (result is not { } resultUnit)
        {
            var verb = a.Operator == ArithmeticOperator.Multiply ? "multiply" : "divide";
            throw Fail($"Cannot {verb} {Describe(left)} by {Describe(right)}: the result has no unit a screen can compare.", a.Span);
        }
        var (cl, cr) = a.Operator == ArithmeticOperator.Divide ? ConvertMoneyConstants(left, right) : (left, right);
        return Fold(new BoundArithmetic(cl, a.Operator, cr, resultUnit, a.Span));
    }

    private static ValueUnit? MultiplyUnit(BoundValue l, BoundValue r) => (l.Unit, r.Unit) switch
    {
        (ValueUnit.Plain, var u) => u,
        (var u, ValueUnit.Plain) => u,
        (ValueUnit.Times, var u) => u,
        (var u, ValueUnit.Times) => u,
        _ => null,
    };

    private static ValueUnit? DivideUnit(BoundValue l, BoundValue r) => (l.Unit, r.Unit) switch
    {
        (var u, ValueUnit.Plain) => u,
        (ValueUnit.Plain, ValueUnit.Times) => ValueUnit.Plain,
        (var u, ValueUnit.Times) => u,
        var (a, b) when a == b => ValueUnit.Plain,
        (ValueUnit.Crore, ValueUnit.Rupees) when r.IsConstant => ValueUnit.Plain,
        (ValueUnit.Rupees, ValueUnit.Crore) when l.IsConstant => ValueUnit.Plain,
        _ => null,
    };

    /// <summary>Makes two values comparable (or addable) and returns them with the unit they share.</summary>
    private (BoundValue Left, BoundValue Right, ValueUnit Unit) Reconcile(BoundValue left, BoundValue right, SourceSpan span, string verb)
    {
        if (left.Unit == right.Unit)
        {
            return (left, right, left.Unit);
        }
        if (Adopt(left, right) is { } l)
        {
            return (l, right, l.Unit == ValueUnit.Plain ? right.Unit : l.Unit);
        }
        if (Adopt(right, left) is { } r)
        {
            return (left, r, r.Unit == ValueUnit.Plain ? left.Unit : r.Unit);
        }
        var example = (left, right) switch
        {
            (BoundRatio ratio, _) => $" For example: {catalogue[ratio.Index].Name} > 10{Suffix(left.Unit)}.",
            (_, BoundRatio ratio) => $" For example: {catalogue[ratio.Index].Name} > 10{Suffix(right.Unit)}.",
            _ => "",
        };
        throw Fail($"Cannot {verb} {Describe(left)} and {Describe(right)}.{example}", span);
    }

    /// <summary>
    /// <paramref name="value"/> restated so it can meet <paramref name="other"/>, or null when the two cannot meet. A bare
    /// number meets anything; a plain ratio of two figures meets other figures but not a written amount; a written ₹
    /// amount meets ₹ crore; a written percentage meets a plain ratio as a fraction.
    /// </summary>
    private static BoundValue? Adopt(BoundValue value, BoundValue other)
    {
        if (value.Unit == ValueUnit.Plain)
        {
            return value.IsConstant || !other.IsConstant ? value : null;
        }
        return (value, other) switch
        {
            (BoundConstant { Unit: ValueUnit.Percent } p, { Unit: ValueUnit.Plain, IsConstant: false }) => p with { Value = p.Value / 100, Unit = ValueUnit.Plain },
            (BoundConstant { Unit: ValueUnit.Rupees } k, { Unit: ValueUnit.Crore }) => k with { Value = k.Value / 1e7, Unit = ValueUnit.Crore },
            _ => null,
        };
    }

    private static (BoundValue, BoundValue) ConvertMoneyConstants(BoundValue l, BoundValue r) => (l.Unit, r.Unit) switch
    {
        (ValueUnit.Crore, ValueUnit.Rupees) when r is BoundConstant k => (l, k with { Value = k.Value / 1e7, Unit = ValueUnit.Crore }),
        (ValueUnit.Rupees, ValueUnit.Crore) when l is BoundConstant k => (k with { Value = k.Value / 1e7, Unit = ValueUnit.Crore }, r),
        _ => (l, r),
    };

    private static BoundValue Fold(BoundArithmetic a) => a is { Left: BoundConstant l, Right: BoundConstant r }
        ? new BoundConstant(a.Operator switch
        {
            ArithmeticOperator.Add => l.Value + r.Value,
            ArithmeticOperator.Subtract => l.Value - r.Value,
            ArithmeticOperator.Multiply => l.Value * r.Value,
            _ => l.Value / r.Value,
        }, a.Unit, a.Span)
        : a;

    public static ValueUnit UnitOf(RatioUnit unit) => unit switch
    {
        RatioUnit.Crore => ValueUnit.Crore,
        RatioUnit.RupeesPerShare => ValueUnit.Rupees,
        RatioUnit.Percent => ValueUnit.Percent,
        RatioUnit.Times => ValueUnit.Times,
        _ => ValueUnit.Index,
    };

    private string Describe(BoundValue value)
    {
        var what = value is BoundRatio r ? catalogue[r.Index].Name : Text(value.Span);
        var unit = value.Unit switch
        {
            ValueUnit.Crore => "an amount in ₹ crore",
            ValueUnit.Rupees => value is BoundRatio ? "₹ per share" : "an amount in ₹",
            ValueUnit.Percent => "a percentage",
            ValueUnit.Times => "a multiple (×)",
            ValueUnit.Index => "an index",
            _ => "a plain number",
        };
        return $"{what} ({unit})";
    }

    private static string Suffix(ValueUnit unit) => unit switch
    {
        ValueUnit.Percent => "%",
        ValueUnit.Crore => " Cr",
        _ => "",
    };

    private string Text(SourceSpan span) =>
        span.Offset >= 0 && span.Offset + span.Length <= query.Length ? query.Substring(span.Offset, span.Length) : "";

    private static BindException Fail(string message, SourceSpan span, string? suggestion = null) => new(new QueryError(message, span, suggestion));

    internal static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
