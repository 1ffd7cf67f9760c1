using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StockVision.Engines.Valuation;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// The DCF builder and saved valuations in real Chromium: axe on the signed-in pages with JavaScript on and off, and a
/// field changed and the form submitted with the keyboard alone. Anonymous DCF pages are in BrowserTests.PagesAndModes.
/// </summary>
public class DcfBrowserTests(AppFixture app)
{
    public static TheoryData<string, bool> SignedInStates()
    {
        var data = new TheoryData<string, bool>();
        foreach (var state in new[] { "valuations-empty", "valuations-list", "valuation", "valuation-delete", "dcf-with-save-form" })
        {
            data.Add(state, true);
            data.Add(state, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SignedInStates))]
    public async Task Every_signed_in_valuation_page_passes_axe(string state, bool javaScript)
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        long id = 0;
        if (state != "valuations-empty")
        {
            await SaveAsync(client, "Infosys & peers", "margin=22");
            await SaveAsync(client, "Infosys & peers", "margin=24");
            var (_, list) = await Html.GetAsync(client, "/valuations");
            id = long.Parse(list.QuerySelector("section.saved-valuation")!.Id!["valuation-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        var url = state switch
        {
            "valuation" => $"/valuations/{id}",
            "valuation-delete" => $"/valuations?delete={id}",
            "dcf-with-save-form" => $"/stocks/INFY/dcf?margin=24&valuation={id}",
            _ => "/valuations",
        };

        var page = await app.NewPageAsync(javaScript: true);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        // axe needs JavaScript in the page: "off" is audited as the same server HTML with the app's own scripts refused.
        if (!javaScript)
        {
            await page.RouteAsync(address => new Uri(address).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
        }
        var response = await page.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        if (state == "dcf-with-save-form")
        {
            await Assertions.Expect(page.GetByLabel("Name this valuation")).ToHaveValueAsync("Infosys & peers");
        }
        var axe = await page.RunAxe();
        var violations = axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }

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

        // Polls the address rather than waiting for a load event: with JavaScript on, htmx pushes it without navigating.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]margin=25(&|$)"));
        await Assertions.Expect(page.Locator("#value-per-share")).ToHaveTextAsync(IndianFormat.Rupees(expected));
        await Assertions.Expect(page.GetByLabel("EBIT margin, %")).ToHaveValueAsync("25");
        await page.Context.CloseAsync();
    }

    private static async Task SaveAsync(HttpClient client, string name, string query)
    {
        var (_, page) = await Html.GetAsync(client, "/stocks/INFY/dcf?" + query);
        var response = await Forms.SubmitAsync(client, "/stocks/INFY/dcf", Forms.FindForm(page, "Save")!, new() { ["Name"] = name });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
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
