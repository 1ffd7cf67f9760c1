using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>Registration, email confirmation, password reset and the login form, through real HTTP against the real app.</summary>
public partial class AccountTests(AppFixture app)
{
    [Fact]
    public async Task Registration_needs_the_emailed_link_before_sign_in_works()
    {
        var email = $"Asha.{Guid.NewGuid():N}@Example.com";
        using var client = app.CreateClient(followRedirects: false);
        var register = await Forms.PostAsync(client, "/account/register",
            new() { ["DisplayName"] = "Asha Verma", ["Email"] = email, ["Password"] = "monsoon mango lassi tuesday" });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Contains("Check your email", (await Forms.ReadAsync(register)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var early = await TestUsers.SignInAsync(client, email, "monsoon mango lassi tuesday");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Confirm your email address first", (await Forms.ReadAsync(early)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        var link = await LatestLinkAsync(email.ToLowerInvariant(), "/account/verify-email");
        var confirm = await Forms.PostAsync(client, link, []);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);

        // Emails are case-insensitive: the address signs in however it is typed.
        var signIn = await TestUsers.SignInAsync(client, email.ToUpperInvariant(), "monsoon mango lassi tuesday", "/account/profile");
        Assert.Equal("/account/profile", signIn.Headers.Location!.OriginalString);
        var (profile, doc) = await Html.GetAsync(client, "/account/profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains("Asha Verma", doc.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_taken_email_reads_the_same_and_warns_the_owner()
    {
        var existing = await TestUsers.CreateAsync(app.ConnectionString);
        var fresh = $"new-{Guid.NewGuid():N}@example.com";
        using var client = app.CreateClient(followRedirects: false);

        string Reply(AngleSharp.Dom.IDocument d, string email) => d.QuerySelector("main")!.TextContent.Replace(email, "EMAIL", StringComparison.Ordinal);
        var forExisting = await Forms.PostAsync(client, "/account/register",
            new() { ["DisplayName"] = "Someone", ["Email"] = existing.Email, ["Password"] = "monsoon mango lassi tuesday" });
        var forFresh = await Forms.PostAsync(client, "/account/register",
            new() { ["DisplayName"] = "Someone", ["Email"] = fresh, ["Password"] = "monsoon mango lassi tuesday" });

        Assert.Equal(forFresh.StatusCode, forExisting.StatusCode);
        Assert.Equal(Reply(await Forms.ReadAsync(forFresh), fresh), Reply(await Forms.ReadAsync(forExisting), existing.Email));
        Assert.Equal("Someone tried to register with your email address", await LatestSubjectAsync(existing.Email));
        Assert.Equal("Confirm your StockVision email address", await LatestSubjectAsync(fresh));
    }

    [Fact]
    public async Task Login_and_reset_answer_alike_for_unknown_emails()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = app.CreateClient(followRedirects: false);
        var unknown = await TestUsers.SignInAsync(client, $"nobody-{Guid.NewGuid():N}@example.com", "whatever it is here");
        var wrong = await TestUsers.SignInAsync(client, user.Email, "not the right password");
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal((await Forms.ReadAsync(unknown)).QuerySelector(".error-summary")!.TextContent,
            (await Forms.ReadAsync(wrong)).QuerySelector(".error-summary")!.TextContent);

        using var other = app.CreateClient(followRedirects: false);
        var nobody = $"nobody-{Guid.NewGuid():N}@example.com";
        var resetUnknown = await Forms.PostAsync(other, "/account/forgot-password", new() { ["Email"] = nobody });
        var resetKnown = await Forms.PostAsync(other, "/account/forgot-password", new() { ["Email"] = user.Email });
        Assert.Equal(resetUnknown.StatusCode, resetKnown.StatusCode);
        Assert.Equal((await Forms.ReadAsync(resetUnknown)).QuerySelector("main")!.TextContent.Replace(nobody, "EMAIL", StringComparison.Ordinal),
            (await Forms.ReadAsync(resetKnown)).QuerySelector("main")!.TextContent.Replace(user.Email, "EMAIL", StringComparison.Ordinal));
        Assert.Equal("Reset your StockVision password", await LatestSubjectAsync(user.Email));
        Assert.Null(await LatestSubjectAsync(nobody));
    }

    [Fact]
    public async Task A_reset_link_works_once_signs_out_everywhere_and_upgrades_nothing_else()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var signedIn = await TestUsers.SignedInClientAsync(app, user);
        using var client = app.CreateClient(followRedirects: false);
        await Forms.PostAsync(client, "/account/forgot-password", new() { ["Email"] = user.Email });
        var link = await LatestLinkAsync(user.Email, "/account/reset-password");

        var weak = await Forms.PostAsync(client, link, new() { ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        var reset = await Forms.PostAsync(client, link, new() { ["Password"] = "a brand new long passphrase" });
        Assert.Equal("/account/login?Done=reset", reset.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TestUsers.SignInAsync(client, user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.SignInAsync(client, user.Email, "a brand new long passphrase")).StatusCode);
    }

    [Fact]
    public async Task The_login_form_names_its_fields_for_password_managers_and_ties_errors_to_them()
    {
        using var client = app.CreateClient(followRedirects: false);
        var (_, page) = await Html.GetAsync(client, "/account/login");
        Assert.Equal("username", page.QuerySelector("input[name=Email]")!.GetAttribute("autocomplete"));
        Assert.Equal("current-password", page.QuerySelector("input[name=Password]")!.GetAttribute("autocomplete"));

        var response = await Forms.PostAsync(client, "/account/login", new() { ["Email"] = "not-an-email", ["Password"] = "" });
        var doc = await Forms.ReadAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        foreach (var name in new[] { "Email", "Password" })
        {
            var input = doc.QuerySelector($"input[name={name}]")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            var error = doc.GetElementById(input.GetAttribute("aria-describedby")!.Split(' ')[0])!;
            Assert.Contains("Error:", error.TextContent, StringComparison.Ordinal);
            Assert.NotNull(doc.QuerySelector($".error-summary a[href='#{input.Id}']"));
        }

        var (_, register) = await Html.GetAsync(client, "/account/register");
        Assert.Equal("new-password", register.QuerySelector("input[name=Password]")!.GetAttribute("autocomplete"));
    }

    [Fact]
    public async Task The_return_url_never_leaves_the_site()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = app.CreateClient(followRedirects: false);
        var response = await TestUsers.SignInAsync(client, user.Email, user.Password, "//evil.example/phish");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    internal async Task<string?> LatestSubjectAsync(string to)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        return await conn.ExecuteScalarAsync<string?>(
            "select subject from email_outbox where lower(to_address) = lower(@To) order by id desc limit 1", new { To = to });
    }

    internal async Task<string> LatestLinkAsync(string to, string path)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var body = await conn.ExecuteScalarAsync<string>(
            "select body from email_outbox where lower(to_address) = lower(@To) order by id desc limit 1", new { To = to });
        var match = Link().Match(body ?? "");
        Assert.True(match.Success, $"No link in the latest email to {to}");
        var uri = new Uri(match.Value);
        Assert.Equal(path, uri.AbsolutePath);
        return uri.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
