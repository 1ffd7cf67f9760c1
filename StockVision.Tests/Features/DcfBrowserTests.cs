using Microsoft.Playwright;
using StockVision.Engines.Valuation;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>The DCF builder in real Chromium: a field changed and the form submitted with the keyboard alone, with JavaScript on and off.</summary>
public class DcfBrowserTests(AppFixture app)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_keyboard_alone_changes_the_margin_and_revalues(bool javaScript)
    {
        var inputs = DcfPageTests.InfyInputs(Math.Round((decimal)DcfPageTests.InfyBeta().Beta, 2));
        var expected = Dcf.Value(inputs with { Years = [.. inputs.Years.Select(y => y with { EbitMargin = 0.25m })] }).Valuation!.ValuePerShare;
        var page = await app.NewPageAsync(javaScript);
        await page.GotoAsync("/stocks/INFY/dcf");

        await TabToAsync(page, "#f-margin");
        await page.Keyboard.PressAsync("ControlOrMeta+A");
        await page.Keyboard.TypeAsync("25");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("margin=25", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#value-per-share")).ToHaveTextAsync(IndianFormat.Rupees(expected));
        await Assertions.Expect(page.GetByLabel("EBIT margin, %")).ToHaveValueAsync("25");
        await page.Context.CloseAsync();
    }

    internal static async Task TabToAsync(IPage page, string target, int limit = 120)
    {
        for (var i = 0; i < limit; i++)
        {
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement && '#' + document.activeElement.id");
            if (focused == target)
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{target} was not reached in {limit} presses of Tab");
    }
}
