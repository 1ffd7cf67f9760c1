using StockVision.Engines.Screener;

namespace StockVision.Tests.Engines;

/// <summary>The screener language's grammar (StockVision/Engines/Screener/QueryParser.cs): precedence, units, line breaks, every error kind, and a seeded fuzz run.</summary>
public class ScreenerQueryParserTests
{
    private static QueryNode Parsed(string query)
    {
        var result = QueryParser.Parse(query);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Query!;
    }

    /// <summary>A fully parenthesised rendering: the shape of the tree, independent of spans.</summary>
    private static string Shape(QueryNode node) => node switch
    {
        OrNode o => $"({Shape(o.Left)} OR {Shape(o.Right)})",
        AndNode a => $"({Shape(a.Left)} AND {Shape(a.Right)})",
        NotNode n => $"(NOT {Shape(n.Operand)})",
        ComparisonNode c => $"({Shape(c.Left)} {c.Operator} {Shape(c.Right)})",
        ArithmeticNode a => $"({Shape(a.Left)} {a.Operator} {Shape(a.Right)})",
        NegateNode n => $"(-{Shape(n.Operand)})",
        LiteralNode l => l.Unit == LiteralUnit.None ? l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {l.Unit}",
        NameNode n => $"[{n.Name}]",
        _ => "?",
    };

    [Theory]
    [InlineData("Market capitalization > 500 Cr AND Return on capital employed > 22%",
        "(([Market capitalization] Greater 500 Crore) AND ([Return on capital employed] Greater 22 Percent))")]
    [InlineData("a > 1 OR b > 2 AND c > 3", "(([a] Greater 1) OR (([b] Greater 2) AND ([c] Greater 3)))")]
    [InlineData("NOT a > 1 AND b > 2", "((NOT ([a] Greater 1)) AND ([b] Greater 2))")]
    [InlineData("(a > 1 OR b > 2) AND c > 3", "((([a] Greater 1) OR ([b] Greater 2)) AND ([c] Greater 3))")]
    [InlineData("Current price < 0.7 * High price", "([Current price] Less (0.7 Multiply [High price]))")]
    [InlineData("a + b * c >= (a + b) * c - -1", "(([a] Add ([b] Multiply [c])) GreaterOrEqual ((([a] Add [b]) Multiply [c]) Subtract (-1)))")]
    [InlineData("Price to earning < Industry PE", "([Price to earning] Less [Industry PE])")]
    [InlineData("Sales growth 3Years > 15%", "([Sales growth 3Years] Greater 15 Percent)")]
    [InlineData("Current price > DMA 200", "([Current price] Greater [DMA 200])")]
    [InlineData("Net profit latest quarter > Net profit preceding quarter", "([Net profit latest quarter] Greater [Net profit preceding quarter])")]
    [InlineData("Sales > 1.5 lakh", "([Sales] Greater 0.015 Crore)")]
    [InlineData("Market capitalization >= ₹2,000 crore", "([Market capitalization] GreaterOrEqual 2000 Crore)")]
    [InlineData("Market capitalization >= 500Cr", "([Market capitalization] GreaterOrEqual 500 Crore)")]
    [InlineData("Current price < ₹1,500.50", "([Current price] Less 1500.50 Rupees)")]
    [InlineData("Dividend yield != 0 and roe <> 5", "(([Dividend yield] NotEqual 0) AND ([roe] NotEqual 5))")]
    public void Valid_queries_parse_with_the_documented_precedence_and_units(string query, string shape) =>
        Assert.Equal(shape, Shape(Parsed(query)));

    [Fact]
    public void Each_line_is_a_condition_and_lines_are_joined_by_AND()
    {
        var query = "Market capitalization > 500 Cr\n\n  Return on equity > 15% OR Debt to equity < 0.5\r\nPrice to earning < 30\n";
        Assert.Equal(
            "((([Market capitalization] Greater 500 Crore) AND (([Return on equity] Greater 15 Percent) OR ([Debt to equity] Less 0.5))) AND ([Price to earning] Less 30))",
            Shape(Parsed(query)));
        // A line ending in AND/OR, or inside parentheses, continues on the next line.
        Assert.Equal("(([a] Greater 1) OR ([b] Greater 2))", Shape(Parsed("a > 1 OR\nb > 2")));
        Assert.Equal("(([a] Greater 1) OR ([b] Greater 2))", Shape(Parsed("(a > 1\nOR b > 2)")));
        Assert.Equal("(([a] Greater 1) AND ([b] Greater 2))", Shape(Parsed("a > 1\n  AND b > 2")));
    }

