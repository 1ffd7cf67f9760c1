using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>Every page in real Chromium: JavaScript on and off, light and dark, axe, keyboard, and nothing off-origin.</summary>
public class BrowserTests(AppFixture app)
{
    public static TheoryData<string, bool, ColorScheme> PagesAndModes()
    {
        var data = new TheoryData<string, bool, ColorScheme>();
        foreach (var url in new[] { "/", "/?tf=Max", "/stocks", "/stocks?q=tata", "/stocks/RELIANCE", "/stocks/ACC", "/stocks/RELAINCE", "/no/such/page",
            "/screener", "/screener?q=Return+on+equity+%3E+15%25%0AMarket+capitalization+%3E+10000", "/screener?q=Retrun+on+equity+%3E+15", "/screener?q=Sales+%3E+0",
            "/screener/ratios", "/screener/ratios?find=growth", "/screener/ratios?find=zzz",
            "/stocks/INFY/financials", "/stocks/HDFCBANK/financials?statement=standalone", "/stocks/BAJFINANCE/financials", "/stocks/RELAINCE/financials",
            "/stocks/TCS/score", "/stocks/HDFCBANK/score", "/stocks/SBILIFE/score",
            "/stocks/TCS/chart", "/stocks/INFY/chart?set=1&tf=5Y&o=bb&o=ema20&p=macd&p=rsi&p=volume", "/stocks/ACC/chart",
            "/backtest", "/backtest?symbols=TCS%2C+INFY&from=2022-01-01&to=2024-12-31&entry=Close+%3E+SMA+50&exit=Close+%3C+SMA+50&capital=500000&brokerage=0.03&slippage=5",
            "/backtest?symbols=TCS&from=2022-01-01&to=2024-12-31&entry=Close+%3E+SMAA+50&exit=Close+%3C+SMA+50&capital=500000&brokerage=0&slippage=5",
            "/stocks/INFY/dcf", "/stocks/RELIANCE/dcf", "/stocks/HDFCBANK/dcf", "/stocks/INFY/dcf?g=12&rf=5&erp=5&beta=1&wd=0" })
        {
            foreach (var js in new[] { true, false })
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    data.Add(url, js, scheme);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndModes))]
    public async Task Page_renders_and_axe_finds_no_violations(string url, bool javaScript, ColorScheme scheme)
    {
        var page = await app.NewPageAsync(javaScript, scheme);
        var offOrigin = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) offOrigin.Add(r.Url); };
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };

        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        var audited = javaScript ? page : await WithoutAppScriptsAsync(url, scheme);
        // Open every data table so axe checks them too.
        foreach (var details in await audited.Locator("details").AllAsync())
        {
            await details.EvaluateAsync("d => d.open = true");
        }
        var axe = await audited.RunAxe();

        var violations = axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Empty(offOrigin);
        // A CSP violation (inline script or style) shows up here; the document's own 400 or 404 status does too, and is meant.
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("404", StringComparison.Ordinal) && !e.Contains("400", StringComparison.Ordinal));
        await page.Context.CloseAsync();
        await audited.Context.CloseAsync();
    }

    /// <summary>
    /// axe is itself a script, and Playwright's evaluate never returns in a context with JavaScript disabled. The
    /// no-JavaScript page is audited as the same server HTML with only the app's own scripts refused.
    /// </summary>
    private async Task<IPage> WithoutAppScriptsAsync(string url, ColorScheme scheme)
    {
        var page = await app.NewPageAsync(javaScript: true, scheme);
        await page.RouteAsync(address => new Uri(address).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
        await page.GotoAsync(url);
        Assert.False(await page.EvaluateAsync<bool>("() => 'htmx' in window"));
        return page;
    }

    [Fact]
    public async Task Without_JavaScript_timeframe_links_are_plain_navigation()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/stocks/INFY");

        await page.GetByRole(AriaRole.Link, new() { Name = "6 months" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stocks/INFY\\?tf=6M$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "6 months" })).ToHaveAttributeAsync("aria-current", "true");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_JavaScript_htmx_swaps_the_chart_in_place_and_keeps_focus()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/stocks/INFY");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        var sixMonths = page.GetByRole(AriaRole.Link, new() { Name = "6 months" });
        await sixMonths.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(sixMonths).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("tf=6M$"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        Assert.Equal("price-chart-tf-6M", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await Assertions.Expect(page.Locator("#price-chart-summary")).ToContainTextAsync("Over 6 months INFY");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Search_updates_as_you_type_with_JavaScript()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/stocks");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await page.GetByLabel("Symbol or company name").PressSequentiallyAsync("steel");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("match “steel”");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "TATASTEEL" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Search_works_as_a_plain_form_without_JavaScript()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/stocks");

        await page.GetByLabel("Symbol or company name").FillAsync("infosys");
        await page.GetByLabel("Symbol or company name").PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stocks\\?q=infosys$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "INFY" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_content_and_reach_a_stock()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // From main, Tab reaches the chart's timeframe links before anything else on the page.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("index-chart-tf-1M", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_users_can_switch_statements_and_download_a_table_as_CSV()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/stocks/INFY/financials");

        var standalone = page.GetByRole(AriaRole.Link, new() { Name = "Standalone" });
        await page.GetByRole(AriaRole.Link, new() { Name = "Consolidated" }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(standalone).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("statement=standalone$"));

        // From the statement switch, Tab reaches the explanation's Sources link and then the first table's CSV link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Standalone" }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sources", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var csv = page.GetByRole(AriaRole.Link, new() { Name = "Download annual profit and loss as CSV" });
        await Assertions.Expect(csv).ToBeFocusedAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));

        Assert.Equal("INFY-annual-standalone.csv", download.SuggestedFilename);
        using var reader = new StreamReader(await download.PathAsync(), System.Text.Encoding.UTF8);
        var rows = StockVision.Infrastructure.Csv.Read(reader).ToList();
        Assert.Equal("128933", rows.Single(r => r[0] == "Revenue from operations")[^1]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Focus_is_visible_on_links()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/stocks?q=tata");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "TATAMOTORS" });
        await link.FocusAsync();
        var outline = await link.EvaluateAsync<string>("a => getComputedStyle(a).outlineStyle");
        Assert.Equal("solid", outline);
        await page.Context.CloseAsync();
    }
}
