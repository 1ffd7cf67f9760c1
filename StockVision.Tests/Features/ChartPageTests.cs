using System.Net;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>/stocks/{symbol}/chart: overlays and panes chosen by a GET form, events in words, and the values in a table.</summary>
public class ChartPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_chart_has_the_50_and_200_day_averages_RSI_and_volume()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/TCS/chart");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, doc.QuerySelectorAll("#indicator-chart svg:not(.pane) path.overlay").Length);
        Assert.Equal(["RSI 14", "Volume (shares)"], doc.QuerySelectorAll("#indicator-chart h3[id^='ic-pane-']").Select(h => h.TextContent));
        Assert.Equal(["Date", "Close (₹)", "50-day SMA", "200-day SMA", "RSI 14", "Volume"], doc.QuerySelectorAll("#indicator-chart thead th").Select(h => h.TextContent));
        Assert.NotNull(doc.QuerySelector("input[name=o][value=sma50][checked]"));
        Assert.Null(doc.QuerySelector("input[name=p][value=macd][checked]"));
    }

    /// <summary>The page's golden and death crosses over five years equal a plain loop over the stored closes.</summary>
    [Fact]
    public async Task The_moving_average_crossovers_listed_match_a_hand_rolled_average_of_the_closes()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var rows = (await conn.QueryAsync<(DateTime Date, decimal Close)>("select trade_date, close from daily_bars where symbol = 'RELIANCE' order by trade_date")).ToList();
        double Average(int end, int n) => rows.Skip(end - n + 1).Take(n).Average(r => (double)r.Close);
        var from = DateOnly.FromDateTime(rows[^1].Date).AddYears(-5);
        var crosses = new List<string>();
        for (var i = 200; i < rows.Count; i++)
        {
            var date = DateOnly.FromDateTime(rows[i].Date);
            if (date < from)
            {
                continue;
            }
            double f0 = Average(i - 1, 50), s0 = Average(i - 1, 200), f1 = Average(i, 50), s1 = Average(i, 200);
            if (f0 <= s0 && f1 > s1)
            {
                crosses.Add($"{StockVision.Infrastructure.IndianFormat.Date(date)}: 50-day SMA crossed above 200-day SMA");
            }
            else if (f0 >= s0 && f1 < s1)
            {
                crosses.Add($"{StockVision.Infrastructure.IndianFormat.Date(date)}: 50-day SMA crossed below 200-day SMA");
            }
        }
        crosses.Reverse();

        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/RELIANCE/chart?set=1&tf=5Y&o=sma50&o=sma200");
        var listed = doc.QuerySelectorAll("ul[aria-labelledby=ic-events] li").Select(li => li.TextContent).ToList();
        Assert.NotEmpty(crosses);
        Assert.Equal(crosses.Take(8), listed);
    }

    [Fact]
    public async Task Unticking_everything_leaves_the_bare_closes_and_htmx_gets_only_the_chart()
    {
        using var client = app.CreateClient();
        var (_, bare) = await Html.GetAsync(client, "/stocks/TCS/chart?set=1&tf=6M");
        Assert.Empty(bare.QuerySelectorAll("#indicator-chart path.overlay"));
        Assert.Empty(bare.QuerySelectorAll("#indicator-chart h3[id^='ic-pane-']"));

        var (fragment, doc) = await Html.GetAsync(client, "/stocks/TCS/chart?set=1&p=macd", htmx: true);
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.Null(doc.QuerySelector("form"));
        Assert.Equal("MACD (12, 26, 9)", doc.QuerySelector("#ic-pane-macd")!.TextContent);
        Assert.NotEmpty(doc.QuerySelectorAll("#indicator-chart svg.pane rect.bar"));
    }

    [Fact]
    public async Task Unknown_symbols_are_404_and_lower_case_redirects()
    {
        using var client = app.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/stocks/NOSUCH/chart", Ct)).StatusCode);
        var lower = await client.GetAsync("/stocks/tcs/chart?tf=5Y", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, lower.StatusCode);
        Assert.Equal("/stocks/TCS/chart?tf=5Y", lower.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task With_JavaScript_ticking_a_box_redraws_the_chart_in_place()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/stocks/TCS/chart");
        await page.EvaluateAsync("() => window.__sameDocument = true");
        await page.GetByLabel("MACD (12, 26, 9)").CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "MACD (12, 26, 9)" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("p=macd"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_JavaScript_the_keyboard_ticks_a_box_and_submits()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/stocks/TCS/chart");
        await page.GetByLabel("Bollinger Bands (20, 2)").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update chart" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("o=bb"));
        await Assertions.Expect(page.Locator("#indicator-chart thead")).ToContainTextAsync("Bollinger upper band");
        await page.Context.CloseAsync();
    }
}
