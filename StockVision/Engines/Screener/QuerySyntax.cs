namespace StockVision.Engines.Screener;

/// <summary>Where something is in the query text: 1-based line and column, and how many characters it spans.</summary>
public readonly record struct SourceSpan(int Offset, int Length, int Line, int Column);

public enum LiteralUnit
{
    None,

    /// <summary>"22%": the value is in percent (22, not 0.22).</summary>
    Percent,

    /// <summary>"500 Cr", "1.5 lakh", "₹2,000 crore": the value is in ₹ crore, the unit StockVision keeps money in.</summary>
    Crore,

    /// <summary>"₹500" with no crore or lakh word: plain rupees, as a share price is quoted.</summary>
    Rupees,
}

public enum ComparisonOperator
{
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
    Equal,
    NotEqual,
}

public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>A parsed screen: conditions joined by AND, OR and NOT; arithmetic over ratio names and literals.</summary>
public abstract record QueryNode(SourceSpan Span);

public sealed record OrNode(QueryNode Left, QueryNode Right, SourceSpan Span) : QueryNode(Span);

public sealed record AndNode(QueryNode Left, QueryNode Right, SourceSpan Span) : QueryNode(Span);

public sealed record NotNode(QueryNode Operand, SourceSpan Span) : QueryNode(Span);

public sealed record ComparisonNode(QueryNode Left, ComparisonOperator Operator, QueryNode Right, SourceSpan Span) : QueryNode(Span);

public sealed record ArithmeticNode(QueryNode Left, ArithmeticOperator Operator, QueryNode Right, SourceSpan Span) : QueryNode(Span);

public sealed record NegateNode(QueryNode Operand, SourceSpan Span) : QueryNode(Span);

public sealed record LiteralNode(decimal Value, LiteralUnit Unit, SourceSpan Span) : QueryNode(Span);

/// <summary>A ratio as written ("Return on capital employed", "Sales growth 3Years"): resolved against the ratio catalogue later.</summary>
public sealed record NameNode(string Name, SourceSpan Span) : QueryNode(Span);

/// <summary>What is wrong, where, and (when there is one) what was probably meant.</summary>
public sealed record QueryError(string Message, SourceSpan Span, string? Suggestion = null)
{
    /// <summary>The offending line with a caret under the problem, as a terminal or a &lt;pre&gt; shows it.</summary>
    public string Caret(string query)
    {
        var lines = query.Split('\n');
        var line = Span.Line - 1 < lines.Length ? lines[Span.Line - 1].TrimEnd('\r') : "";
        var caret = new string(' ', Math.Max(0, Span.Column - 1)) + new string('^', Math.Max(1, Span.Length));
        return line + "\n" + caret;
    }

    public override string ToString() => $"Line {Span.Line}, column {Span.Column}: {Message}";
}

public sealed record QueryParseResult(QueryNode? Query, QueryError? Error)
{
    public bool Succeeded => Query is not null;
}
