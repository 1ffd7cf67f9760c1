using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>Saved screens in real Chromium: axe in every state with JavaScript on and off, and the keyboard alone.</summary>
public class SavedScreenBrowserTests(AppFixture app)
{
    private const string Quality = "Return on equity > 15%\nMarket capitalization > 50,000 Cr";

    public static TheoryData<string, bool> States()
    {
        var data = new TheoryData<string, bool>();
        foreach (var state in new[] { "empty", "list", "rename", "rename-error", "delete", "save-name-error", "save-query-error" })
        {
            data.Add(state, true);
            data.Add(state, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task Every_saved_screens_state_passes_axe(string state, bool javaScript)
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var id = state == "empty" ? 0 : await SaveAsync(client, "Quality & size", Quality);
        var url = state switch
        {
            "rename" or "rename-error" => $"/screener/saved?rename={id}",
            "delete" => $"/screener/saved?delete={id}",
            _ => "/screener/saved",
        };

        // axe needs JavaScript in the page: "off" is audited as the same server HTML with the app's own scripts refused.
        var page = await SignedInPageAsync(user);
        if (!javaScript)
        {
            await page.RouteAsync(address => new Uri(address).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
        }
        var response = await page.GotoAsync(url);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        switch (state)
        {
            case "rename-error":
                await page.GetByLabel("New name").FillAsync(" ");
                await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
                await Assertions.Expect(page.GetByLabel("New name")).ToHaveAttributeAsync("aria-invalid", "true");
                break;
            case "save-name-error":
                await PostSaveAsync(page, "", Quality);
                await Assertions.Expect(page.GetByLabel("Name this screen")).ToHaveAttributeAsync("aria-invalid", "true");
                await Assertions.Expect(page.GetByLabel("Notify me when a company enters or leaves this screen")).ToBeVisibleAsync();
                break;
            case "save-query-error":
                await PostSaveAsync(page, "Typo", "Return on equty > 15%");
                await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Line 1, column 1");
                break;
        }
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Saved screens");
        if (!javaScript)
        {
            Assert.False(await page.EvaluateAsync<bool>("() => 'htmx' in window"));
        }
        await AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_keyboard_alone_renames_a_screen()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        await SaveAsync(client, "Other screen", "Return on equity > 25%");
        await SaveAsync(client, "ROE picks", Quality);
        var page = await SignedInPageAsync(user);
        await page.GotoAsync("/screener/saved");

        await TabToAsync(page, "Rename “ROE picks”");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rename “ROE picks”" })).ToBeVisibleAsync();
        await TabToAsync(page, "#f-newname");
        await page.Keyboard.PressAsync("ControlOrMeta+A");
        await page.Keyboard.TypeAsync("Quality compounders");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Renamed the screen to “Quality compounders”.");
        await Assertions.Expect(page.Locator("tbody th")).ToHaveTextAsync(["Quality compounders", "Other screen"]);
        Assert.EndsWith("/screener/saved", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInPageAsync(TestUser user)
    {
        var page = await app.NewPageAsync(javaScript: true);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// Submits what the screener's save form submits, from inside the page (the screener page is another feature's), so the
    /// browser lands on the page a refused save answers with.
    /// </summary>
    private static async Task PostSaveAsync(IPage page, string name, string query)
    {
        await page.EvaluateAsync("""
            ([name, query]) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/screener/saved?handler=Save';
                const fields = { Name: name, q: query, __RequestVerificationToken: document.querySelector('input[name=__RequestVerificationToken]').value };
                for (const [key, value] of Object.entries(fields)) {
                    const input = document.createElement('input');
                    input.type = 'hidden';
                    input.name = key;
                    input.value = value;
                    form.append(input);
                }
                document.body.append(form);
                form.submit();
            }
            """, new[] { name, query });
        await page.WaitForURLAsync("**/screener/saved?handler=Save");
    }

    /// <summary>
    /// Presses Tab from wherever focus is until the focused element matches: "#id", or else the control's text (a link's
    /// visually hidden words included), as a keyboard user would reach it.
    /// </summary>
    private static async Task TabToAsync(IPage page, string target, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            var focused = await page.EvaluateAsync<string?>(
                "(target) => { const e = document.activeElement; return target.startsWith('#') ? (e && '#' + e.id) : e?.textContent?.trim(); }", target);
            if (focused == target)
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{target} was not reached in {limit} presses of Tab");
    }

    private static async Task<long> SaveAsync(HttpClient client, string name, string query)
    {
        var (_, page) = await Html.GetAsync(client, "/screener/saved");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync("/screener/saved?handler=Save",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["q"] = query, ["Name"] = name }),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, saved) = await Html.GetAsync(client, "/screener/saved");
        var row = saved.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == name);
        return long.Parse(row.Id!["screen-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var violations = axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
