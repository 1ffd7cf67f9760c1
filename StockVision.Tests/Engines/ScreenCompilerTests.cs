using StockVision.Engines.Screener;

namespace StockVision.Tests.Engines;

/// <summary>
/// The step after parsing: ratio names resolved (with aliases and period suffixes), units checked, and the screen run
/// with three-valued logic over a small table whose answers can be read off by eye.
/// </summary>
public class ScreenCompilerTests
{
    private static readonly RatioCatalogue Catalogue = RatioCatalogue.Default;

    [Theory]
    [InlineData("Return on equity > 1", "roe")]
    [InlineData("ROE > 1", "roe")]
    [InlineData("return ON equity > 1", "roe")]
    [InlineData("ROE last year > 1", "roe")]
    [InlineData("Return on equity preceding year > 1", "roe_preceding_year")]
    [InlineData("Average return on equity 3Years > 1", "roe_average_3y")]
    [InlineData("Average ROE 5 years > 1", "roe_average_5y")]
    [InlineData("Sales > 1", "sales")]
    [InlineData("Revenue latest quarter > 1", "sales_latest_quarter")]
    [InlineData("Sales preceding quarter > 1", "sales_preceding_quarter")]
    [InlineData("Sales growth 3Years > 1", "sales_growth_3y")]
    [InlineData("Sales growth 5yrs > 1", "sales_growth_5y")]
    [InlineData("PAT quarterly growth > 1", "net_profit_quarterly_growth")]
    [InlineData("EPS growth > 1", "eps_growth")]
    [InlineData("OPM latest quarter > 1", "opm_latest_quarter")]
    [InlineData("Return over 6 months > 1", "return_6m")]
    [InlineData("Return over 3years > 1", "return_3y")]
    [InlineData("DMA 200 > 1", "dma_200")]
    [InlineData("Industry PE > 1", "industry_pe")]
    [InlineData("GNPA > 1", "gross_npa")]
    public void Names_aliases_and_period_suffixes_resolve_to_one_ratio(string query, string key)
    {
        var compiled = ScreenCompiler.Compile(query, Catalogue);

        Assert.True(compiled.Succeeded, compiled.Error?.ToString());
        Assert.Equal([Catalogue.IndexOfKey(key)!.Value], compiled.Screen!.RatiosUsed);
    }

