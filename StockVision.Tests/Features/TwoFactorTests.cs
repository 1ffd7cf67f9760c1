using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using StockVision.Engines.Security;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

public partial class TwoFactorTests(AppFixture app)
{
    [Fact]
    public async Task Turning_on_two_factor_shows_a_qr_and_key_then_sign_in_needs_a_code_used_once()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var ct = TestContext.Current.CancellationToken;

        var setup = await Forms.ReadAsync(await Forms.PostAsync(client, "/account/security", [], "Setup"));
        Assert.NotNull(setup.QuerySelector(".qr svg[role=img] title"));
        var secret = Base32.Decode(setup.QuerySelector(".secret")!.TextContent);
        Assert.Equal(20, secret.Length);

        var wrongPassword = await Forms.PostAsync(client, "/account/security",
            new() { ["SetupCode"] = Totp.Compute(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), ["SetupPassword"] = "wrong password!" }, "Enable");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongPassword.StatusCode);

        var enabled = await Forms.ReadAsync(await Forms.PostAsync(client, "/account/security",
            new() { ["SetupCode"] = Totp.Compute(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), ["SetupPassword"] = user.Password }, "Enable"));
        var codes = enabled.QuerySelectorAll("ul.codes li").Select(li => li.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        Assert.All(codes, c => Assert.Matches(RecoveryCode(), c));
        Assert.StartsWith("data:text/plain", enabled.QuerySelector("a[download]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null((await Forms.ReadAsync(await client.GetAsync("/account/security", ct))).QuerySelector("ul.codes"));

        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            var stored = await conn.QuerySingleAsync<(string Secret, int Codes)>(
                "select totp_secret as Secret, (select count(*)::int from recovery_codes where user_id = u.id) as Codes from users u where id = @Id", new { user.Id });
            Assert.DoesNotContain(Base32.Encode(secret), stored.Secret, StringComparison.Ordinal);
            Assert.Equal(10, stored.Codes);
        }

        // Password alone now leads to the second step.
        using var next = app.CreateClient(followRedirects: false);
        var first = await TestUsers.SignInAsync(next, user.Email, user.Password, "/account/sessions");
        Assert.Equal("/account/two-factor?returnUrl=%2Faccount%2Fsessions", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/account/profile", ct)).StatusCode);
        var code = await FreshCodeAsync(user.Id, secret);
        var second = await Forms.PostAsync(next, "/account/two-factor?returnUrl=%2Faccount%2Fsessions", new() { ["Code"] = code });
        Assert.Equal("/account/sessions", second.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/account/profile", ct)).StatusCode);

        // The same code again, on another browser, is refused: a code works once.
        using var replay = app.CreateClient(followRedirects: false);
        await TestUsers.SignInAsync(replay, user.Email, user.Password);
        var replayed = await Forms.PostAsync(replay, "/account/two-factor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replayed.StatusCode);

        // A recovery code works in its place, once.
        var recovered = await Forms.PostAsync(replay, "/account/two-factor", new() { ["Code"] = codes[0].ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        using var again = app.CreateClient(followRedirects: false);
        await TestUsers.SignInAsync(again, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Forms.PostAsync(again, "/account/two-factor", new() { ["Code"] = codes[0] })).StatusCode);
        Assert.Contains("9 of 10", (await Forms.ReadAsync(await client.GetAsync("/account/security", ct))).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_second_step_cannot_be_reached_without_the_password_step()
    {
        using var client = app.CreateClient(followRedirects: false);
        var response = await client.GetAsync("/account/two-factor", TestContext.Current.CancellationToken);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A code for a later time step than any used so far (a test may run twice within one 30-second step).</summary>
    private async Task<string> FreshCodeAsync(long userId, byte[] secret)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var last = await conn.ExecuteScalarAsync<long?>("select totp_last_step from users where id = @Id", new { Id = userId }) ?? -1;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var step = Math.Max(Totp.Step(now), last + 1);
        Assert.True(step <= Totp.Step(now) + 1, "No unused step within the window.");
        return Totp.Hotp(secret, step);
    }

    [GeneratedRegex("^[a-z2-9]{5}-[a-z2-9]{5}$")]
    private static partial Regex RecoveryCode();
}