    [Fact]
    public void Spans_point_at_the_text_they_came_from()
    {
        var query = "Sales > 10\nReturn on equity > 22%";
        var and = Assert.IsType<AndNode>(Parsed(query));
        var right = Assert.IsType<ComparisonNode>(and.Right);
        var name = Assert.IsType<NameNode>(right.Left);
        Assert.Equal((2, 1, 16), (name.Span.Line, name.Span.Column, name.Span.Length));
        Assert.Equal("Return on equity", query.Substring(name.Span.Offset, name.Span.Length));
        var percent = Assert.IsType<LiteralNode>(right.Right);
        Assert.Equal((2, 20, 3), (percent.Span.Line, percent.Span.Column, percent.Span.Length));
    }

    [Theory]
    [InlineData("", "Write at least one condition", 1, 1, null)]
    [InlineData("   \n  ", "Write at least one condition", 2, 3, null)]
    [InlineData("Sales == 10", "equality is a single =", 1, 7, "=")]
    [InlineData("Sales => 10", "did you mean >=", 1, 7, ">=")]
    [InlineData("Sales =< 10", "did you mean <=", 1, 7, "<=")]
    [InlineData("a > 1 && b > 2", "with the word AND", 1, 7, "AND")]
    [InlineData("a > 1 || b > 2", "with the word OR", 1, 7, "OR")]
    [InlineData("Sales > 10 #", "\"#\" has no meaning", 1, 12, null)]
    [InlineData("Market capitalization", "\"Market capitalization\" on its own is not a condition", 1, 1, "Market capitalization > 10")]
    [InlineData("a > 1 AND b", "\"b\" on its own is not a condition", 1, 11, "b > 10")]
    [InlineData("a > 1 AND", "\"AND\" needs a condition after it", 1, 7, null)]
    [InlineData("a > 1\nOR", "\"OR\" needs a condition after it", 2, 1, null)]
    [InlineData("NOT", "\"NOT\" needs a condition after it", 1, 1, null)]
    [InlineData("Sales >", "\">\" needs a number or a ratio name after it", 1, 7, null)]
    [InlineData("Sales > 10 *", "\"*\" needs a number or a ratio name after it", 1, 12, null)]
    [InlineData("(a > 1 OR b > 2", "This ( is never closed", 1, 1, ")")]
    [InlineData("a > 1)", "Expected AND, OR or a new line; found \")\"", 1, 6, null)]
    [InlineData(")", "This ) has no matching (", 1, 1, null)]
    [InlineData("()", "Empty parentheses", 1, 1, null)]
    [InlineData("1 < PE < 5", "Compare two things at a time", 1, 8, null)]
    [InlineData("Sales > 500 bananas", "\"bananas\" after 500 is not a unit", 1, 13, null)]
    [InlineData("Sales > ₹", "₹ must be followed by an amount", 1, 9, null)]
    [InlineData("Current price > ₹5%", "An amount in ₹ cannot also be a percentage", 1, 17, null)]
    [InlineData("(a > 1) > 2", "A condition cannot be used as a number here", 1, 1, null)]
    [InlineData("a > 1 b > 2", "\"b\" after 1 is not a unit", 1, 7, null)]
    [InlineData("Sales > 1.2.3", "\"1.2.3\" is not a number", 1, 9, null)]
    public void Errors_say_what_is_wrong_and_where(string query, string message, int line, int column, string? suggestion)
    {
        var result = QueryParser.Parse(query);
        Assert.False(result.Succeeded);
        var error = result.Error!;
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Span.Line, error.Span.Column));
        Assert.Equal(suggestion, error.Suggestion);
    }

    [Fact]
    public void The_caret_sits_under_the_problem()
    {
        var query = "Sales > 10\nROE => 15";
        var error = QueryParser.Parse(query).Error!;
        Assert.Equal("ROE => 15\n    ^^", error.Caret(query));
        Assert.Equal("Line 2, column 5: \"=>\" is not an operator: did you mean >= (greater than or equal)?", error.ToString());
    }

    [Fact]
    public void Deep_nesting_and_long_input_are_refused_with_an_error_not_a_crash()
    {
        Assert.Contains("nests more than", QueryParser.Parse(new string('(', 600) + "a > 1" + new string(')', 600)).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("nests more than", QueryParser.Parse(string.Concat(Enumerable.Repeat("NOT ", 200)) + "a > 1").Error!.Message, StringComparison.Ordinal);
        Assert.Contains("nests more than", QueryParser.Parse("a > " + new string('-', 300) + "1").Error!.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2,000 characters", QueryParser.Parse(new string('a', 2_001)).Error!.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// 100,000 seeded random inputs under 1 KB, built from the language's own pieces and from arbitrary characters:
    /// the parser returns a tree or a QueryError for every one, never throws, and does work linear in the input
    /// (tokens examined ≤ 20 × (length + 2): a token passes through the nine precedence levels with at most two looks
    /// each), which is what keeps it to microseconds without timing anything.
    /// </summary>
    [Fact]
    public void Fuzz_100000_random_inputs_never_throw_and_stay_linear()
    {
        string[] pieces =
        [
            "Market capitalization", "ROE", "Sales growth 3Years", "DMA 200", " AND ", " OR ", "NOT ", " and ", " > ", " < ", " >= ",
            " <= ", " = ", " != ", " <> ", " == ", " => ", "+", "-", "*", "/", "(", ")", "500", "22%", "1.5 lakh", " Cr", "₹",
            "\n", "\r\n", " ", "0.7", "1,00,000", ".5", "3.", "&&", "#", "\t", "é", "Ω", "\0", "500Cr", "3Years", "%", "--",
        ];
        var random = new Random(20_261_129);
        var parsed = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var builder = new System.Text.StringBuilder();
            var targetLength = random.Next(0, 1_000);
            while (builder.Length < targetLength)
            {
                if (random.Next(10) == 0)
                {
                    builder.Append((char)random.Next(0, 0x3000));
                }
                else
                {
                    builder.Append(pieces[random.Next(pieces.Length)]);
                }
            }
            var input = builder.ToString();
            var result = QueryParser.Parse(input, out var steps);
            Assert.True(result.Succeeded ^ (result.Error is not null));
            Assert.True(steps <= 20 * (input.Length + 2), $"{steps} steps for {input.Length} characters");
            if (result.Succeeded)
            {
                parsed++;
            }
        }
        TestContext.Current.SendDiagnosticMessage($"fuzz: {parsed:N0} of 100,000 random inputs parsed; the rest were refused with a QueryError");
    }

    /// <summary>
    /// 20,000 random well-formed screens (seeded), generated as trees, written out with parentheses around every
    /// compound part, random keyword case and line breaks inside parentheses: each parses back to exactly the tree
    /// it was written from.
    /// </summary>
    [Fact]
    public void Random_well_formed_screens_parse_back_to_the_tree_they_were_written_from()
    {
        var random = new Random(29_11_2026);
        for (var i = 0; i < 20_000; i++)
        {
            var (text, shape) = Condition(random, depth: random.Next(1, 5));
            var result = QueryParser.Parse(text);
            Assert.True(result.Succeeded, $"{text}\n{result.Error}");
            Assert.Equal(shape, Shape(result.Query!));
        }
    }

    private static readonly string[] Names = ["Return on equity", "PE", "Sales growth 3Years", "DMA 200", "Market capitalization", "Debt to equity"];

    private static (string Text, string Shape) Condition(Random random, int depth)
    {
        var choice = depth <= 0 ? 3 : random.Next(4);
        string Keyword(string word) => random.Next(2) == 0 ? word : word.ToLowerInvariant();
        string Gap() => random.Next(6) == 0 ? "\n" : " ";
        switch (choice)
        {
            case 0 or 1:
                var (l, ls) = Condition(random, depth - 1);
                var (r, rs) = Condition(random, depth - 1);
                var word = choice == 0 ? "AND" : "OR";
                return ($"({l}{Gap()}{Keyword(word)} {r})", $"({ls} {word} {rs})");
            case 2:
                var (n, ns) = Condition(random, depth - 1);
                return ($"{Keyword("NOT")} ({n})", $"(NOT {ns})");
            default:
                var (a, @as) = Value(random, depth - 1);
                var (b, bs) = Value(random, depth - 1);
                var (op, name) = random.Next(6) switch
                {
                    0 => (">", "Greater"),
                    1 => ("<", "Less"),
                    2 => (">=", "GreaterOrEqual"),
                    3 => ("<=", "LessOrEqual"),
                    4 => ("=", "Equal"),
                    _ => ("!=", "NotEqual"),
                };
                return ($"{a} {op} {b}", $"({@as} {name} {bs})");
        }
    }

    private static (string Text, string Shape) Value(Random random, int depth)
    {
        switch (depth <= 0 ? random.Next(3) : random.Next(5))
        {
            case 0:
                var name = Names[random.Next(Names.Length)];
                return (name, $"[{name}]");
            case 1:
                var number = random.Next(0, 100_000);
                return random.Next(3) switch
                {
                    0 => ($"{number}%", $"{number} Percent"),
                    1 => ($"{number} Cr", $"{number} Crore"),
                    _ => (number.ToString(System.Globalization.CultureInfo.InvariantCulture), number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                };
            case 2:
                var decimals = random.Next(1, 10_000) / 100m;
                var text = decimals.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return (text, text);
            case 3:
                var (inner, innerShape) = Value(random, depth - 1);
                return ($"-({inner})", $"(-{innerShape})");
            default:
                var (l, ls) = Value(random, depth - 1);
                var (r, rs) = Value(random, depth - 1);
                var (op, opName) = random.Next(4) switch
                {
                    0 => ("+", "Add"),
                    1 => ("-", "Subtract"),
                    2 => ("*", "Multiply"),
                    _ => ("/", "Divide"),
                };
                return ($"({l} {op} {r})", $"({ls} {opName} {rs})");
        }
    }
}
