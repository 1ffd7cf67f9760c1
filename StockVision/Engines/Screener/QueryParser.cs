using System.Globalization;

namespace StockVision.Engines.Screener;

/// <summary>
/// The screener's query language, parsed by hand-written recursive descent in one pass (linear in the input, no
/// backtracking). Precedence, loosest first: line break (= AND between whole lines), OR, AND, NOT, comparison
/// (<c>&gt; &lt; &gt;= &lt;= = != &lt;&gt;</c>), <c>+ -</c>, <c>* /</c>, unary minus. Keywords are case-insensitive.
/// Literals take units: <c>22%</c>, <c>500 Cr</c> / <c>crore</c>, <c>1.5 lakh</c>, an optional leading <c>₹</c>;
/// money is normalised to ₹ crore. A ratio name is a run of words (and numbers after the first word, as in
/// <c>DMA 200</c> or <c>Sales growth 3Years</c>), resolved against the ratio catalogue after parsing.
/// Every failure is a <see cref="QueryError"/> with line and column; nothing else is thrown.
/// </summary>
public static class QueryParser
{
    public const int MaxLength = 2_000;
    public const int MaxDepth = 48;

    public static QueryParseResult Parse(string? query) => Parse(query, out _);

    /// <param name="steps">Tokens examined: a deterministic measure of work, linear in the input (tests bound it).</param>
    public static QueryParseResult Parse(string? query, out int steps)
    {
        steps = 0;
        var text = query ?? "";
        if (text.Length > MaxLength)
        {
            return Fail($"A screen can be at most {MaxLength:N0} characters; this one has {text.Length:N0}.", new SourceSpan(MaxLength, text.Length - MaxLength, 1, 1));
        }
        var lexed = Lexer.Tokenize(text);
        if (lexed.Error is not null)
        {
            return new QueryParseResult(null, lexed.Error);
        }
        var parser = new Parser(lexed.Tokens);
        try
        {
            var node = parser.ParseQuery();
            steps = parser.Steps;
            return Check(node, expectCondition: true) is { } typeError ? new QueryParseResult(null, typeError) : new QueryParseResult(node, null);
        }
        catch (SyntaxException e)
        {
            steps = parser.Steps;
            return new QueryParseResult(null, e.Error);
        }
    }

    private static QueryParseResult Fail(string message, SourceSpan span, string? suggestion = null) => new(null, new QueryError(message, span, suggestion));

    /// <summary>Conditions where conditions go, numbers where numbers go: "PE AND ROE" and "(A &gt; 1) &gt; 2" are caught here.</summary>
    private static QueryError? Check(QueryNode node, bool expectCondition)
    {
        var isCondition = node is OrNode or AndNode or NotNode or ComparisonNode;
        if (expectCondition && !isCondition)
        {
            var what = node is NameNode name ? $"\"{name.Name}\" on its own" : "A number or a sum";
            var example = node is NameNode n ? $"{n.Name} > 10" : null;
            return new QueryError($"{what} is not a condition: compare it with >, <, >=, <=, = or !=.", node.Span, example);
        }
        if (!expectCondition && isCondition)
        {
            return new QueryError("A condition cannot be used as a number here: compare two values, and join conditions with AND or OR.", node.Span);
        }
        return node switch
        {
            OrNode o => Check(o.Left, true) ?? Check(o.Right, true),
            AndNode a => Check(a.Left, true) ?? Check(a.Right, true),
            NotNode n => Check(n.Operand, true),
            ComparisonNode c => Check(c.Left, false) ?? Check(c.Right, false),
            ArithmeticNode a => Check(a.Left, false) ?? Check(a.Right, false),
            NegateNode n => Check(n.Operand, false),
            _ => null,
        };
    }

    private enum Kind
    {
        Number,
        Word,
        And,
        Or,
        Not,
        Compare,
        Plus,
        Minus,
        Star,
        Slash,
        Percent,
        Rupee,
        Open,
        Close,
        Newline,
        End,
    }

    private readonly record struct Token(Kind Kind, string Text, SourceSpan Span, decimal Number = 0, ComparisonOperator Compare = default);

    private sealed class SyntaxException(QueryError error) : Exception(error.Message)
    {
        public QueryError Error { get; } = error;
    }

