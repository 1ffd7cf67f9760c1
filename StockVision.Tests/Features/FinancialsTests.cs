using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.Playwright;
using StockVision.Features.Financials;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// The financials page and its CSV downloads against the bundled filings. Expected figures are the sanity checks in
/// Data/india-fundamentals-xbrl/SOURCE.md (INFY FY2024 standalone, RELIANCE FY2024 consolidated) and rows of its CSV files.
/// </summary>
public class FinancialsTests(AppFixture app)
{
    private const string InfyFy24Filing = "19Apr2024_1125_INDAS_104588_1099928_19042024112523.xml";

    [Fact]
    public async Task Infosys_standalone_FY24_shows_the_filed_revenue_profit_and_operating_cash()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/INFY/financials?statement=standalone");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Contains("INFY financial statements", doc.Title, StringComparison.Ordinal);
        // SOURCE.md: INFY FY2024 standalone revenue 128,933 cr, PAT 27,234 cr, CFO 20,787 cr.
        Assert.Equal("1,28,933.00", Cell(doc, "annual", "Revenue from operations", "FY24"));
        Assert.Equal("27,234.00", Cell(doc, "annual", "Net profit", "FY24"));
        Assert.Equal("20,787.00", Cell(doc, "cashflow", "Cash from operating activities", "FY24"));
        // annual_results_and_cashflow.csv: FY24 purchase of PPE 1,832 cr and of intangibles 0, so free cash flow 18,955 cr.
        Assert.Equal("18,955.00", Cell(doc, "cashflow", "Free cash flow (operating cash − PPE − intangibles)", "FY24"));
        // Standalone cash flows start in FY22 in these filings: earlier years are "not filed", never 0.
        Assert.Equal("—not filed", Cell(doc, "cashflow", "Cash from operating activities", "FY21"));
        Assert.Contains("₹ crore", doc.QuerySelector("#annual-heading + p + div caption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_is_year_on_year_and_a_three_year_CAGR_of_the_filed_figures()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/financials?statement=standalone");

        // Revenue FY23 124,014 cr and FY21 85,912 cr (annual_results_and_cashflow.csv).
        Assert.Equal(IndianFormat.Percent((128933.0 / 124014 - 1) * 100, 1), Cell(doc, "annual", "Revenue from operations", "Growth, FY24 vs FY23"));
        Assert.Equal(IndianFormat.Percent((Math.Pow(128933.0 / 85912, 1.0 / 3) - 1) * 100, 1), Cell(doc, "annual", "Revenue from operations", "3-year CAGR, FY21–FY24"));
        Assert.Equal("—not computed for a ratio", Cell(doc, "annual", "Operating profit margin (%)", "Growth, FY24 vs FY23"));
        // quarterly_results.csv: Dec 2024 34,915 cr against Dec 2023 32,491 cr.
        Assert.Equal(IndianFormat.Percent((34915.0 / 32491 - 1) * 100, 1), Cell(doc, "quarterly", "Revenue from operations", "Growth, Dec 2024 vs Dec 2023"));
    }

    [Fact]
    public async Task Reliance_defaults_to_consolidated_and_shows_the_filed_FY24_figures()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/RELIANCE/financials");

