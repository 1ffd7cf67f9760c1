using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>Who may reach what: the anonymous sweep over every endpoint, the admin role, and users against each other's rows.</summary>
public class AuthorizationTests(AppFixture app)
{
    // The only routes a visitor may open without signing in. Anything added later is private unless listed here.
    private static readonly HashSet<string> Public = new(StringComparer.OrdinalIgnoreCase)
    {
        "/", "/stocks", "/stocks/{symbol}", "/stocks/{symbol}/financials", "/stocks/{symbol}/financials.csv", "/stocks/{symbol}/score", "/stocks/{symbol}/chart", "/stocks/{symbol}/dcf", "/errors/{code:int}", "/health/live", "/health/ready",
        "/account/login", "/account/register", "/account/logout", "/account/forgot-password", "/account/reset-password",
        "/account/verify-email", "/account/two-factor", "/account/password-strength", "/account/outbox",
        // Quotes are public market data, shown on the public stock pages.
        "/stream/quotes",
        // The screener and its ratio list read public filings; only saved screens belong to a user.
        "/screener", "/screener/ratios", "/screener/export.csv", "/backtest",
    };

    [Fact]
    public async Task Every_endpoint_not_on_the_public_list_turns_anonymous_visitors_away()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();
        Assert.Contains("/account/profile", endpoints);
        Assert.Contains("/admin/users", endpoints);
        Assert.Contains("/screener/saved", endpoints);
        // Saved DCF valuations belong to a user; the builder itself (/stocks/{symbol}/dcf) is public.
        Assert.Contains("/valuations/{id:long?}", endpoints);
        using var client = app.CreateClient(followRedirects: false);
        var checkedPrivate = 0;
        foreach (var pattern in endpoints)
        {
            var url = pattern.Replace("{symbol}", "RELIANCE", StringComparison.Ordinal).Replace("{code:int}", "404", StringComparison.Ordinal)
                .Replace("{id:long}", "1", StringComparison.Ordinal).Replace("{id:long?}", "1", StringComparison.Ordinal);
            Assert.DoesNotContain('{', url);
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            var challenge = "/account/login?returnUrl=" + Uri.EscapeDataString(url);
            if (Public.Contains(pattern))
            {
                // A public page may still redirect for its own reasons (the second-factor page without a first step).
                Assert.False(response.StatusCode == HttpStatusCode.Unauthorized || response.Headers.Location?.OriginalString == challenge,
                    $"{pattern} is public but answered {(int)response.StatusCode} {response.Headers.Location}");
                continue;
            }
            checkedPrivate++;
            if (url.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{pattern} answered {(int)response.StatusCode} to an anonymous visitor");
                Assert.Equal(challenge, response.Headers.Location!.OriginalString);
            }
        }
        Assert.True(checkedPrivate >= 7, $"only {checkedPrivate} private endpoints found");
    }

    [Fact]
    public async Task Anonymous_posts_to_private_pages_are_turned_away_too()
    {
        using var client = app.CreateClient(followRedirects: false);
        var response = await client.PostAsync("/account/sessions?handler=RevokeOthers", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task Only_admins_see_the_user_list_with_masked_pii_and_can_disable_an_account()
    {
        var admin = await TestUsers.CreateAsync(app.ConnectionString, role: "admin");
        var member = await TestUsers.CreateAsync(app.ConnectionString);
        using var memberClient = await TestUsers.SignedInClientAsync(app, member);
        await Forms.PostAsync(memberClient, "/account/profile", new() { ["Pan"] = "CCCPK" + Random.Shared.Next(1000, 9999) + "L" }, "Pan");
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.GetAsync("/admin/users", TestContext.Current.CancellationToken)).StatusCode);

        using var adminClient = await TestUsers.SignedInClientAsync(app, admin);
        var (response, page) = await Html.GetAsync(adminClient, "/admin/users?q=" + Uri.EscapeDataString(member.Email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Matches("^CCCPK••••L$", row.QuerySelectorAll("td")[5].TextContent);
        Assert.Contains("verify against the hash chain", page.QuerySelector("#audit-title")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var form = row.QuerySelector("form")!;
        await Forms.SubmitAsync(adminClient, "/admin/users", form, []);
        Assert.Equal(HttpStatusCode.Redirect, (await memberClient.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
        using var retry = app.CreateClient(followRedirects: false);
        var refused = await TestUsers.SignInAsync(retry, member.Email, member.Password);
        Assert.Contains("disabled", (await Forms.ReadAsync(refused)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_touch_another_users_sessions_or_see_their_activity()
    {
        var alice = await TestUsers.CreateAsync(app.ConnectionString);
        var bob = await TestUsers.CreateAsync(app.ConnectionString);
        using var aliceClient = await TestUsers.SignedInClientAsync(app, alice);
        using var bobClient = await TestUsers.SignedInClientAsync(app, bob);
        var (_, bobSessions) = await Html.GetAsync(bobClient, "/account/sessions");
        var bobSession = bobSessions.QuerySelector("tbody input[name=id]")!.GetAttribute("value")!;

        // Alice posts Bob's session id through her own form: nothing of Bob's changes.
        var (_, aliceSessions) = await Html.GetAsync(aliceClient, "/account/sessions");
        var form = aliceSessions.QuerySelector("form[action*='handler=Revoke']")!;
        await Forms.SubmitAsync(aliceClient, "/account/sessions", form, new() { ["id"] = bobSession });
        Assert.Equal(HttpStatusCode.OK, (await bobClient.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);

        var (_, activity) = await Html.GetAsync(aliceClient, "/account/activity");
        var (_, bobActivity) = await Html.GetAsync(bobClient, "/account/activity");
        Assert.Equal(1, activity.QuerySelectorAll("tbody tr").Count(r => r.TextContent.Contains("Signed in", StringComparison.Ordinal)));
        Assert.Equal(1, bobActivity.QuerySelectorAll("tbody tr").Count(r => r.TextContent.Contains("Signed in", StringComparison.Ordinal)));
        var (_, aliceProfile) = await Html.GetAsync(aliceClient, "/account/profile");
        Assert.DoesNotContain(bob.Email, aliceProfile.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsafe_requests_without_the_antiforgery_token_are_refused()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var response = await client.PostAsync("/account/sessions?handler=RevokeOthers", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
    }
}
