using StockVision.Features.Financials;

namespace StockVision.Tests.Features;

/// <summary>The pure builder behind the financials page: labels, derived lines, missing values and growth.</summary>
public class FinancialTablesTests
{
    private static readonly DateTime Filed = new(2024, 5, 3, 11, 44, 0, DateTimeKind.Utc);

    private static FinancialResult Year(int fiscalYear, decimal revenue, decimal? netProfit = null, string format = "IndAS") => new()
    {
        PeriodEnd = new DateOnly(fiscalYear, 3, 31),
        PeriodMonths = 12,
        Format = format,
        RevenueFromOperations = revenue,
        TotalExpenses = 80m,
        FinanceCosts = 5m,
        DepreciationAmortisation = 10m,
        NetProfit = netProfit,
        Filed = Filed,
        SourceFile = $"corporate-filingsNSE/DATA/x/XBRL/FY{fiscalYear}.xml",
    };

    [Theory]
    [InlineData(2024, 3, "FY24")]
    [InlineData(2023, 12, "Dec 2023")]
    [InlineData(2000, 3, "FY00")]
    public void Years_ending_in_March_are_FY_labels_and_others_are_month_labels(int year, int month, string label) =>
        Assert.Equal(label, FinancialTables.YearLabel(new DateOnly(year, month, DateTime.DaysInMonth(year, month))));

    [Theory]
    [InlineData(2024, 6, "Q1 FY25")]
    [InlineData(2024, 9, "Q2 FY25")]
    [InlineData(2024, 12, "Q3 FY25")]
    [InlineData(2025, 3, "Q4 FY25")]
    public void Quarters_follow_the_April_to_March_financial_year(int year, int month, string label) =>
        Assert.Equal(label, FinancialTables.QuarterLabel(new DateOnly(year, month, DateTime.DaysInMonth(year, month))));

    [Fact]
    public void Filing_time_is_shown_in_IST_to_the_minute_with_the_file_name_after_the_last_slash()
    {
        var filing = new Filing("corporate-filingsNSE/DATA/acc/XBRL/03May2024_1714_INDAS.xml", new DateTimeOffset(Filed));

        Assert.Equal("03May2024_1714_INDAS.xml", filing.FileName);
        Assert.Equal("filed 3 May 2024, 17:14 IST", filing.FiledText);
        Assert.Equal("2024-05-03T17:14:00+05:30", filing.FiledIso);
    }

    [Fact]
    public void EBITDA_adds_finance_costs_and_depreciation_back_to_revenue_less_expenses()
    {
        var table = FinancialTables.Annual([Year(2024, 100m)]);

        // 100 − (80 − 5 − 10) = 35, a 35 % margin.
        Assert.Equal(35m, Line(table, "Operating profit (EBITDA)").Values[0]);
        Assert.Equal(35m, Line(table, "Operating profit margin (%)").Values[0]);
    }

    [Fact]
    public void A_value_not_filed_stays_missing_and_never_becomes_zero()
    {
        var table = FinancialTables.Annual([Year(2024, 100m) with { TotalExpenses = null }]);

        Assert.Null(Line(table, "Net profit").Values[0]);
        Assert.Equal("not filed", Line(table, "Net profit").MissingText);
        Assert.Null(Line(table, "Operating profit (EBITDA)").Values[0]);
        Assert.DoesNotContain(table.Lines, l => l.Label == "Net profit attributable to owners");
    }

    [Fact]
    public void Growth_is_year_on_year_and_a_CAGR_only_between_positive_ends()
    {
        var table = FinancialTables.Annual([Year(2021, 100m, -5m), Year(2022, 110m, 4m), Year(2023, 121m, 8m), Year(2024, 133.1m, 10m)]);

        var revenue = Line(table, "Revenue from operations");
        Assert.Equal(10.0, revenue.YearOnYear!.Percent!.Value, 6);
        Assert.Equal(10.0, revenue.Cagr!.Percent!.Value, 6);
        var profit = Line(table, "Net profit");
        Assert.Equal(25.0, profit.YearOnYear!.Percent!.Value, 6);
        Assert.Null(profit.Cagr!.Percent);
        Assert.Equal("not meaningful: FY21 was zero or negative", profit.Cagr.Reason);
        Assert.Equal("Growth, FY24 vs FY23", table.YearOnYearHeading);
        Assert.Equal("3-year CAGR, FY21–FY24", table.CagrHeading);
    }