        Assert.Equal("Consolidated", doc.QuerySelector(".statement-switch a[aria-current=true]")!.TextContent);
        // SOURCE.md: RELIANCE FY2024 consolidated revenue 914,472 cr, PAT 79,020 cr (69,621 cr to owners).
        Assert.Equal("9,14,472.00", Cell(doc, "annual", "Revenue from operations", "FY24"));
        Assert.Equal("79,020.00", Cell(doc, "annual", "Net profit", "FY24"));
        Assert.Equal("69,621.00", Cell(doc, "annual", "Net profit attributable to owners", "FY24"));
        // EBITDA = revenue − (total expenses 826,189 − finance costs 23,118 − D&A 50,832) = 162,233 cr.
        Assert.Equal("1,62,233.00", Cell(doc, "annual", "Operating profit (EBITDA)", "FY24"));
        // The bundled filings have no FY22 consolidated annual row for RELIANCE; the page says so instead of hiding the gap.
        Assert.Equal(["FY19", "FY20", "FY21", "FY23", "FY24"], PeriodLabels(doc, "annual"));
        Assert.Contains("No FY22 results", doc.QuerySelector("#annual-heading ~ p.hint")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bank_shows_banking_line_items_and_NPA_ratios()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/HDFCBANK/financials?statement=standalone");
        var (_, consolidated) = await Html.GetAsync(client, "/stocks/HDFCBANK/financials?statement=consolidated");

        var lines = RowLabels(doc, "annual");
        Assert.Contains("Interest earned", lines);
        Assert.Contains("Operating profit before provisions", lines);
        Assert.Contains("Provisions and contingencies", lines);
        Assert.DoesNotContain("Operating profit (EBITDA)", lines);
        // annual_results_and_cashflow.csv, HDFCBANK FY24 standalone: interest earned 258,340.56, expended 149,808.10, GNPA 0.0124, NNPA 0.0033.
        Assert.Equal("1,08,532.46", Cell(doc, "annual", "Net interest income", "FY24"));
        Assert.Equal("1.24%", Cell(doc, "annual", "Gross NPA (% of advances)", "FY24"));
        Assert.Equal("0.33%", Cell(doc, "annual", "Net NPA (% of advances)", "FY24"));
        // Consolidated bank filings put 0 for ratios they do not report.
        Assert.Equal("—not reported", Cell(consolidated, "annual", "Gross NPA (% of advances)", "FY24"));
        // balance_sheets.csv: deposits 2,379,786.28 cr on 31 Mar 2024.
        Assert.Equal("23,79,786.28", Cell(doc, "balance", "Deposits", "31 Mar 2024"));
        Assert.Contains("Advances", RowLabels(doc, "balance"));
    }

    [Fact]
    public async Task Quarterly_results_show_eight_quarters_oldest_first_with_fiscal_quarter_labels()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/financials?statement=standalone");

        var periods = PeriodLabels(doc, "quarterly");
        Assert.Equal(["Mar 2023", "Jun 2023", "Sep 2023", "Dec 2023", "Mar 2024", "Jun 2024", "Sep 2024", "Dec 2024"], periods);
        Assert.Equal("Q3 FY25", doc.QuerySelectorAll("#quarterly-heading ~ div thead th .period-detail")[^1].TextContent);
        Assert.Contains("oldest quarter first", doc.QuerySelector("#quarterly-heading ~ div caption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_period_heading_links_to_its_filing_with_the_filing_time_in_IST()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/financials?statement=standalone");

        var heading = doc.QuerySelectorAll("#annual-heading ~ div thead th a").Single(a => a.TextContent == "FY24");
        Assert.Equal($"{InfyFy24Filing}, filed 19 Apr 2024, 11:25 IST", heading.GetAttribute("title"));
        var source = doc.GetElementById(heading.GetAttribute("href")!.TrimStart('#'))!;
        Assert.Contains(InfyFy24Filing, source.TextContent, StringComparison.Ordinal);
        Assert.Contains("filed 19 Apr 2024, 11:25 IST", source.TextContent, StringComparison.Ordinal);
        Assert.Equal("2024-04-19T11:25:00+05:30", source.QuerySelector("time")!.GetAttribute("datetime"));
        // The same filing gave the March 2024 quarter: one source, two columns.
        var quarter = doc.QuerySelectorAll("#quarterly-heading ~ div thead th a").Single(a => a.TextContent == "Mar 2024");
        Assert.Equal(heading.GetAttribute("href"), quarter.GetAttribute("href"));
        foreach (var link in doc.QuerySelectorAll("table thead th a"))
        {
            Assert.NotNull(doc.GetElementById(link.GetAttribute("href")!.TrimStart('#')));
        }
    }

