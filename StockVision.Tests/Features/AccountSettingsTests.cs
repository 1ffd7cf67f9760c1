using System.Net;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using StockVision.Engines.Security;
using StockVision.Infrastructure.Identity;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

public class AccountSettingsTests(AppFixture app)
{
    [Fact]
    public async Task Changing_the_email_takes_effect_only_when_the_new_address_confirms()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var newEmail = $"moved-{Guid.NewGuid():N}@example.org";
        var sent = await Forms.PostAsync(client, "/account/profile", new() { ["NewEmail"] = newEmail }, "Email");
        Assert.Contains($"sent a confirmation link to {newEmail}", (await Forms.ReadAsync(sent)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var accountTests = new AccountTests(app);
        Assert.Equal("Your StockVision email address is changing", await accountTests.LatestSubjectAsync(user.Email));
        using var anon = app.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.SignInAsync(anon, user.Email, user.Password)).StatusCode);

        var link = await accountTests.LatestLinkAsync(newEmail, "/account/verify-email");
        var confirmed = await Forms.PostAsync(client, link, []);
        Assert.Contains(newEmail, (await Forms.ReadAsync(confirmed)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        using var later = app.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TestUsers.SignInAsync(later, user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.SignInAsync(later, newEmail, user.Password)).StatusCode);
    }

    [Fact]
    public async Task An_old_work_factor_is_upgraded_at_the_next_sign_in()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.ExecuteAsync("update users set password_hash = @Hash where id = @Id", new { Hash = PasswordHasher.Hash(user.Password, 1000), user.Id });

        using var client = app.CreateClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.SignInAsync(client, user.Email, user.Password)).StatusCode);
        var stored = await conn.ExecuteScalarAsync<string>("select password_hash from users where id = @Id", new { user.Id });
        Assert.StartsWith("pbkdf2-sha512$v1$i=210000$", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_signs_out_other_sessions()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var other = await TestUsers.SignedInClientAsync(app, user);
        using var client = await TestUsers.SignedInClientAsync(app, user);

        var wrong = await Forms.PostAsync(client, "/account/security",
            new() { ["CurrentPassword"] = "not my password", ["NewPassword"] = "an entirely new passphrase" }, "Password");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var changed = await Forms.PostAsync(client, "/account/security",
            new() { ["CurrentPassword"] = user.Password, ["NewPassword"] = "an entirely new passphrase" }, "Password");
        Assert.Contains("1 other session", (await Forms.ReadAsync(changed)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/profile", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Regenerating_codes_and_turning_two_factor_off_need_the_current_password()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var setup = await Forms.ReadAsync(await Forms.PostAsync(client, "/account/security", [], "Setup"));
        var secret = Base32.Decode(setup.QuerySelector(".secret")!.TextContent);
        await Forms.PostAsync(client, "/account/security",
            new() { ["SetupCode"] = Totp.Compute(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), ["SetupPassword"] = user.Password }, "Enable");

        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await Forms.PostAsync(client, "/account/security", new() { ["CodesPassword"] = "wrong password" }, "Codes")).StatusCode);
        var regenerated = await Forms.ReadAsync(await Forms.PostAsync(client, "/account/security", new() { ["CodesPassword"] = user.Password }, "Codes"));
        Assert.Equal(10, regenerated.QuerySelectorAll("ul.codes li").Length);

        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await Forms.PostAsync(client, "/account/security", new() { ["DisablePassword"] = "wrong password" }, "Disable")).StatusCode);
        await Forms.PostAsync(client, "/account/security", new() { ["DisablePassword"] = user.Password }, "Disable");
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        Assert.Equal((0L, 0L), await conn.QuerySingleAsync<(long, long)>(
            "select count(totp_secret), (select count(*) from recovery_codes where user_id = @Id) from users where id = @Id", new { user.Id }));
        var types = (await conn.QueryAsync<string>("select event_type from security_events where user_id = @Id", new { user.Id })).ToList();
        Assert.Contains("two_factor_enabled", types);
        Assert.Contains("recovery_codes_regenerated", types);
        Assert.Contains("two_factor_disabled", types);
    }

    [Fact]
    public void Over_https_the_session_cookies_carry_the_host_prefix_and_secure_flag()
    {
        var cookies = new SessionCookies(Options.Create(new IdentityOptions { RequireHttps = true }));
        var context = new DefaultHttpContext();
        cookies.Issue(context.Response, "access", DateTimeOffset.UtcNow.AddMinutes(15), "refresh", DateTimeOffset.UtcNow.AddDays(30));
        var set = context.Response.Headers.SetCookie.ToList();
        Assert.Equal(2, set.Count);
        Assert.All(set, c =>
        {
            Assert.StartsWith("__Host-sv-", c, StringComparison.Ordinal);
            Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", c, StringComparison.OrdinalIgnoreCase);
        });
    }
}
