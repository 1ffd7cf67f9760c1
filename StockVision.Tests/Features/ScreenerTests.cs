using System.Net;
using StockVision.Engines.Screener;
using StockVision.Features.Screener;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// The screener over the real ratio snapshot of the bundled filings and prices: results equal a brute-force evaluation
/// written independently here, and the HTTP layer answers 400 (never 500) with the located error for a bad screen.
/// </summary>
public class ScreenerTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ScreenerSnapshot> SnapshotAsync() => await app.Services<ScreenerData>().CurrentAsync(Ct);

    public static TheoryData<string, string> BruteForceQueries() => new()
    {
        { "Market capitalization > 1,00,000 Cr", "big" },
        { "Return on equity > 15% AND Debt to equity < 0.5", "roe-de" },
        { "Return on equity > 20 OR Return on capital employed > 25%", "or" },
        { "NOT Price to earning > 30", "not" },
        { "Current price < 0.7 * High price", "ratio-vs-ratio" },
        { "Price to earning < Industry PE", "industry" },
        { "Net profit / Sales > 20%", "fraction" },
        { "Sales growth 3Years > 10%\nOPM > 15%", "lines" },
        { "(Return on equity > 15% OR Gross NPA < 2%) AND NOT Market capitalization < 50000", "mixed" },
        { "Market capitalization > ₹5,00,00,00,00,000", "rupees" },
        { "EPS latest quarter > EPS preceding quarter AND Sales > Sales last year", "periods" },
    };

    [Theory]
    [MemberData(nameof(BruteForceQueries))]
    public async Task Screen_results_equal_a_brute_force_evaluation(string query, string id)
    {
        var snapshot = await SnapshotAsync();
        var compiled = ScreenCompiler.Compile(query, snapshot.Catalogue);
        Assert.True(compiled.Succeeded, compiled.Error?.ToString());

        var matched = compiled.Screen!.Run(snapshot.Table).Matches.Select(r => snapshot.Table.Companies[r].Symbol).Order().ToList();

        var expected = snapshot.Table.Companies.Where(c => Expected(id, c, snapshot.Catalogue)).Select(c => c.Symbol).Order().ToList();
        Assert.Equal(expected, matched);
        // A screen nobody passes (or everybody) would make the comparison vacuous.
        Assert.InRange(expected.Count, 1, snapshot.Table.Rows - 1);
    }

    /// <summary>The same screens as plain C# over the decimal ratio values; a missing value fails its condition (and NOT of it).</summary>
    private static bool Expected(string id, CompanyRatios c, RatioCatalogue catalogue)
    {
        decimal? V(string key) => c[catalogue, key];
        return id switch
        {
            "big" => V("market_cap") > 100_000m,
            "roe-de" => V("roe") > 15 && V("debt_to_equity") < 0.5m,
            "or" => V("roe") > 20 || V("roce") > 25,
            "not" => V("pe") is { } pe && !(pe > 30),
            "ratio-vs-ratio" => V("current_price") < 0.7m * V("high_price"),
            "industry" => V("pe") < V("industry_pe"),
            "fraction" => V("sales") is { } s && s != 0 && V("net_profit") / s > 0.2m,
            "lines" => V("sales_growth_3y") > 10 && V("opm") > 15,
            "mixed" => (V("roe") > 15 || V("gross_npa") < 2) && V("market_cap") is { } m && !(m < 50_000),
            "rupees" => V("market_cap") > 50_000m,
            "periods" => V("eps_latest_quarter") > V("eps_preceding_quarter") && V("sales") > V("sales_last_year"),
            _ => throw new ArgumentOutOfRangeException(nameof(id)),
        };
    }

    [Fact]
    public async Task The_snapshot_holds_every_company_with_filings_and_known_ratios()
    {
        var snapshot = await SnapshotAsync();
        Assert.True(snapshot.Table.Rows >= 71, $"{snapshot.Table.Rows} companies");
        var infy = snapshot.Table.Companies[snapshot.RowOf("INFY")!.Value];
        Assert.Equal("Consolidated", infy.Statement);
        // INFY FY2024 consolidated revenue from operations, annual_results_and_cashflow.csv: 1,53,670 crore.
        Assert.Equal(153_670m, infy[snapshot.Catalogue, "sales_last_year"]);
        Assert.NotNull(infy[snapshot.Catalogue, "market_cap"]);
        var hdfcBank = snapshot.Table.Companies[snapshot.RowOf("HDFCBANK")!.Value];
        Assert.Null(hdfcBank[snapshot.Catalogue, "debt_to_equity"]);
        // Consolidated bank results file 0 for these; HDFCBANK's standalone Dec 2024 quarter (23Jan2025_1225_BANKING_117524…xml)
        // files GNPA 0.0142, NNPA 0.0046, CET1 0.1997.
        Assert.Equal("Consolidated", hdfcBank.Statement);
        Assert.Equal(1.42m, hdfcBank[snapshot.Catalogue, "gross_npa"]);
        Assert.Equal(0.46m, hdfcBank[snapshot.Catalogue, "net_npa"]);
        Assert.Equal(19.97m, hdfcBank[snapshot.Catalogue, "cet1"]);
    }

    [Fact]
    public async Task The_funnel_counts_what_is_left_after_each_clause()
    {
        var snapshot = await SnapshotAsync();
        var screen = ScreenCompiler.Compile("Market capitalization > 20000\nReturn on equity > 12%\nDebt to equity < 1", snapshot.Catalogue).Screen!;
        var run = screen.Run(snapshot.Table);
        var companies = snapshot.Table.Companies;
        decimal? V(CompanyRatios c, string key) => c[snapshot.Catalogue, key];

        var first = companies.Where(c => V(c, "market_cap") > 20000).ToList();
        var second = first.Where(c => V(c, "roe") > 12).ToList();
        var third = second.Where(c => V(c, "debt_to_equity") < 1).ToList();
        Assert.Equal([first.Count, second.Count, third.Count], run.Funnel.Select(f => f.Remaining));
        Assert.Equal(companies.Count(c => V(c, "market_cap") is null), run.Funnel[0].DroppedForMissingData);
        Assert.Equal(second.Count(c => V(c, "debt_to_equity") is null), run.Funnel[2].DroppedForMissingData);
        Assert.Equal(["Market capitalization > 20000", "Return on equity > 12%", "Debt to equity < 1"], run.Funnel.Select(f => f.Clause));
    }

    [Theory]
    [InlineData("Retrun on equity > 15%", "Unknown ratio \"Retrun on equity\" — did you mean \"Return on equity\"?", 1, 1)]
    [InlineData("Market capitalization > 500 Cr\nReturn on equity > 500 Cr", "Cannot compare Return on equity (a percentage) and 500 Cr (an amount in ₹ crore)", 2, 1)]
    [InlineData("Sales > (10", "This ( is never closed", 1, 9)]
    public async Task A_bad_screen_is_a_400_with_the_located_message_and_caret(string query, string message, int line, int column)
    {
        using var client = app.CreateClient();
        foreach (var htmx in new[] { false, true })
        {
            var (response, doc) = await Html.GetAsync(client, ScreenerUrls.Results(query), htmx);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = doc.QuerySelector("#screen-error")!;
            Assert.Contains($"Line {line}, column {column}: {message}", error.TextContent, StringComparison.Ordinal);
            Assert.Contains("^", error.QuerySelector("pre.caret")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(!htmx, doc.QuerySelector("textarea#q") is not null);
        }
    }

    [Fact]
    public async Task A_mistyped_ratio_offers_the_corrected_screen()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, ScreenerUrls.Results("Retrun on equity > 15%\nDebt to equity < 1"));
        var fix = doc.QuerySelector("#screen-error a")!;
        Assert.Equal(ScreenerUrls.Results("Return on equity > 15%\nDebt to equity < 1"), fix.GetAttribute("href"));

        var (fixedResponse, _) = await Html.GetAsync(client, fix.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, fixedResponse.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NOT")]
    [InlineData("((((((((((((((((((((((((((((((((((((((((((((((((((((((a > 1")]
    [InlineData("a > 1 AND b > 2 OR")]
    [InlineData("Sales > 1e999999")]
    [InlineData("\u0000\uffff > ₹")]
    public async Task Garbage_never_causes_a_500(string query)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/screener?q=" + Uri.EscapeDataString(query) + "&sort=%00&page=-5", Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        var tooLong = await client.GetAsync("/screener?q=" + Uri.EscapeDataString(new string('a', QueryParser.MaxLength + 1)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Results_sort_by_any_column_with_missing_values_last_and_page_by_25()
    {
        using var client = app.CreateClient();
        const string query = "Sales last year > 0";
        var snapshot = await SnapshotAsync();
        var expected = snapshot.Table.Companies
            .Where(c => c[snapshot.Catalogue, "sales_last_year"] > 0)
            .OrderBy(c => c[snapshot.Catalogue, "roe"] is null ? 1 : 0)
            .ThenByDescending(c => c[snapshot.Catalogue, "roe"])
            .ThenBy(c => c.Symbol, StringComparer.Ordinal)
            .Select(c => c.Symbol)
            .ToList();
        Assert.True(expected.Count > ScreenResults.PageSize, $"{expected.Count} matches");

        var shown = new List<string>();
        for (var page = 1; page <= (expected.Count + 24) / 25; page++)
        {
            var (response, doc) = await Html.GetAsync(client, ScreenerUrls.Results(query, "-roe", page));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            shown.AddRange(doc.QuerySelectorAll(".screen-table tbody th[scope=row] > a").Take(25).Select(a => a.TextContent));
            Assert.Equal("page", doc.QuerySelector($".pagination a[href='{ScreenerUrls.Results(query, "-roe", page)}']")?.GetAttribute("aria-current"));
        }
        Assert.Equal(expected, shown);

        var (_, ascending) = await Html.GetAsync(client, ScreenerUrls.Results(query, "symbol"));
        var symbols = ascending.QuerySelectorAll(".screen-table tbody th[scope=row] > a").Take(25).Select(a => a.TextContent).ToList();
        Assert.Equal(symbols.Order(StringComparer.Ordinal), symbols);
        Assert.Equal("ascending", ascending.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));

        var (beyond, last) = await Html.GetAsync(client, ScreenerUrls.Results(query, "-roe", 99));
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        Assert.Equal(expected[^1], last.QuerySelectorAll(".screen-table tbody th[scope=row] > a").Select(a => a.TextContent).TakeWhile(_ => true).Take(expected.Count % 25 == 0 ? 25 : expected.Count % 25).Last());

        var (unknownSort, fallback) = await Html.GetAsync(client, ScreenerUrls.Results(query, "nonsense"));
        Assert.Equal(HttpStatusCode.OK, unknownSort.StatusCode);
        Assert.Contains("is not a column StockVision knows", fallback.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_show_the_query_ratios_as_columns_with_units_and_industry_medians()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, ScreenerUrls.Results("Return on equity > 10%\nSales growth 3Years > 5"));
        var headings = doc.QuerySelectorAll(".screen-table")[0].QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Company", "Industry", "Return on equity (%)", "Sales growth 3Years (%)", "Current price (₹)", "Market capitalization (₹ cr)",
            "Price to earning (×)", "Return on capital employed (%)", "Dividend yield (%)"], headings);
        var medians = doc.QuerySelectorAll(".screen-table")[1];
        Assert.Contains("Industry medians", medians.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(medians.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Every_example_screen_runs()
    {
        using var client = app.CreateClient();
        foreach (var example in ScreenExamples.All)
        {
            var response = await client.GetAsync(ScreenerUrls.Results(example.Query), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{example.Title}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_CSV_export_round_trips_every_match_with_units_and_the_rupee_sign_intact()
    {
        using var client = app.CreateClient();
        const string query = "Return on equity > 10%\nMarket capitalization > 1,000 Cr";
        var snapshot = await SnapshotAsync();
        var response = await client.GetAsync(ScreenerUrls.Export(query, "-roe"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal($"screen-{snapshot.AsOf:yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        var rows = StockVision.Infrastructure.Csv.Read(new StringReader(text)).ToList();

        Assert.Equal(["Symbol", "Company", "Industry", "Statement", "Return on equity (%)", "Market capitalization (₹ cr)"], rows[0][..6]);
        var expected = snapshot.Table.Companies
            .Where(c => c[snapshot.Catalogue, "roe"] > 10 && c[snapshot.Catalogue, "market_cap"] > 1000)
            .OrderByDescending(c => c[snapshot.Catalogue, "roe"])
            .ToList();
        Assert.Equal(expected.Select(c => c.Symbol), rows.Skip(1).Select(r => r[0]));
        foreach (var (row, company) in rows.Skip(1).Zip(expected))
        {
            Assert.Equal(company.Name, row[1]);
            Assert.Equal(Math.Round(company[snapshot.Catalogue, "roe"]!.Value, 4), decimal.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(company[snapshot.Catalogue, "market_cap"]!.Value, 4), decimal.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture));
        }

        var bad = await client.GetAsync(ScreenerUrls.Export("Retrun on equity > 1", null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("did you mean", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stock_page_shows_its_industry_peers_with_the_median()
    {
        using var client = app.CreateClient();
        var snapshot = await SnapshotAsync();
        var (_, doc) = await Html.GetAsync(client, "/stocks/TCS");
        var peers = doc.QuerySelector("section.peers")!;

        var industry = snapshot.Table.Companies[snapshot.RowOf("TCS")!.Value].Industry!;
        Assert.Equal($"Peers in {industry}", peers.QuerySelector("h2")!.TextContent);
        var inIndustry = snapshot.Table.Companies.Where(c => c.Industry == industry).ToList();
        var rows = peers.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(inIndustry.Count, rows.Count);
        Assert.Contains("(this company)", rows.Single(r => r.ClassList.Contains("self")).TextContent, StringComparison.Ordinal);
        Assert.NotNull(peers.QuerySelector("tbody a[href='/stocks/INFY']"));

        var caps = rows.Select(r => r.QuerySelectorAll("td")[0].TextContent.Replace(" no value", "", StringComparison.Ordinal)).ToList();
        var expectedOrder = inIndustry.OrderByDescending(c => c[snapshot.Catalogue, "market_cap"]).Select(c => ScreenResults.Format(c[snapshot.Catalogue, "market_cap"], RatioUnit.Crore));
        Assert.Equal(expectedOrder, caps);
        var medianRoe = RatioEngine.Median(inIndustry.Select(c => c[snapshot.Catalogue, "roe"]));
        Assert.Equal(ScreenResults.Format(medianRoe, RatioUnit.Percent), peers.QuerySelectorAll("tfoot td")[3].TextContent);
    }

    [Fact]
    public async Task The_screener_saves_the_screen_it_shows_for_a_signed_in_user_and_offers_sign_in_otherwise()
    {
        const string query = "Return on equity > 15%\nDebt to equity < 1";
        using (var anonymous = app.CreateClient())
        {
            var (_, doc) = await Html.GetAsync(anonymous, ScreenerUrls.Results(query));
            Assert.Null(Forms.FindForm(doc, "Save"));
            Assert.Equal("/account/login?returnUrl=" + Uri.EscapeDataString(ScreenerUrls.Results(query)),
                doc.QuerySelector("#screen-results a[href^='/account/login']")!.GetAttribute("href"));
        }

        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var saved = await Forms.PostAsync(client, ScreenerUrls.Results(query), new() { ["Name"] = "Low-debt quality", ["Notify"] = "true" }, "Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, list) = await Html.GetAsync(client, "/screener/saved");
        var row = list.QuerySelectorAll("main table tbody tr").Single();
        Assert.Contains("Low-debt quality", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='{ScreenerUrls.Results(query)}']"));
    }
}
