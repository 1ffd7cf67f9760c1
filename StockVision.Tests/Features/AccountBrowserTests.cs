using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StockVision.Engines.Security;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>The account pages in real Chromium: signed out, signed in and as admin; JavaScript on and off; axe; keyboard.</summary>
public class AccountBrowserTests(AppFixture app)
{
    public static TheoryData<string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, bool>();
        var pages = new (string Url, string Who)[]
        {
            ("/account/login", "anonymous"), ("/account/register", "anonymous"), ("/account/forgot-password", "anonymous"),
            ("/account/verify-email?token=expired", "anonymous"), ("/account/reset-password?token=expired", "anonymous"),
            ("/account/logout", "anonymous"), ("/account/profile", "user"), ("/account/security", "user"), ("/account/sessions", "user"),
            ("/account/activity", "user"), ("/account/data", "user"), ("/account/reauth", "user"), ("/account/logout", "user"),
            ("/admin/users", "admin"),
        };
        foreach (var (url, who) in pages)
        {
            data.Add(url, who, true);
            data.Add(url, who, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Account_page_renders_and_axe_finds_no_violations(string url, string who, bool javaScript)
    {
        var user = who == "anonymous" ? null : await TestUsers.CreateAsync(app.ConnectionString, role: who == "admin" ? "admin" : "user");
        var page = await app.NewPageAsync(javaScript);
        if (user is not null)
        {
            await SignInAsync(page, user);
        }
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await AssertNoViolationsAsync(javaScript ? page : await WithoutAppScriptsAsync(url, user));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_errors_pass_axe_and_are_announced()
    {
        var page = await app.NewPageAsync(javaScript: true, ColorScheme.Dark);
        await page.GotoAsync("/account/register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Assertions.Expect(page.GetByLabel("Email address")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_factor_setup_and_sign_in_work_without_javascript()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        var page = await app.NewPageAsync(javaScript: false);
        await SignInAsync(page, user);
        await page.GotoAsync("/account/security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor authentication" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for adding StockVision to an authenticator app" })).ToBeVisibleAsync();

        // The setup state is audited as a page of its own (the pending key survives a reload).
        await AssertNoViolationsAsync(await WithoutAppScriptsAsync("/account/security", user));

        var secret = Base32.Decode(await page.Locator(".secret").InnerTextAsync());
        await page.GetByLabel("Code from the app").FillAsync(Totp.Compute(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await page.GetByRole(AriaRole.Region, new() { Name = "Two-factor authentication" }).GetByLabel("Current password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor authentication" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        var recovery = await page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem).First.InnerTextAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Authentication code")).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await page.GetByLabel("Authentication code").FillAsync(recovery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_alone_signs_in()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FocusAsync();
        await page.Keyboard.TypeAsync(user.Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(user.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Test User" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_strength_meter_follows_typing_with_javascript_and_shows_after_submit_without()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Password", new() { Exact = true }).PressSequentiallyAsync("correct horse battery staple");
        await Assertions.Expect(page.Locator("#password-strength")).ToContainTextAsync("Strong");
        await page.Context.CloseAsync();

        var noJs = await app.NewPageAsync(javaScript: false);
        await noJs.GotoAsync("/account/register");
        await noJs.GetByLabel("Password", new() { Exact = true }).FillAsync("short one");
        await noJs.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(noJs.Locator("#password-strength")).ToContainTextAsync("Too short");
        await noJs.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>axe cannot run with JavaScript disabled; the same server HTML is audited with only the app's scripts refused.</summary>
    private async Task<IPage> WithoutAppScriptsAsync(string url, TestUser? user)
    {
        var page = await app.NewPageAsync(javaScript: true);
        await page.RouteAsync(address => new Uri(address).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
        if (user is not null)
        {
            await SignInAsync(page, user);
        }
        await page.GotoAsync(url);
        Assert.False(await page.EvaluateAsync<bool>("() => 'htmx' in window"));
        return page;
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var violations = axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
