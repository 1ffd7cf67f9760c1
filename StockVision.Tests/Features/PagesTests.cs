using System.Net;
using Dapper;
using Npgsql;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

public class MarketPageTests(AppFixture app)
{
    [Fact]
    public async Task Overview_shows_the_latest_NIFTY_close_movers_and_sector_breadth()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Market overview", doc.QuerySelector("h1")!.TextContent);
        // Data/nifty50-ohlcv: the index series ends on 31 Dec 2024 at 23,644.80, 0.10 below 30 Dec (23,644.90).
        var hero = doc.QuerySelector(".index-hero")!.TextContent;
        Assert.Contains("23,644.80", hero, StringComparison.Ordinal);
        Assert.Contains("-0.10", hero, StringComparison.Ordinal);
        Assert.Contains("31 Dec 2024", hero, StringComparison.Ordinal);
        Assert.Equal(5, doc.QuerySelectorAll("#gainers-heading + table tbody tr").Length);
        Assert.Equal(5, doc.QuerySelectorAll("#losers-heading + table tbody tr").Length);
        Assert.Contains("30 Sep 2025", doc.QuerySelector("#movers-heading")!.TextContent, StringComparison.Ordinal);
        var breadthRows = doc.QuerySelectorAll("section[aria-labelledby=breadth-heading] tbody tr");
        Assert.True(breadthRows.Length >= 10);
        var total = breadthRows.Sum(r => r.QuerySelectorAll("td").Take(3).Sum(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(50, total);
    }

    [Fact]
    public async Task Every_chart_has_a_summary_sentence_and_a_data_table()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/?tf=Max");

        var chart = doc.QuerySelector("#index-chart")!;
        var svg = chart.QuerySelector("svg[role=img]")!;
        Assert.Equal("index-chart-title index-chart-summary", svg.GetAttribute("aria-labelledby"));
        Assert.Contains("from 4,494.65 points on 17 Sep 2007", chart.QuerySelector("#index-chart-summary")!.TextContent, StringComparison.Ordinal);
        var rows = chart.QuerySelectorAll("details table tbody tr");
        // Monthly closes from Sep 2007 to Dec 2024: 208 months.
        Assert.Equal(208, rows.Length);
        Assert.Equal("31 Dec 2024", rows[0].QuerySelector("th")!.TextContent);
    }

    [Fact]
    public async Task The_htmx_path_returns_the_chart_fragment_and_the_plain_path_the_whole_page()
    {
        using var client = app.CreateClient();
        var (fragmentResponse, fragment) = await Html.GetAsync(client, "/?tf=6M", htmx: true);
        var (pageResponse, page) = await Html.GetAsync(client, "/?tf=6M");

        Assert.Contains("HX-Request", fragmentResponse.Headers.Vary);
        Assert.Contains("HX-Request", pageResponse.Headers.Vary);
        Assert.Null(fragment.QuerySelector("header.site-header"));
        Assert.Equal("index-chart", fragment.Body!.FirstElementChild!.Id);
        Assert.Equal("true", fragment.QuerySelector("#index-chart-tf-6M")!.GetAttribute("aria-current"));
        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.Equal("true", page.QuerySelector("#index-chart-tf-6M")!.GetAttribute("aria-current"));
    }
}

