using Microsoft.Playwright;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>The screener in real Chromium: a plain form without JavaScript, live results with it, and all of it by keyboard.</summary>
public class ScreenerBrowserTests(AppFixture app)
{
    private const string Screen = "Return on equity > 15%\nDebt to equity < 0.5";

    [Fact]
    public async Task Without_JavaScript_the_screen_is_a_plain_GET_form_and_a_shareable_link()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/screener");

        await page.GetByLabel("Screen: one condition per line").FillAsync(Screen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run screen" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/screener\?q=Return"));
        await Assertions.Expect(page.Locator("#screen-status")).ToContainTextAsync("pass this screen");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "How each condition narrowed the list" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Screen: one condition per line")).ToHaveValueAsync(Screen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_JavaScript_results_and_errors_follow_the_typing_without_a_page_load()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/screener");
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var box = page.GetByLabel("Screen: one condition per line");

        await box.PressSequentiallyAsync("Retrun on equity > 15");
        await Assertions.Expect(page.Locator("#screen-error")).ToContainTextAsync("did you mean \"Return on equity\"?");

        await box.FillAsync("Return on equity > 15");
        await box.DispatchEventAsync("input");
        await Assertions.Expect(page.Locator("#screen-status")).ToContainTextAsync("pass this screen");
        await Assertions.Expect(page.Locator("#screen-error")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/screener\?q=Return"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_users_can_write_a_screen_run_it_and_sort_the_results()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/screener");
        var box = page.GetByLabel("Screen: one condition per line");
        await box.FocusAsync();
        await page.Keyboard.TypeAsync("Sales last year > 0");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run screen" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#screen-status")).ToContainTextAsync("pass this screen");

        var sortLink = page.GetByRole(AriaRole.Link, new() { Name = "Company", Exact = true });
        await sortLink.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=symbol"));
        await Assertions.Expect(page.Locator("th[aria-sort=ascending]")).ToContainTextAsync("Company");

        var next = page.GetByRole(AriaRole.Link, new() { Name = "Next" });
        await next.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("page=2"));
        await page.Context.CloseAsync();
    }
}
