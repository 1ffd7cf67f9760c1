using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StockVision.Features.Live;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features.Live;

/// <summary>Live quotes in real Chromium: updates swap in place through htmx's hx-sse, the pause control stops them, axe with and without JavaScript.</summary>
public sealed class LiveBrowserTests(AppFixture app)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stock_page_with_a_live_quote_passes_axe(bool javaScript)
    {
        var open = new DateTimeOffset(2026, 11, 26, 9, 15, 0, TimeSpan.FromHours(5.5));
        await Quotes.IngestAsync(app, Quotes.Make("CIPLA", 1_502.10m, 1_490m, open.AddMinutes(1)));
        await Quotes.IngestAsync(app, Quotes.Make("CIPLA", 1_495.00m, 1_490m, open.AddMinutes(2)));
        await QuoteWait.UntilAsync(app.Factory.Services, "CIPLA", 1_495.00m);

        // axe needs script: "JavaScript off" is the same server HTML with the app's own scripts refused.
        var page = await app.NewPageAsync();
        if (!javaScript)
        {
            await page.RouteAsync(address => new Uri(address).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
        }
        await page.GotoAsync("/stocks/CIPLA");
        await Assertions.Expect(page.Locator("#q-CIPLA-last")).ToHaveTextAsync("₹1,495.00");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Refresh" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#intraday-chart svg")).ToBeVisibleAsync();
        var pause = page.GetByRole(AriaRole.Button, new() { Name = "Pause live updates" });
        if (javaScript)
        {
            await Assertions.Expect(pause).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(pause).ToBeHiddenAsync();
        }
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join(Environment.NewLine, axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_javascript_off_the_page_shows_the_quote_at_render_time_and_a_refresh_link()
    {
        await Quotes.IngestAsync(app, Quotes.Make("EICHERMOT", 5_010.20m, 5_000m));
        await QuoteWait.UntilAsync(app.Factory.Services, "EICHERMOT", 5_010.20m);
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/stocks/EICHERMOT");
        await Assertions.Expect(page.Locator("#q-EICHERMOT-last")).ToHaveTextAsync("₹5,010.20");
        await Assertions.Expect(page.Locator("#q-EICHERMOT-asof")).ToContainTextAsync("IST · simulated");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause live updates" })).ToBeHiddenAsync();

        await Quotes.IngestAsync(app, Quotes.Make("EICHERMOT", 5_020.00m, 5_000m));
        await QuoteWait.UntilAsync(app.Factory.Services, "EICHERMOT", 5_020.00m);
        // Stock pages are cached for a couple of seconds (Market:LivePageCacheSeconds); Refresh shows a price no older than that.
        await page.WaitForTimeoutAsync(2_100);
        await page.GetByRole(AriaRole.Link, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(page.Locator("#q-EICHERMOT-last")).ToHaveTextAsync("₹5,020.00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Prices_update_in_place_and_the_pause_control_stops_and_resumes_them()
    {
        var hub = app.Services<QuoteHub>();
        await Quotes.IngestAsync(app, Quotes.Make("DRREDDY", 1_200.00m, 1_190m));
        await QuoteWait.UntilAsync(app.Factory.Services, "DRREDDY", 1_200.00m);

        var page = await app.NewPageAsync();
        // htmx's hx-sse closes the stream while a tab is hidden and reopens it on return. This page is kept "visible",
        // so that the only thing that can stop its updates here is the pause button under test.
        await page.AddInitScriptAsync("""
            Object.defineProperty(document, "hidden", { get: () => false });
            Object.defineProperty(document, "visibilityState", { get: () => "visible" });
            document.addEventListener("visibilitychange", e => e.stopImmediatePropagation(), true);
            """);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, m) => log.Enqueue($"console {m.Type}: {m.Text}");
        page.RequestFailed += (_, r) => log.Enqueue($"failed {r.Url}: {r.Failure}");
        page.Response += (_, r) => log.Enqueue($"{r.Status} {r.Url}");
        await page.GotoAsync("/stocks/DRREDDY");
        var price = page.Locator("#q-DRREDDY-last");
        await Assertions.Expect(price).ToHaveTextAsync("₹1,200.00");
        if (!await SubscribedWithinAsync(hub, "DRREDDY", TimeSpan.FromSeconds(10)))
        {
            // Seen once in a full run on a loaded machine and not reproduced since: say what the page saw, then give
            // the stream one more chance with a reload before failing.
            TestContext.Current.SendDiagnosticMessage("DRREDDY stream did not open; page log: " + string.Join(" | ", log));
            await page.ReloadAsync();
        }
        await WaitForSubscribersAsync(hub, "DRREDDY", 1);

        await Quotes.IngestAsync(app, Quotes.Make("DRREDDY", 1_210.00m, 1_190m));
        await Assertions.Expect(price).ToHaveTextAsync("₹1,210.00");
        await Assertions.Expect(page.Locator("#q-DRREDDY-change")).ToContainTextAsync("+20.00 (+1.68%)");

        // Keyboard: the pause control is a real button.
        var pause = page.GetByRole(AriaRole.Button, new() { Name = "Pause live updates" });
        await pause.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var resume = page.GetByRole(AriaRole.Button, new() { Name = "Resume live updates" });
        await Assertions.Expect(resume).ToHaveAttributeAsync("aria-pressed", "true");
        await WaitForSubscribersAsync(hub, "DRREDDY", 0);

        await Quotes.IngestAsync(app, Quotes.Make("DRREDDY", 1_220.00m, 1_190m));
        await QuoteWait.UntilAsync(app.Factory.Services, "DRREDDY", 1_220.00m);
        await page.WaitForTimeoutAsync(500);
        await Assertions.Expect(price).ToHaveTextAsync("₹1,210.00");
        await Assertions.Expect(page.Locator("[data-live-state]")).ToContainTextAsync("Paused");

        await resume.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(price).ToHaveTextAsync("₹1,220.00");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause live updates" })).ToHaveAttributeAsync("aria-pressed", "false");

        await page.GetByRole(AriaRole.Button, new() { Name = "Read prices aloud now" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-live-summary]")).ToContainTextAsync("DRREDDY ₹1,220.00, up +30.00 (+2.52%)");
        await page.Context.CloseAsync();
    }

    private static async Task<bool> SubscribedWithinAsync(QuoteHub hub, string symbol, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (hub.SubscriberCount(symbol) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
        return hub.SubscriberCount(symbol) > 0;
    }

    private static async Task WaitForSubscribersAsync(QuoteHub hub, string symbol, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (hub.SubscriberCount(symbol) != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{symbol} never had {count} subscriber(s); it has {hub.SubscriberCount(symbol)}");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