public class StockPageTests(AppFixture app)
{
    [Fact]
    public async Task Stock_page_shows_the_latest_close_52_week_range_and_30_sessions()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/RELIANCE");
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var conn = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var last = await conn.QuerySingleAsync<(decimal Close, long Volume)>(
            "select close, volume from daily_bars where symbol = 'RELIANCE' order by trade_date desc limit 1");
        var high = await conn.ExecuteScalarAsync<decimal>(
            "select max(high) from daily_bars where symbol = 'RELIANCE' and trade_date > date '2025-09-30' - interval '1 year'");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reliance Industries Limited", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(IndianFormat.Rupees(last.Close), doc.QuerySelector(".quote-price")!.TextContent);
        Assert.Contains(IndianFormat.Rupees(high), doc.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(IndianFormat.Number(last.Volume), doc.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        var rows = doc.QuerySelectorAll("section[aria-labelledby=recent-heading] tbody tr");
        Assert.Equal(30, rows.Length);
        Assert.Equal("30 Sep 2025", rows[0].QuerySelector("th")!.TextContent);
    }

    [Fact]
    public async Task Stock_chart_timeframes_swap_as_fragments()
    {
        using var client = app.CreateClient();
        // The page first, then the fragment of the same address: the output cache must keep them apart.
        var (_, page) = await Html.GetAsync(client, "/stocks/RELIANCE?tf=1M");
        var (_, fragment) = await Html.GetAsync(client, "/stocks/RELIANCE?tf=1M", htmx: true);

        Assert.NotNull(page.QuerySelector("main"));
        Assert.Null(fragment.QuerySelector("main"));
        Assert.Equal("price-chart", fragment.Body!.FirstElementChild!.Id);
        Assert.Equal("/stocks/RELIANCE?tf=1M", fragment.QuerySelector("#price-chart-tf-1M")!.GetAttribute("hx-get"));
        // One month before 30 Sep 2025 → the sessions after 30 Aug: 1–30 Sep 2025 has 22 weekdays and no NSE holiday.
        Assert.Equal(22, fragment.QuerySelectorAll("details tbody tr").Length);
    }

    [Fact]
    public async Task Symbols_with_special_characters_work()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/M%26M");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mahindra", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_symbol_is_a_404_that_suggests_close_matches()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/RELAINCE");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("RELAINCE", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/stocks/RELIANCE", doc.QuerySelector(".suggestions a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_lower_case_symbol_redirects_to_the_canonical_address()
    {
        using var client = app.CreateClient(followRedirects: false);
        var response = await client.GetAsync("/stocks/reliance?tf=5Y", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/stocks/RELIANCE?tf=5Y", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_company_with_filings_but_no_prices_says_so()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/ACC");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no bundled price history", doc.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}

public class StockSearchTests(AppFixture app)
{
    private async Task<string[]> SymbolsAsync(string q)
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks?q=" + Uri.EscapeDataString(q));
        return doc.QuerySelectorAll("#search-results tbody th a").Select(a => a.TextContent).ToArray();
    }

    [Fact]
    public async Task An_exact_symbol_ranks_first_whatever_the_case() =>
        Assert.Equal("ITC", (await SymbolsAsync("itc"))[0]);

    [Fact]
    public async Task Names_match_case_insensitively_by_word()
    {
        var hits = await SymbolsAsync("bank");
        Assert.Contains("HDFCBANK", hits);
        Assert.Contains("BANKBARODA", hits);
        Assert.Contains("SBIN", hits); // State Bank of India
        Assert.Equal("BANKBARODA", hits[0]); // symbol prefix beats name matches
    }

    [Fact]
    public async Task Like_wildcards_in_the_query_are_literal()
    {
        Assert.Empty(await SymbolsAsync("%"));
        Assert.Empty(await SymbolsAsync("_"));
    }

    [Fact]
    public async Task An_empty_query_lists_every_company()
    {
        var hits = await SymbolsAsync("");
        Assert.Equal(73, hits.Length);
        Assert.Equal(hits.Order(StringComparer.Ordinal), hits);
    }

    [Fact]
    public async Task The_htmx_path_returns_only_the_results()
    {
        using var client = app.CreateClient();
        var (_, fragment) = await Html.GetAsync(client, "/stocks?q=tata", htmx: true);
        Assert.Null(fragment.QuerySelector("form"));
        Assert.Equal("search-results", fragment.Body!.FirstElementChild!.Id);
        Assert.Contains("stocks match “tata”", fragment.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }
}