    private static class Lexer
    {
        public static (List<Token> Tokens, QueryError? Error) Tokenize(string text)
        {
            var tokens = new List<Token>();
            int i = 0, line = 1, lineStart = 0;
            SourceSpan At(int start, int length) => new(start, length, line, start - lineStart + 1);

            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    tokens.Add(new Token(Kind.Newline, "\n", At(i, 1)));
                    i++;
                    line++;
                    lineStart = i;
                    continue;
                }
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }
                var start = i;
                if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' || (text[i] == ',' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
                    {
                        i++;
                    }
                    var digits = text[start..i];
                    // "3Years" is a word (part of a ratio name); "500Cr" is a number and its unit.
                    var letters = i;
                    while (letters < text.Length && char.IsLetter(text[letters]))
                    {
                        letters++;
                    }
                    if (letters > i && !IsUnit(text[i..letters]))
                    {
                        tokens.Add(new Token(Kind.Word, text[start..letters], At(start, letters - start)));
                        i = letters;
                        continue;
                    }
                    if (!decimal.TryParse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                    {
                        return (tokens, new QueryError($"\"{digits}\" is not a number.", At(start, digits.Length)));
                    }
                    tokens.Add(new Token(Kind.Number, digits, At(start, digits.Length), value));
                    continue;
                }
                if (char.IsLetter(c) || c == '_')
                {
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '\'' or '.' or '&'))
                    {
                        i++;
                    }
                    var word = text[start..i].TrimEnd('.');
                    i = start + word.Length;
                    var kind = word.ToUpperInvariant() switch
                    {
                        "AND" => Kind.And,
                        "OR" => Kind.Or,
                        "NOT" => Kind.Not,
                        _ => Kind.Word,
                    };
                    tokens.Add(new Token(kind, word, At(start, word.Length)));
                    continue;
                }
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                switch (two)
                {
                    case ">=":
                        tokens.Add(new Token(Kind.Compare, two, At(i, 2), Compare: ComparisonOperator.GreaterOrEqual));
                        i += 2;
                        continue;
                    case "<=":
                        tokens.Add(new Token(Kind.Compare, two, At(i, 2), Compare: ComparisonOperator.LessOrEqual));
                        i += 2;
                        continue;
                    case "!=" or "<>":
                        tokens.Add(new Token(Kind.Compare, two, At(i, 2), Compare: ComparisonOperator.NotEqual));
                        i += 2;
                        continue;
                    case "==":
                        return (tokens, new QueryError("\"==\" is not an operator here: equality is a single =.", At(i, 2), "="));
                    case "=>":
                        return (tokens, new QueryError("\"=>\" is not an operator: did you mean >= (greater than or equal)?", At(i, 2), ">="));
                    case "=<":
                        return (tokens, new QueryError("\"=<\" is not an operator: did you mean <= (less than or equal)?", At(i, 2), "<="));
                    case "&&":
                        return (tokens, new QueryError("Join conditions with the word AND.", At(i, 2), "AND"));
                    case "||":
                        return (tokens, new QueryError("Join alternatives with the word OR.", At(i, 2), "OR"));
                    default:
                        break;
                }
                Token? single = c switch
                {
                    '>' => new Token(Kind.Compare, ">", At(i, 1), Compare: ComparisonOperator.Greater),
                    '<' => new Token(Kind.Compare, "<", At(i, 1), Compare: ComparisonOperator.Less),
                    '=' => new Token(Kind.Compare, "=", At(i, 1), Compare: ComparisonOperator.Equal),
                    '+' => new Token(Kind.Plus, "+", At(i, 1)),
                    '-' or '−' => new Token(Kind.Minus, "-", At(i, 1)),
                    '*' or '×' => new Token(Kind.Star, "*", At(i, 1)),
                    '/' or '÷' => new Token(Kind.Slash, "/", At(i, 1)),
                    '%' => new Token(Kind.Percent, "%", At(i, 1)),
                    '₹' => new Token(Kind.Rupee, "₹", At(i, 1)),
                    '(' => new Token(Kind.Open, "(", At(i, 1)),
                    ')' => new Token(Kind.Close, ")", At(i, 1)),
                    _ => null,
                };
                if (single is null)
                {
                    var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                    return (tokens, new QueryError($"\"{shown}\" has no meaning in a screen.", At(i, 1)));
                }
                tokens.Add(single.Value);
                i++;
            }
            tokens.Add(new Token(Kind.End, "", At(text.Length, 0)));
            return (tokens, null);
        }
    }

    private static bool IsUnit(string word) => Multiplier(word) is not null;

    /// <summary>Crore per unit: crore words are 1, lakh words 0.01 (1 crore = 100 lakh).</summary>
    private static decimal? Multiplier(string word) => word.ToUpperInvariant() switch
    {
        "CR" or "CRS" or "CRORE" or "CRORES" => 1m,
        "LAKH" or "LAKHS" or "LAC" or "LACS" => 0.01m,
        _ => null,
    };

    private sealed class Parser(List<Token> tokens)
    {
        private int position;
        private int depth;

        public int Steps { get; private set; }

        private Token Peek()
        {
            Steps++;
            return tokens[position];
        }

        private Token Next()
        {
            Steps++;
            return tokens[position++];
        }

        public QueryNode ParseQuery()
        {
            SkipNewlines();
            if (Peek().Kind == Kind.End)
            {
                throw Error("Write at least one condition, for example: Market capitalization > 500 Cr", Peek().Span);
            }
            var node = ParseOr();
            while (true)
            {
                var token = Peek();
                if (token.Kind == Kind.End)
                {
                    return node;
                }
                if (token.Kind == Kind.Newline)
                {
                    SkipNewlines();
                    if (Peek().Kind == Kind.End)
                    {
                        return node;
                    }
                    var right = ParseOr();
                    node = new AndNode(node, right, Join(node.Span, right.Span));
                    continue;
                }
                throw Unexpected(token, "Expected AND, OR or a new line");
            }
        }

        private QueryNode ParseOr()
        {
            var left = ParseAnd();
            while (NextAfterNewlines() == Kind.Or)
            {
                SkipNewlines();
                var op = Next();
                SkipNewlines();
                var right = Operand(op, ParseAnd);
                left = new OrNode(left, right, Join(left.Span, right.Span));
            }
            return left;
        }

        private QueryNode ParseAnd()
        {
            var left = ParseNot();
            while (NextAfterNewlines() == Kind.And)
            {
                SkipNewlines();
                var op = Next();
                SkipNewlines();
                var right = Operand(op, ParseNot);
                left = new AndNode(left, right, Join(left.Span, right.Span));
            }
            return left;
        }

        private QueryNode ParseNot()
        {
            if (Peek().Kind != Kind.Not)
            {
                return ParseComparison();
            }
            var not = Next();
            Enter(not);
            var operand = Operand(not, ParseNot);
            depth--;
            return new NotNode(operand, Join(not.Span, operand.Span));
        }

        private QueryNode ParseComparison()
        {
            var left = ParseAdditive();
            if (Peek().Kind != Kind.Compare)
            {
                return left;
            }
            var op = Next();
            var right = Operand(op, ParseAdditive);
            if (Peek().Kind == Kind.Compare)
            {
                throw Error("Compare two things at a time: write \"A > 1 AND A < 5\" rather than \"1 < A < 5\".", Peek().Span);
            }
            return new ComparisonNode(left, op.Compare, right, Join(left.Span, right.Span));
        }

        private QueryNode ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Peek().Kind is Kind.Plus or Kind.Minus)
            {
                var op = Next();
                var right = Operand(op, ParseMultiplicative);
                left = new ArithmeticNode(left, op.Kind == Kind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, right, Join(left.Span, right.Span));
            }
            return left;
        }

        private QueryNode ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Peek().Kind is Kind.Star or Kind.Slash)
            {
                var op = Next();
                var right = Operand(op, ParseUnary);
                left = new ArithmeticNode(left, op.Kind == Kind.Star ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide, right, Join(left.Span, right.Span));
            }
            return left;
        }

        private QueryNode ParseUnary()
        {
            if (Peek().Kind is Kind.Minus or Kind.Plus)
            {
                var sign = Next();
                Enter(sign);
                var operand = Operand(sign, ParseUnary);
                depth--;
                return sign.Kind == Kind.Minus ? new NegateNode(operand, Join(sign.Span, operand.Span)) : operand;
            }
            return ParsePrimary();
        }

        private QueryNode ParsePrimary()
        {
            var token = Peek();
            switch (token.Kind)
            {
                case Kind.Rupee:
                    Next();
                    if (Peek().Kind != Kind.Number)
                    {
                        throw Error("₹ must be followed by an amount, as in ₹500 Cr.", token.Span);
                    }
                    var amount = Literal();
                    if (amount.Unit == LiteralUnit.Percent)
                    {
                        throw Error("An amount in ₹ cannot also be a percentage.", Join(token.Span, amount.Span));
                    }
                    return amount with { Unit = amount.Unit == LiteralUnit.Crore ? LiteralUnit.Crore : LiteralUnit.Rupees, Span = Join(token.Span, amount.Span) };
                case Kind.Number:
                    return Literal();
                case Kind.Word:
                    return Name();
                case Kind.Open:
                    Next();
                    Enter(token);
                    SkipNewlines();
                    if (Peek().Kind == Kind.Close)
                    {
                        throw Error("Empty parentheses: put a condition or a value inside.", Join(token.Span, Peek().Span));
                    }
                    var inner = ParseOr();
                    SkipNewlines();
                    if (Peek().Kind != Kind.Close)
                    {
                        throw Peek().Kind == Kind.End
                            ? Error("This ( is never closed.", token.Span, ")")
                            : Unexpected(Peek(), $"Expected ) to close the ( at line {token.Span.Line}, column {token.Span.Column}");
                    }
                    var close = Next();
                    depth--;
                    return inner with { Span = Join(token.Span, close.Span) };
                case Kind.Close:
                    throw Error("This ) has no matching (.", token.Span);
                case Kind.End:
                    throw Error("The screen ends in the middle of a condition.", token.Span);
                default:
                    throw Unexpected(token, "Expected a ratio name, a number or (");
            }
        }

        private LiteralNode Literal()
        {
            var number = Next();
            var next = Peek();
            if (next.Kind == Kind.Percent)
            {
                Next();
                return new LiteralNode(number.Number, LiteralUnit.Percent, Join(number.Span, next.Span));
            }
            if (next.Kind == Kind.Word && Multiplier(next.Text) is { } multiplier)
            {
                Next();
                return new LiteralNode(number.Number * multiplier, LiteralUnit.Crore, Join(number.Span, next.Span));
            }
            if (next.Kind == Kind.Word)
            {
                throw Error($"\"{next.Text}\" after {number.Text} is not a unit: use %, Cr (crore) or lakh, or an operator.", next.Span);
            }
            return new LiteralNode(number.Number, LiteralUnit.None, number.Span);
        }

        private NameNode Name()
        {
            var first = Next();
            var words = new List<string> { first.Text };
            var last = first;
            while (Peek().Kind is Kind.Word or Kind.Number)
            {
                last = Next();
                words.Add(last.Text);
            }
            return new NameNode(string.Join(' ', words), Join(first.Span, last.Span));
        }

        private QueryNode Operand(Token op, Func<QueryNode> parse)
        {
            var next = Peek();
            if (next.Kind is Kind.End or Kind.Newline or Kind.Close or Kind.And or Kind.Or or Kind.Compare)
            {
                var what = op.Kind switch
                {
                    Kind.And or Kind.Or or Kind.Not => "a condition",
                    _ => "a number or a ratio name",
                };
                throw Error($"\"{op.Text}\" needs {what} after it.", op.Span);
            }
            return parse();
        }

        private void Enter(Token token)
        {
            if (++depth > MaxDepth)
            {
                throw Error($"The screen nests more than {MaxDepth} levels deep here.", token.Span);
            }
        }

        /// <summary>A line may start with AND or OR to continue the line before it.</summary>
        private Kind NextAfterNewlines()
        {
            var i = position;
            while (tokens[i].Kind == Kind.Newline)
            {
                Steps++;
                i++;
            }
            Steps++;
            return tokens[i].Kind;
        }

        private void SkipNewlines()
        {
            while (Peek().Kind == Kind.Newline)
            {
                Next();
            }
        }

        private static SyntaxException Unexpected(Token token, string expected) => token.Kind switch
        {
            Kind.End => Error($"{expected}, but the screen ends here.", token.Span),
            Kind.Newline => Error($"{expected}, but the line ends here.", token.Span),
            _ => Error($"{expected}; found \"{token.Text}\".", token.Span),
        };

        private static SyntaxException Error(string message, SourceSpan span, string? suggestion = null) => new(new QueryError(message, span, suggestion));

        private static SourceSpan Join(SourceSpan a, SourceSpan b) =>
            new(a.Offset, Math.Max(a.Length, b.Offset + b.Length - a.Offset), a.Line, a.Column);
    }
}
