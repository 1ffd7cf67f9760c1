using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>PAN and phone at rest, their masking and step-up, and the data rights of the DPDP Act.</summary>
public class PrivacyTests(AppFixture app)
{
    [Fact]
    public async Task Pan_and_phone_are_encrypted_in_the_database_and_absent_from_a_pg_dump()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var pan = "ABCP" + "E" + Random.Shared.Next(1000, 9999) + "F";
        var phone = "9" + Random.Shared.Next(100_000_000, 999_999_999);

        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(client, "/account/profile", new() { ["Phone"] = phone }, "Phone")).StatusCode);
        var saved = await Forms.ReadAsync(await Forms.PostAsync(client, "/account/profile", new() { ["Pan"] = pan.ToLowerInvariant() }, "Pan"));
        var facts = saved.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains(pan[..5] + "••••" + pan[^1], facts, StringComparison.Ordinal);
        Assert.Contains("+91 ••••••" + phone[^4..], facts, StringComparison.Ordinal);
        Assert.DoesNotContain(pan, facts, StringComparison.Ordinal);

        var dump = await PgDumpAsync();
        Assert.Contains(user.Email, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(pan, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_full_pan_needs_a_fresh_sign_in_and_is_logged()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        var pan = "AAACR" + Random.Shared.Next(1000, 9999) + "K";
        await Forms.PostAsync(client, "/account/profile", new() { ["Pan"] = pan }, "Pan");
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.ExecuteAsync("update sessions set authenticated_at = now() - interval '11 minutes' where user_id = @Id", new { user.Id });

        var stale = await Forms.PostAsync(client, "/account/profile", [], "RevealPan");
        Assert.StartsWith("/account/reauth", stale.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await Forms.PostAsync(client, "/account/reauth", new() { ["Password"] = user.Password });
        var revealed = await Forms.ReadAsync(await Forms.PostAsync(client, "/account/profile", [], "RevealPan"));
        Assert.Contains(pan, revealed.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from security_events where user_id = @Id and event_type = 'pan_viewed'", new { user.Id }));
    }

    [Fact]
    public async Task A_pan_can_belong_to_one_account_only_and_bad_input_says_why()
    {
        var first = await TestUsers.CreateAsync(app.ConnectionString);
        var second = await TestUsers.CreateAsync(app.ConnectionString);
        var pan = "BBBPS" + Random.Shared.Next(1000, 9999) + "Q";
        using var a = await TestUsers.SignedInClientAsync(app, first);
        using var b = await TestUsers.SignedInClientAsync(app, second);
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(a, "/account/profile", new() { ["Pan"] = pan }, "Pan")).StatusCode);

        var duplicate = await Forms.PostAsync(b, "/account/profile", new() { ["Pan"] = pan }, "Pan");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("already linked", (await Forms.ReadAsync(duplicate)).QuerySelector("#f-pan-error")!.TextContent, StringComparison.Ordinal);

        var badType = await Forms.PostAsync(b, "/account/profile", new() { ["Pan"] = "ABCXE1234F" }, "Pan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badType.StatusCode);
        Assert.Contains("fourth letter", (await Forms.ReadAsync(badType)).QuerySelector("#f-pan-error")!.TextContent, StringComparison.Ordinal);
        var badPhone = await Forms.PostAsync(b, "/account/profile", new() { ["Phone"] = "12345" }, "Phone");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPhone.StatusCode);
    }

    [Fact]
    public async Task Download_my_data_is_a_json_file_of_this_account_only()
    {
        var me = await TestUsers.CreateAsync(app.ConnectionString);
        var other = await TestUsers.CreateAsync(app.ConnectionString);
        using var otherClient = await TestUsers.SignedInClientAsync(app, other);
        using var client = await TestUsers.SignedInClientAsync(app, me);
        await Forms.PostAsync(client, "/account/profile", new() { ["Phone"] = "98765 43210" }, "Phone");
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            const string list = """
                with w as (insert into watchlists (user_id, name) values (@Id, @Name) returning id)
                insert into watchlist_items (watchlist_id, symbol, position, note, target_price) select id, 'SBIN', 1, @Name, 900 from w
                """;
            await conn.ExecuteAsync(list, new { me.Id, Name = "Mine: banks" });
            await conn.ExecuteAsync(list, new { other.Id, Name = "Not mine" });
            const string screen = "insert into saved_screens (user_id, name, query, notify) values (@Id, @Name, @Query, @Notify)";
            await conn.ExecuteAsync(screen, new { me.Id, Name = "Mine: quality", Query = "Return on equity > 15%\nDebt to equity < 0.5", Notify = true });
            await conn.ExecuteAsync(screen, new { other.Id, Name = "Not mine either", Query = "Return on equity > 40%", Notify = false });
            const string valuation = """
                with v as (insert into valuations (user_id, symbol, name, inputs) values (@Id, 'INFY', @Name, @Inputs::jsonb) returning id)
                insert into valuation_changes (valuation_id, inputs, note) select id, '{"margin": "21.6"}'::jsonb, 'EBIT margin, % 21.6 → 25' from v
                """;
            await conn.ExecuteAsync(valuation, new { me.Id, Name = "Mine: Infosys base case", Inputs = """{"margin": "25"}""" });
            await conn.ExecuteAsync(valuation, new { other.Id, Name = "Not mine: a valuation", Inputs = """{"margin": "40"}""" });
        }

        var response = await Forms.PostAsync(client, "/account/data", [], "Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("stockvision-data-", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Equal(me.Email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("+919876543210", root.GetProperty("account").GetProperty("phone").GetString());
        Assert.Single(root.GetProperty("sessions").EnumerateArray());
        Assert.Contains(root.GetProperty("security_events").EnumerateArray(), e => e.GetProperty("type").GetString() == "login_succeeded");
        var watchlist = Assert.Single(root.GetProperty("watchlists").EnumerateArray());
        Assert.Equal("Mine: banks", watchlist.GetProperty("name").GetString());
        var item = Assert.Single(watchlist.GetProperty("items").EnumerateArray());
        Assert.Equal(("SBIN", 900m), (item.GetProperty("symbol").GetString(), item.GetProperty("target_price_inr").GetDecimal()));
        var saved = Assert.Single(root.GetProperty("saved_screens").EnumerateArray());
        Assert.Equal("Mine: quality", saved.GetProperty("name").GetString());
        Assert.Equal("Return on equity > 15%\nDebt to equity < 0.5", saved.GetProperty("query").GetString());
        Assert.True(saved.GetProperty("notify").GetBoolean());
        Assert.Equal(JsonValueKind.String, saved.GetProperty("created_at").ValueKind);
        Assert.Equal(JsonValueKind.String, saved.GetProperty("updated_at").ValueKind);
        var valued = Assert.Single(root.GetProperty("saved_valuations").EnumerateArray());
        Assert.Equal(("Mine: Infosys base case", "INFY", "25"),
            (valued.GetProperty("name").GetString(), valued.GetProperty("symbol").GetString(), valued.GetProperty("inputs").GetProperty("margin").GetString()));
        var change = Assert.Single(valued.GetProperty("changes").EnumerateArray());
        Assert.Equal(("EBIT margin, % 21.6 → 25", "21.6"), (change.GetProperty("note").GetString(), change.GetProperty("inputs_before").GetProperty("margin").GetString()));
        Assert.DoesNotContain(other.Email, root.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Not mine", root.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("40%", root.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_account_removes_it_and_keeps_only_pseudonymous_security_events()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        using var client = await TestUsers.SignedInClientAsync(app, user);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var subject = await conn.ExecuteScalarAsync<Guid>("select subject from users where id = @Id", new { user.Id });

        var unconfirmed = await Forms.PostAsync(client, "/account/data", new() { ["ConfirmEmail"] = "someone@else.com" }, "Delete");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from users where id = @Id", new { user.Id }));

        var deleted = await Forms.PostAsync(client, "/account/data", new() { ["ConfirmEmail"] = user.Email, ["Understood"] = "true" }, "Delete");
        Assert.Equal("/account/login?Done=deleted", deleted.Headers.Location!.OriginalString);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from users where id = @Id", new { user.Id }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from sessions where user_id = @Id", new { user.Id }));
        var events = (await conn.QueryAsync<(string Type, long? UserId)>(
            "select event_type, user_id from security_events where subject = @Subject order by id", new { Subject = subject })).ToList();
        Assert.Equal("account_deleted", events[^1].Type);
        Assert.All(events, e => Assert.Null(e.UserId));
        Assert.Null((await app.Services<StockVision.Infrastructure.Identity.SecurityLog>().VerifyAsync(TestContext.Current.CancellationToken)).FirstBrokenId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TestUsers.SignInAsync(app.CreateClient(false), user.Email, user.Password)).StatusCode);
    }

    private async Task<string> PgDumpAsync()
    {
        var cs = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var pgDump = Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories).OrderDescending().FirstOrDefault() ?? "pg_dump";
        var start = new ProcessStartInfo(pgDump, ["--data-only", "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, cs.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }
}
