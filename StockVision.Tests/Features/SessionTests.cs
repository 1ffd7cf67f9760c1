using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using StockVision.Infrastructure.Identity;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>Access and refresh tokens, rotation and reuse, revocation, brute-force limits and step-up.</summary>
public class SessionTests(AppFixture app)
{
    private const string AccessCookie = "sv-at";
    private const string RefreshCookie = "sv-rt";

    [Fact]
    public async Task Session_cookies_are_http_only_and_same_site_lax()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = app.CreateClient(followRedirects: false);
        var response = await TestUsers.SignInAsync(client, user.Email, user.Password);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        foreach (var name in new[] { AccessCookie, RefreshCookie })
        {
            var cookie = Assert.Single(cookies, c => c.StartsWith(name + "=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_its_reuse_revokes_the_whole_family()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = app.CreateClient(followRedirects: false);
        var signIn = await TestUsers.SignInAsync(client, user.Email, user.Password);
        var access = CookieValue(signIn, AccessCookie);
        var first = CookieValue(signIn, RefreshCookie)!;

        // Only the refresh cookie: the handler rotates it and issues both cookies afresh.
        using var refreshing = Bare();
        var rotated = await GetWithCookiesAsync(refreshing, "/account/sessions", (RefreshCookie, first));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = CookieValue(rotated, RefreshCookie);
        Assert.NotEqual(first, second);
        Assert.NotNull(CookieValue(rotated, AccessCookie));

        // Presenting the retired token past the grace interval (a clock 11 s ahead) is theft: the session ends.
        var clock = new SteppingClock(DateTimeOffset.UtcNow.AddSeconds(11));
        var store = new SessionStore(app.Services<NpgsqlDataSource>(), app.Services<SecurityLog>(), clock, app.Services<IOptions<IdentityOptions>>());
        Assert.Equal(RefreshOutcome.Reused, (await store.RefreshAsync(first, null, TestContext.Current.CancellationToken)).Outcome);

        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookiesAsync(Bare(), "/account/sessions", (RefreshCookie, second))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookiesAsync(Bare(), "/account/sessions", (AccessCookie, access))).StatusCode);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "select count(*) from security_events where user_id = @Id and event_type = 'refresh_token_reused'", new { user.Id }));
    }

    [Fact]
    public async Task A_retired_refresh_token_within_the_grace_interval_is_honoured_without_a_new_one()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = app.CreateClient(followRedirects: false);
        var first = CookieValue(await TestUsers.SignInAsync(client, user.Email, user.Password), RefreshCookie)!;
        var store = app.Services<SessionStore>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(RefreshOutcome.Rotated, (await store.RefreshAsync(first, null, ct)).Outcome);
        var race = await store.RefreshAsync(first, null, ct);
        Assert.Equal(RefreshOutcome.WithinGrace, race.Outcome);
        Assert.Null(race.NewRefreshToken);
        Assert.Equal(RefreshOutcome.Unknown, (await store.RefreshAsync("made-up", null, ct)).Outcome);
    }

    [Fact]
    public async Task After_sign_out_the_unexpired_access_token_is_refused()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = app.CreateClient(followRedirects: false);
        var access = CookieValue(await TestUsers.SignInAsync(client, user.Email, user.Password), AccessCookie)!;
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookiesAsync(Bare(), "/account/profile", (AccessCookie, access))).StatusCode);

        var logout = await Forms.PostAsync(client, "/account/logout", []);
        Assert.Equal("/account/login?Done=signed-out", logout.Headers.Location!.OriginalString);

        var after = await GetWithCookiesAsync(Bare(), "/account/profile", (AccessCookie, access));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login?returnUrl=", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_page_signs_out_one_device_or_every_other_one()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var laptop = await TestUsers.SignedInClientAsync(app, user);
        using var phone = await TestUsers.SignedInClientAsync(app, user);
        using var tablet = await TestUsers.SignedInClientAsync(app, user);
        var (_, page) = await Html.GetAsync(laptop, "/account/sessions");
        Assert.Equal(3, page.QuerySelectorAll("tbody tr").Length);
        Assert.Single(page.QuerySelectorAll("tbody th strong"), s => s.TextContent.Contains("this device", StringComparison.Ordinal));

        var phoneSession = await CurrentSessionAsync(phone);
        var form = page.QuerySelectorAll("form[action*='handler=Revoke']").First(f => f.QuerySelector($"input[value='{phoneSession}']") is not null);
        await Forms.SubmitAsync(laptop, "/account/sessions", form, []);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);

        await Forms.PostAsync(laptop, "/account/sessions", [], "RevokeOthers");
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Ten_failures_lock_the_account_for_fifteen_minutes_and_email_the_owner()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        for (var i = 0; i < 10; i++)
        {
            // A new address per attempt: this is the per-account defence, not the per-IP limit.
            using var attacker = app.CreateClient(followRedirects: false);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TestUsers.SignInAsync(attacker, user.Email, $"guess number {i:00} here")).StatusCode);
        }
        using var owner = app.CreateClient(followRedirects: false);
        var refused = await TestUsers.SignInAsync(owner, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("locked until", (await Forms.ReadAsync(refused)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var lockedFor = await conn.ExecuteScalarAsync<double>("select extract(epoch from locked_until - now()) from users where id = @Id", new { user.Id });
        Assert.InRange(lockedFor, 14 * 60, 15 * 60);
        Assert.Equal("Your StockVision account is locked for 15 minutes",
            await conn.ExecuteScalarAsync<string>("select subject from email_outbox where to_address = @Email order by id desc limit 1", new { user.Email }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from security_events where user_id = @Id and event_type = 'locked_out'", new { user.Id }));

        // When the lock has run out, the right password works again.
        await conn.ExecuteAsync("update users set locked_until = now() - interval '1 second' where id = @Id", new { user.Id });
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.SignInAsync(owner, user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task The_sixth_attempt_from_one_address_in_a_minute_gets_429_with_retry_after()
    {
        using var client = app.CreateClient(followRedirects: false);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity,
                (await TestUsers.SignInAsync(client, $"probe-{i}-{Guid.NewGuid():N}@example.com", "some password here")).StatusCode);
        }
        var limited = await TestUsers.SignInAsync(client, $"probe-{Guid.NewGuid():N}@example.com", "some password here");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        var message = (await Forms.ReadAsync(limited)).QuerySelector(".error-summary")!.TextContent;
        Assert.Contains($"wait {(int)retryAfter.TotalSeconds} second", message, StringComparison.Ordinal);

        // Another address is not affected.
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var elsewhere = app.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.SignInAsync(elsewhere, user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Sensitive_pages_ask_for_the_password_again_after_ten_minutes()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/security", TestContext.Current.CancellationToken)).StatusCode);

        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.ExecuteAsync("update sessions set authenticated_at = now() - interval '11 minutes' where user_id = @Id", new { user.Id });
        }
        var stale = await client.GetAsync("/account/security", TestContext.Current.CancellationToken);
        Assert.Equal("/account/reauth?returnUrl=%2Faccount%2Fsecurity", stale.Headers.Location!.OriginalString);
        var export = await Forms.PostAsync(client, "/account/data", [], "Export");
        Assert.StartsWith("/account/reauth", export.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var wrong = await Forms.PostAsync(client, "/account/reauth?returnUrl=%2Faccount%2Fsecurity", new() { ["Password"] = "not it at all" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var confirmed = await Forms.PostAsync(client, "/account/reauth?returnUrl=%2Faccount%2Fsecurity", new() { ["Password"] = user.Password });
        Assert.Equal("/account/security", confirmed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/security", TestContext.Current.CancellationToken)).StatusCode);
    }

    private HttpClient Bare() => app.CreateClient(followRedirects: false);

    private static async Task<HttpResponseMessage> GetWithCookiesAsync(HttpClient client, string url, params (string Name, string? Value)[] cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string? CookieValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith(name + "=", StringComparison.Ordinal)).Select(v => v[(name.Length + 1)..v.IndexOf(';')]).LastOrDefault()
            : null;

    private static async Task<string> CurrentSessionAsync(HttpClient client)
    {
        var (_, page) = await Html.GetAsync(client, "/account/sessions");
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th strong") is not null);
        return row.QuerySelector("input[name=id]")!.GetAttribute("value")!;
    }
}