    [Theory]
    [InlineData("Retrun on equity > 15%", "Unknown ratio \"Retrun on equity\" — did you mean \"Return on equity\"?", 1, 1, 16, "Return on equity")]
    [InlineData("ROE > 1\nSales grwoth 3Years > 10", "Unknown ratio \"Sales grwoth 3Years\" — did you mean \"Sales growth 3Years\"?", 2, 1, 19, "Sales growth 3Years")]
    [InlineData("Zebra stripes > 1", "Unknown ratio \"Zebra stripes\". The ratio list names every ratio and its aliases.", 1, 1, 13, null)]
    [InlineData("Return on equity > 500 Cr", "Cannot compare Return on equity (a percentage) and 500 Cr (an amount in ₹ crore). For example: Return on equity > 10%.", 1, 1, 25, null)]
    [InlineData("Market capitalization > 20%", "Cannot compare Market capitalization (an amount in ₹ crore) and 20% (a percentage). For example: Market capitalization > 10 Cr.", 1, 1, 27, null)]
    [InlineData("Current price > 500 Cr", "Cannot compare Current price (₹ per share) and 500 Cr (an amount in ₹ crore)", 1, 1, 22, null)]
    [InlineData("ROE > Market capitalization", "Cannot compare Return on equity (a percentage) and Market capitalization (an amount in ₹ crore)", 1, 1, 27, null)]
    [InlineData("Sales + ROE > 1", "Cannot add Sales (an amount in ₹ crore) and Return on equity (a percentage)", 1, 1, 11, null)]
    [InlineData("Sales * Net profit > 1", "Cannot multiply Sales (an amount in ₹ crore) by Net profit (an amount in ₹ crore)", 1, 1, 18, null)]
    [InlineData("Sales / 0 > 1", "Division by zero.", 1, 9, 1, null)]
    [InlineData("ROE > 1 AND Net profit / Sales > 5 Cr", "Cannot compare Net profit / Sales (a plain number) and 5 Cr (an amount in ₹ crore)", 1, 13, 25, null)]
    public void Binding_errors_say_what_and_where_with_a_suggestion_when_there_is_one(string query, string message, int line, int column, int length, string? suggestion)
    {
        var compiled = ScreenCompiler.Compile(query, Catalogue);

        Assert.False(compiled.Succeeded);
        var error = compiled.Error!;
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column, length), (error.Span.Line, error.Span.Column, error.Span.Length));
        Assert.Equal(suggestion, error.Suggestion);
    }

    [Fact]
    public void A_caret_marks_the_unknown_ratio_on_its_line()
    {
        const string query = "ROE > 15%\n  Retrun on equity > 15%";
        var error = ScreenCompiler.Compile(query, Catalogue).Error!;
        Assert.Equal("  Retrun on equity > 15%\n  ^^^^^^^^^^^^^^^^", error.Caret(query));
        Assert.Equal("Line 2, column 3: Unknown ratio \"Retrun on equity\" — did you mean \"Return on equity\"?", error.ToString());
    }

    // A table of four companies: A has everything, B lacks ROE, C is a bank (no debt to equity), D has negative profits.
    private static RatioTable Table()
    {
        CompanyRatios Company(string symbol, params (string Key, decimal? Value)[] values)
        {
            var row = new decimal?[Catalogue.Count];
            foreach (var (key, value) in values)
            {
                row[Catalogue.IndexOfKey(key)!.Value] = value;
            }
            return new CompanyRatios(symbol, symbol + " Ltd", "Test", "Consolidated", row);
        }
        return new RatioTable(Catalogue,
        [
            Company("A", ("roe", 22m), ("debt_to_equity", 0.2m), ("market_cap", 90_000m), ("current_price", 600m), ("high_price", 1_000m), ("net_profit", 200m), ("sales", 1_000m)),
            Company("B", ("roe", null), ("debt_to_equity", 1.5m), ("market_cap", 400m), ("current_price", 90m), ("high_price", 100m), ("net_profit", 10m), ("sales", 1_000m)),
            Company("C", ("roe", 16m), ("market_cap", 1_50_000m), ("current_price", 1_500m), ("high_price", 1_600m), ("net_profit", 300m), ("sales", 1_000m)),
            Company("D", ("roe", -4m), ("debt_to_equity", 3m), ("market_cap", 2_000m), ("current_price", 50m), ("high_price", 200m), ("net_profit", -30m), ("sales", 0m)),
        ]);
    }

    private static string[] Run(string query)
    {
        var compiled = ScreenCompiler.Compile(query, Catalogue);
        Assert.True(compiled.Succeeded, compiled.Error?.ToString());
        var table = Table();
        return compiled.Screen!.Run(table).Matches.Select(r => table.Companies[r].Symbol).ToArray();
    }

    [Theory]
    [InlineData("ROE > 15", new[] { "A", "C" })]
    [InlineData("ROE > 15%", new[] { "A", "C" })]
    [InlineData("NOT ROE > 15", new[] { "D" })]
    [InlineData("Debt to equity < 1", new[] { "A" })]
    [InlineData("NOT Debt to equity < 1", new[] { "B", "D" })]
    [InlineData("ROE > 15 OR Debt to equity > 1", new[] { "A", "B", "C", "D" })]
    [InlineData("ROE > 30 OR Debt to equity < 1", new[] { "A" })]
    [InlineData("ROE > 30 OR NOT Debt to equity < 1", new[] { "B", "D" })]
    [InlineData("ROE > 10 AND Debt to equity < 1 OR Market capitalization > 1,00,000 Cr", new[] { "A", "C" })]
    [InlineData("ROE > 10 AND (Debt to equity < 1 OR Market capitalization > 1 lakh)", new[] { "A", "C" })]
    [InlineData("NOT ROE > 10 AND Market capitalization > 1000", new[] { "D" })]
    [InlineData("Current price < 0.7 * High price", new[] { "A", "D" })]
    [InlineData("Current price < ₹100", new[] { "B", "D" })]
    [InlineData("Market capitalization > ₹1,00,00,00,00,000", new[] { "A", "C" })]
    [InlineData("Net profit / Sales > 20%", new[] { "C" })]
    [InlineData("Net profit / Sales * 100 >= 20", new[] { "A", "C" })]
    [InlineData("-Net profit > 0", new[] { "D" })]
    [InlineData("Market capitalization = 400", new[] { "B" })]
    [InlineData("Market capitalization != 400", new[] { "A", "C", "D" })]
    public void Screens_use_three_valued_logic_and_missing_values_never_pass(string query, string[] expected)
    {
        Assert.Equal(expected, Run(query));
    }

    [Fact]
    public void The_funnel_reports_each_line_with_what_it_left_and_what_it_dropped_for_missing_data()
    {
        const string query = "Market capitalization > 1000\nROE > 10 OR Debt to equity < 1\nDebt to equity < 2";
        var run = ScreenCompiler.Compile(query, Catalogue).Screen!.Run(Table());

        Assert.Equal(4, run.Universe);
        Assert.Equal(["Market capitalization > 1000", "ROE > 10 OR Debt to equity < 1", "Debt to equity < 2"], run.Funnel.Select(f => f.Clause));
        Assert.Equal([3, 2, 1], run.Funnel.Select(f => f.Remaining));
        Assert.Equal([0, 0, 1], run.Funnel.Select(f => f.DroppedForMissingData));
        Assert.Equal((2, 1), (run.Funnel[1].Span.Line, run.Funnel[1].Span.Column));
    }

    [Fact]
    public void Ratios_used_are_listed_once_in_order_of_appearance()
    {
        var screen = ScreenCompiler.Compile("ROE > 10 AND Market capitalization > 5\nReturn on equity > 1 OR Price to earning < Industry PE * 2", Catalogue).Screen!;
        Assert.Equal(["roe", "market_cap", "pe", "industry_pe"], screen.RatiosUsed.Select(i => Catalogue[i].Key));
    }

    [Fact]
    public void A_table_from_another_catalogue_is_refused()
    {
        var other = new RatioCatalogue(Catalogue.Ratios.Take(5).ToList());
        var screen = ScreenCompiler.Compile("Current price > 1", Catalogue).Screen!;
        Assert.Throws<ArgumentException>(() => screen.Run(new RatioTable(other, [])));
    }

    /// <summary>
    /// 20,000 seeded random screens: well-formed conditions over real ratio names, units and operators, a third of them
    /// then damaged by inserting or deleting a piece. Each goes through parse and check and ends in a runnable screen or
    /// a located error; nothing throws.
    /// </summary>
    [Fact]
    public void Fuzz_20000_random_screens_compile_or_fail_with_an_error_never_an_exception()
    {
        string[] names = ["Return on equity", "Market capitalization", "Current price", "High price", "Net profit", "Sales", "OPM", "RSI", "Debt to equity", "Retrun on equity", "Zebra"];
        string[] values = ["0", "500", "22%", "5 Cr", "1.5 lakh", "₹100", "0.5"];
        string[] operators = [" > ", " < ", " >= ", " <= ", " = ", " != "];
        string[] joins = [" AND ", " OR ", "\n", " and NOT "];
        string[] damage = ["(", ")", " + ", " * ", " / ", " / 0", "%", " AND", "NOT ", "\n", "Cr", "₹"];
        var random = new Random(5_2026);
        var table = Table();
        var compiledCount = 0;
        for (var i = 0; i < 20_000; i++)
        {
            string Operand() => random.Next(3) switch
            {
                0 => values[random.Next(values.Length)],
                1 => names[random.Next(names.Length)],
                _ => names[random.Next(names.Length)] + " * " + values[random.Next(values.Length)],
            };
            var text = string.Join("", Enumerable.Range(0, random.Next(1, 6)).Select(c =>
                (c == 0 ? "" : joins[random.Next(joins.Length)]) + names[random.Next(names.Length)] + operators[random.Next(operators.Length)] + Operand()));
            if (random.Next(3) == 0)
            {
                var at = random.Next(text.Length + 1);
                text = random.Next(2) == 0 ? text.Insert(at, damage[random.Next(damage.Length)]) : text.Remove(Math.Min(at, text.Length - 1), 1);
            }
            var compiled = ScreenCompiler.Compile(text, Catalogue);
            Assert.True(compiled.Succeeded ^ (compiled.Error is not null), text);
            if (compiled.Screen is { } screen)
            {
                compiledCount++;
                Assert.InRange(screen.Run(table).Matches.Count, 0, table.Rows);
            }
            else
            {
                Assert.InRange(compiled.Error!.Span.Line, 1, text.Count(c => c == '\n') + 1);
            }
        }
        Assert.True(compiledCount > 500, $"only {compiledCount} random screens compiled: the fuzz would not reach evaluation");
    }
}