    [Fact]
    public void Growth_without_the_base_year_says_which_year_is_missing_and_the_gap_is_noted()
    {
        var table = FinancialTables.Annual([Year(2020, 90m), Year(2022, 100m), Year(2024, 120m)]);

        Assert.Equal("FY23 not filed", Line(table, "Revenue from operations").YearOnYear!.Reason);
        Assert.Contains(table.Notes, n => n.StartsWith("No FY21, FY23 results", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_last_seven_years_and_eight_quarters_are_shown_oldest_first()
    {
        var years = Enumerable.Range(2014, 11).Select(y => Year(y, y)).ToList();
        var quarters = Enumerable.Range(0, 12)
            .Select(i => Year(2022, 1) with { PeriodMonths = 3, PeriodEnd = new DateOnly(2022, 3, 31).AddMonths(3 * i) })
            .Select(q => q with { PeriodEnd = new DateOnly(q.PeriodEnd.Year, q.PeriodEnd.Month, DateTime.DaysInMonth(q.PeriodEnd.Year, q.PeriodEnd.Month)) })
            .Reverse()
            .ToList();

        var annual = FinancialTables.Annual(years);
        var quarterly = FinancialTables.Quarterly(quarters);

        Assert.Equal(["FY18", "FY19", "FY20", "FY21", "FY22", "FY23", "FY24"], annual.Periods.Select(p => p.Label));
        Assert.Equal(8, quarterly.Periods.Count);
        Assert.Equal("Dec 2024", quarterly.Periods[^1].Label);
        Assert.Equal("Q3 FY25", quarterly.Periods[^1].Detail);
        Assert.True(quarterly.Periods.Zip(quarterly.Periods.Skip(1)).All(p => p.First.End < p.Second.End));
    }

    [Fact]
    public void Bank_ratios_are_percentages_and_a_filed_zero_means_not_reported()
    {
        var bank = Year(2024, 0m, 10m, "Banking") with { InterestEarned = 50m, InterestExpended = 30m, GrossNpaRatio = 0.0124m, NetNpaRatio = 0m };

        var table = FinancialTables.Annual([bank]);

        Assert.Equal(20m, Line(table, "Net interest income").Values[0]);
        Assert.Equal(1.24m, Line(table, "Gross NPA (% of advances)").Values[0]);
        Assert.Null(Line(table, "Net NPA (% of advances)").Values[0]);
        Assert.Equal("not reported", Line(table, "Net NPA (% of advances)").MissingText);
        Assert.DoesNotContain(table.Lines, l => l.Label == "Operating profit (EBITDA)");
    }

    [Fact]
    public void CSV_rows_carry_plain_numbers_the_filing_time_and_the_source_file()
    {
        var table = FinancialTables.Annual([Year(2024, 128933m, 27234.5m)]);

        var rows = FinancialTables.CsvRows(table).ToList();

        Assert.Equal(["Line item (₹ crore unless stated)", "FY24"], rows[0]);
        Assert.Equal(["Period end", "2024-03-31"], rows[1]);
        Assert.Equal(["Revenue from operations", "128933"], rows.Single(r => r[0] == "Revenue from operations"));
        Assert.Equal(["Net profit", "27234.5"], rows.Single(r => r[0] == "Net profit"));
        Assert.Equal(["Other income", null], rows.Single(r => r[0] == "Other income"));
        Assert.Equal(["Filed", "2024-05-03T17:14:00+05:30"], rows[^2]);
        Assert.Equal(["Source filing", "FY2024.xml"], rows[^1]);
    }

    [Theory]
    [InlineData("annual", true)]
    [InlineData("CashFlow", true)]
    [InlineData("income", false)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    public void Only_the_four_table_names_parse(string? code, bool parses) =>
        Assert.Equal(parses, FinancialTables.TryParseTable(code, out _));

    [Theory]
    [InlineData("consolidated", true)]
    [InlineData("Standalone", true)]
    [InlineData("1", false)]
    [InlineData("", false)]
    public void Only_the_two_statement_names_parse(string code, bool parses) =>
        Assert.Equal(parses, FinancialTables.TryParseStatement(code, out _));

    private static LineItem Line(FinancialTable table, string label) => table.Lines.Single(l => l.Label == label);
}
