using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>Watchlists in real Chromium: axe in every state with JavaScript on and off, the keyboard alone, and search as you type.</summary>
public class WatchlistBrowserTests(AppFixture app)
{
    public static TheoryData<string, bool> States()
    {
        var data = new TheoryData<string, bool>();
        foreach (var state in new[] { "index-empty", "index", "index-rename", "index-delete", "list", "list-sorted", "list-edit", "list-errors", "list-candidates", "list-delete", "list-empty" })
        {
            data.Add(state, true);
            data.Add(state, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task Every_watchlist_state_passes_axe(string state, bool javaScript)
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        long? id = null;
        if (state != "index-empty")
        {
            id = await CreateAsync(client, "Banks & NBFCs");
            await CreateAsync(client, "Dividend ideas");
            if (state != "list-empty")
            {
                foreach (var symbol in new[] { "HDFCBANK", "M&M", "ACC" })
                {
                    await AddAsync(client, id.Value, symbol);
                }
            }
        }
        var url = state switch
        {
            "index-empty" or "index" => "/watchlists",
            "index-rename" => $"/watchlists?rename={id}",
            "index-delete" => $"/watchlists?delete={id}",
            "list-sorted" => $"/watchlists/{id}?sort=symbol&dir=desc",
            "list-edit" or "list-errors" => $"/watchlists/{id}?edit=HDFCBANK",
            "list-candidates" => $"/watchlists/{id}?find=bank",
            "list-delete" => $"/watchlists/{id}?confirm=delete",
            _ => $"/watchlists/{id}",
        };

        // axe needs JavaScript in the page: "off" is audited as the same server HTML with the app's own scripts refused.
        var page = await SignedInPageAsync(user, javaScript: true);
        if (!javaScript)
        {
            await page.RouteAsync(address => new Uri(address).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
        }
        var response = await page.GotoAsync(url);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        if (state == "list-errors")
        {
            await page.GetByLabel("Target price for HDFCBANK (₹)").FillAsync("12.345");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save note and target for HDFCBANK" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
            await Assertions.Expect(page.GetByLabel("Target price for HDFCBANK (₹)")).ToHaveAttributeAsync("aria-invalid", "true");
        }
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        if (!javaScript)
        {
            Assert.False(await page.EvaluateAsync<bool>("() => 'htmx' in window"));
        }
        await AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_keyboard_alone_creates_a_list_adds_stocks_and_reorders_them_with_focus_kept_on_the_moved_row()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        var page = await SignedInPageAsync(user, javaScript: true);
        await page.GotoAsync("/watchlists");

        await TabToAsync(page, "f-name");
        await page.Keyboard.TypeAsync("Keyboard picks");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Keyboard picks");

        foreach (var symbol in new[] { "TCS", "INFY", "WIPRO" })
        {
            await TabToAsync(page, "f-find");
            await page.Keyboard.TypeAsync(symbol);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Added {symbol}" })).ToBeVisibleAsync();
        }
        var address = page.Url;
        var symbols = page.Locator("#watchlist-items tbody tr[id^=row-] th");
        await Assertions.Expect(symbols).ToHaveTextAsync(["TCS", "INFY", "WIPRO"]);

        await TabToAsync(page, "move-down-TCS");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(symbols).ToHaveTextAsync(["INFY", "TCS", "WIPRO"]);
        await Assertions.Expect(page.Locator("#move-down-TCS")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#watchlist-status")).ToHaveTextAsync("Moved TCS down to position 2 of 3.");

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(symbols).ToHaveTextAsync(["INFY", "WIPRO", "TCS"]);
        // At the bottom Move down is gone; focus stays in the row, on Move up.
        await Assertions.Expect(page.Locator("#move-up-TCS")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(symbols).ToHaveTextAsync(["INFY", "TCS", "WIPRO"]);
        await Assertions.Expect(page.Locator("#move-up-TCS")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#watchlist-status")).ToHaveTextAsync("Moved TCS up to position 2 of 3.");
        // htmx swapped the table in place: no navigation happened.
        Assert.Equal(address, page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Search_as_you_type_offers_matching_stocks_to_add()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var id = await CreateAsync(client, "Tata");
        var page = await SignedInPageAsync(user, javaScript: true);
        await page.GotoAsync($"/watchlists/{id}");

        await page.GetByLabel("Symbol or company name").PressSequentiallyAsync("tata");
        var results = page.Locator("#add-candidates");
        await Assertions.Expect(results).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(results).ToContainTextAsync("match “tata”");
        Assert.DoesNotContain("find=", page.Url, StringComparison.Ordinal);
        await results.GetByRole(AriaRole.Button, new() { Name = "Add TATAMOTORS" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added TATAMOTORS" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#row-TATAMOTORS")).ToBeVisibleAsync();

        await page.GetByLabel("Symbol or company name").PressSequentiallyAsync("zzqx");
        await Assertions.Expect(results).ToHaveTextAsync("No stock matches “zzqx”. Try part of the symbol or of the company's name.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_javascript_the_plain_forms_add_via_candidates_and_a_move_returns_focus_to_its_button()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var id = await CreateAsync(client, "No script");
        var page = await SignedInPageAsync(user, javaScript: false);
        await page.GotoAsync($"/watchlists/{id}");

        await page.GetByLabel("Symbol or company name").FillAsync("tata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stock" }).ClickAsync();
        await Assertions.Expect(page.Locator("#add-candidates")).ToContainTextAsync("match “tata”");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add TATASTEEL" }).ClickAsync();
        await Assertions.Expect(page.Locator("#watchlist-status[role=status]")).ToContainTextAsync("Added TATASTEEL");

        await page.GetByLabel("Symbol or company name").FillAsync("zzqx");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stock" }).ClickAsync();
        await Assertions.Expect(page.Locator("#add-candidates")).ToContainTextAsync("No stock matches “zzqx”");

        await page.GetByLabel("Symbol or company name").FillAsync("ITC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stock" }).ClickAsync();
        var symbols = page.Locator("#watchlist-items tbody tr[id^=row-] th");
        await Assertions.Expect(symbols).ToHaveTextAsync(["TATASTEEL", "ITC"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Move down TATASTEEL" }).ClickAsync();
        await Assertions.Expect(symbols).ToHaveTextAsync(["ITC", "TATASTEEL"]);
        Assert.EndsWith("#move-up-TATASTEEL", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#move-up-TATASTEEL")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(symbols).ToHaveTextAsync(["TATASTEEL", "ITC"]);
        await Assertions.Expect(page.Locator("#move-down-TATASTEEL")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInPageAsync(TestUser user, bool javaScript)
    {
        var page = await app.NewPageAsync(javaScript);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Presses Tab from wherever focus is until the element with this id has it, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string id, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.id") == id)
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"#{id} was not reached in {limit} presses of Tab");
    }

    private static async Task<long> CreateAsync(HttpClient client, string name)
    {
        var response = await Forms.PostAsync(client, "/watchlists", new() { ["Name"] = name }, "Create");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AddAsync(HttpClient client, long id, string symbol)
    {
        var response = await Forms.PostAsync(client, $"/watchlists/{id}", new() { ["find"] = symbol }, "Add");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var violations = axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