    [Fact]
    public async Task An_unknown_symbol_is_a_404_that_suggests_close_matches()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/RELAINCE/financials");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("RELAINCE", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/stocks/RELIANCE/financials", doc.QuerySelector(".suggestions a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_lower_case_symbol_redirects_to_the_canonical_address_keeping_the_statement()
    {
        using var client = app.CreateClient(followRedirects: false);
        var response = await client.GetAsync("/stocks/infy/financials?statement=standalone", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/stocks/INFY/financials?statement=standalone", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unknown_statement_is_a_400_that_says_what_to_choose()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/INFY/financials?statement=group");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose consolidated or standalone", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, doc.QuerySelectorAll(".statement-switch a").Length);
    }

    [Fact]
    public async Task The_stock_page_links_to_financials_and_back()
    {
        using var client = app.CreateClient();
        // ACC has filings but no bundled prices: the link is in the header, above the "no price history" message.
        var (_, stock) = await Html.GetAsync(client, "/stocks/ACC");
        var (_, financials) = await Html.GetAsync(client, "/stocks/ACC/financials");

        Assert.Equal("/stocks/ACC/financials", stock.QuerySelectorAll(".stock-header a").Single(a => a.TextContent == "Financials").GetAttribute("href"));
        Assert.Equal("/stocks/ACC", financials.QuerySelector(".stock-header a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task CSV_download_is_an_RFC_4180_attachment_with_the_page_figures()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/financials?statement=standalone");
        var csvUrl = doc.QuerySelector("#annual-heading + p a[download]")!.GetAttribute("href")!;
        Assert.Equal("/stocks/INFY/financials.csv?table=annual&statement=standalone", csvUrl);

        var response = await client.GetAsync(csvUrl, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("INFY-annual-standalone.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Contains("₹ crore", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);

        var rows = Csv.Read(new StringReader(text)).ToList();
        var headers = PeriodLabels(doc, "annual");
        Assert.Equal(headers, rows[0].Skip(1));
        var pageRows = doc.QuerySelectorAll("#annual-heading ~ div tbody tr").ToList();
        Assert.Equal(pageRows.Select(r => r.QuerySelector("th")!.TextContent), rows.Skip(2).SkipLast(2).Select(r => r[0]));
        foreach (var (pageRow, csvRow) in pageRows.Zip(rows.Skip(2)))
        {
            var pageCells = pageRow.QuerySelectorAll("td").Take(headers.Count).Select(td => td.TextContent).ToList();
            Assert.Equal(pageCells.Select(FromPage), csvRow.Skip(1).Select(FromCsv));
        }
        Assert.Equal("128933", rows.Single(r => r[0] == "Revenue from operations")[^1]);
        Assert.Equal("Filed", rows[^2][0]);
        Assert.Equal("2024-04-19T11:25:00+05:30", rows[^2][^1]);
        Assert.Equal("Source filing", rows[^1][0]);
        Assert.Equal(InfyFy24Filing, rows[^1][^1]);
    }

    [Theory]
    [InlineData("/stocks/INFY/financials.csv?table=income", HttpStatusCode.BadRequest, "There is no table “income”")]
    [InlineData("/stocks/INFY/financials.csv", HttpStatusCode.BadRequest, "Say which table")]
    [InlineData("/stocks/INFY/financials.csv?table=annual&statement=both", HttpStatusCode.BadRequest, "There is no statement “both”")]
    [InlineData("/stocks/NOSUCH/financials.csv?table=annual", HttpStatusCode.NotFound, "no stock called “NOSUCH”")]
    public async Task CSV_requests_that_cannot_be_answered_say_why(string url, HttpStatusCode status, string message)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_statement_switch_is_plain_navigation_without_JavaScript()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/stocks/INFY/financials");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Consolidated" })).ToHaveAttributeAsync("aria-current", "true");

        await page.GetByRole(AriaRole.Link, new() { Name = "Standalone" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stocks/INFY/financials\\?statement=standalone$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Standalone" })).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "INFY · Annual profit and loss" })).ToContainTextAsync("1,28,933.00");
        await page.Context.CloseAsync();
    }

    private static decimal? FromPage(string cell) =>
        cell.StartsWith('—') ? null : decimal.Parse(cell.Replace(",", "", StringComparison.Ordinal).TrimEnd('%'), CultureInfo.InvariantCulture);

    private static decimal? FromCsv(string field) =>
        field.Length == 0 ? null : Math.Round(decimal.Parse(field, CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero);

    private static List<string> PeriodLabels(IDocument doc, string table) =>
        doc.QuerySelectorAll($"#{table}-heading ~ div thead th a").Select(a => a.TextContent).ToList();

    private static List<string> RowLabels(IDocument doc, string table) =>
        doc.QuerySelectorAll($"#{table}-heading ~ div tbody th").Select(th => th.TextContent).ToList();

    /// <summary>The text of one cell, found by its row heading and its column heading's first line.</summary>
    private static string Cell(IDocument doc, string table, string row, string column)
    {
        var columns = doc.QuerySelectorAll($"#{table}-heading ~ div thead th").Skip(1)
            .Select(th => (th.QuerySelector("a")?.TextContent ?? th.TextContent).Trim()).ToList();
        var index = columns.IndexOf(column);
        Assert.True(index >= 0, $"no column “{column}” in {table}: {string.Join(" | ", columns)}");
        var tr = doc.QuerySelectorAll($"#{table}-heading ~ div tbody tr").SingleOrDefault(r => r.QuerySelector("th")!.TextContent == row);
        Assert.True(tr is not null, $"no row “{row}” in {table}");
        return tr.QuerySelectorAll("td")[index].TextContent.Trim();
    }
}
