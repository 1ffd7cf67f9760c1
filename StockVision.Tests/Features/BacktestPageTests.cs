using System.Net;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using StockVision.Engines.Backtesting;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>/backtest over HTTP and in Chromium: the page shows what the engine computes on the same prices, and bad input is a 400.</summary>
public class BacktestPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Url(string symbols, string entry, string exit, string from = "2022-01-01", string to = "2024-12-31", string capital = "500000",
        string brokerage = "0.03", string slippage = "5") =>
        $"/backtest?symbols={Uri.EscapeDataString(symbols)}&from={from}&to={to}&entry={Uri.EscapeDataString(entry)}&exit={Uri.EscapeDataString(exit)}" +
        $"&capital={capital}&brokerage={brokerage}&slippage={slippage}";

    [Fact]
    public async Task The_form_starts_with_a_worked_example_and_no_run()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/backtest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Close > SMA 50 AND SMA 50 > SMA 200", doc.QuerySelector("#f-entry")!.GetAttribute("value"));
        Assert.Null(doc.QuerySelector("#result-heading"));
    }

    [Fact]
    public async Task A_run_shows_the_engines_figures_on_the_same_prices_and_the_index_beside_them()
    {
        using var client = app.CreateClient();
        var url = Url("TCS, INFY", "Close > SMA 50", "Close < SMA 50");
        var (response, doc) = await Html.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var bars = new Dictionary<string, IReadOnlyList<BacktestBar>>();
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            foreach (var symbol in new[] { "TCS", "INFY" })
            {
                var rows = await conn.QueryAsync<(DateTime Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume)>(
                    "select trade_date, open, high, low, close, volume from daily_bars where symbol = @Symbol and trade_date between '2022-01-01' and '2024-12-31' order by trade_date",
                    new { Symbol = symbol });
                bars[symbol] = rows.Select(r => new BacktestBar(DateOnly.FromDateTime(r.Date), r.Open, r.High, r.Low, r.Close, r.Volume)).ToList();
            }
        }
        var config = new BacktestConfig(["TCS", "INFY"], new DateOnly(2022, 1, 1), new DateOnly(2024, 12, 31), 500_000m,
            new TradingCosts(BrokerageRate: 0.0003m, SlippageBasisPoints: 5), "entry: Close > SMA 50\nexit: Close < SMA 50");
        var expected = Backtester.Run(config, bars, s => RuleCompiler.Strategy("Close > SMA 50", "Close < SMA 50", bars[s]).Strategy!, Ct);

        var metrics = doc.QuerySelector("table:has(#metrics-caption)")!;
        var finalValue = metrics.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td")[0].TextContent;
        Assert.Equal(StockVision.Infrastructure.IndianFormat.Rupees(expected.Metrics.EndEquity, 0), finalValue);
        Assert.NotEqual("—", metrics.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal(Math.Min(expected.Trades.Count, 200), doc.QuerySelectorAll("table:has(#trades-caption) tbody tr").Length);
        Assert.NotNull(doc.QuerySelector("svg.line-chart path.benchmark"));

        var runId = doc.QuerySelector("#result-heading ~ p.as-of code")!.TextContent;
        var (_, again) = await Html.GetAsync(client, url);
        Assert.Equal(runId, again.QuerySelector("#result-heading ~ p.as-of code")!.TextContent);
        var (_, other) = await Html.GetAsync(client, Url("TCS, INFY", "Close > SMA 20", "Close < SMA 50"));
        Assert.NotEqual(runId, other.QuerySelector("#result-heading ~ p.as-of code")!.TextContent);
    }

    [Fact]
    public async Task Past_the_index_history_the_page_says_there_is_no_index_comparison()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, Url("TCS", "Close > SMA 50", "Close < SMA 50", to: "2025-09-30"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no index comparison", doc.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("svg.line-chart path.benchmark"));
    }

    [Theory]
    [InlineData("TCS", "Close > SMAA 50", "Close < SMA 50", "2022-01-01", "entry", "Unknown series \"SMAA 50\"")]
    [InlineData("TCS", "Close > SMA 50", "Close <", "2022-01-01", "exit", "Line 1, column 7")]
    [InlineData("TSC", "Close > SMA 50", "Close < SMA 50", "2022-01-01", "symbols", "did you mean TCS?")]
    [InlineData("TCS", "Close > SMA 50", "Close < SMA 50", "2025-13-01", "from", "must be a date like")]
    [InlineData("TCS", "Close > SMA 50", "Close < SMA 50", "2026-01-01", "to", "must be after the start date")]
    public async Task Bad_input_is_a_400_with_the_message_beside_its_field(string symbols, string entry, string exit, string from, string field, string message)
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, Url(symbols, entry, exit, from: from));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, doc.QuerySelector($"#f-{field}-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector(".error-summary a[href='#f-" + field + "']"));
    }

    [Fact]
    public async Task Keyboard_users_can_change_a_rule_and_run_the_backtest()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/backtest");
        await page.GetByLabel("Exit when").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Close < SMA 20");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Result" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("exit=Close"));
        await page.Context.CloseAsync();
    }
}
