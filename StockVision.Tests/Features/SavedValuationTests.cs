using System.Net;
using AngleSharp.Dom;
using Dapper;
using Npgsql;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// Saved DCF valuations over real HTTP: saves post exactly what the DCF page's save form holds; the change log, the
/// list, deletion, and another user's ids answered with 404 everywhere.
/// </summary>
public class SavedValuationTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Visitors_get_a_sign_in_link_and_signed_in_users_a_save_form_with_the_inputs()
    {
        using var anonymous = app.CreateClient();
        var (_, open) = await Html.GetAsync(anonymous, "/stocks/INFY/dcf?margin=25");
        Assert.Null(Forms.FindForm(open, "Save"));
        var link = open.QuerySelectorAll("a").Single(a => a.TextContent == "Sign in to save this valuation");
        Assert.StartsWith("/account/login?returnUrl=%2Fstocks%2FINFY%2Fdcf%3Fyears%3D5%26growth%3D15.2%26margin%3D25", link.GetAttribute("href"), StringComparison.Ordinal);

        var (_, client) = await SignedInAsync();
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf?margin=25");
        var form = Forms.FindForm(doc, "Save")!;
        Assert.Equal("25", form.QuerySelector("input[type=hidden][name=margin]")!.GetAttribute("value"));
        Assert.Equal("INFY", form.QuerySelector("input[type=hidden][name=symbol]")!.GetAttribute("value"));
        Assert.NotEmpty(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        Assert.Equal("Name this valuation", form.QuerySelector("label[for=f-name]")!.TextContent);
    }

    [Fact]
    public async Task A_saved_valuation_is_listed_runs_to_the_same_value_and_logs_each_re_save()
    {
        var (user, client) = await SignedInAsync();
        var saved = await SaveAsync(client, "  Infosys   base ", "margin=22");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/valuations", saved.Headers.Location!.OriginalString);

        var (_, list) = await Html.GetAsync(client, "/valuations");
        Assert.Equal("Saved “Infosys base”.", list.QuerySelector("[role=status]")!.TextContent);
        var id = await ScalarAsync<long>("select id from valuations where user_id = @Id", new { user.Id });
        var section = list.QuerySelector($"#valuation-{id}")!;
        Assert.Equal("Infosys base INFY", section.QuerySelector("h2")!.TextContent);
        var run = Link(section, "Run").GetAttribute("href")!;
        Assert.StartsWith("/stocks/INFY/dcf?years=5&growth=15.2&margin=22&tax=27.1&reinvest=stc&stc=1.74", run, StringComparison.Ordinal);
        Assert.EndsWith($"&valuation={id}", run, StringComparison.Ordinal);
        Assert.Equal("No changes since it was saved.", section.QuerySelector("p:not(.muted)")!.TextContent);
        var (_, direct) = await Html.GetAsync(client, "/stocks/INFY/dcf?margin=22");
        var (_, ran) = await Html.GetAsync(client, run);
        Assert.Equal(direct.QuerySelector("#value-per-share")!.TextContent, ran.QuerySelector("#value-per-share")!.TextContent);
        Assert.Equal("Save changes to “Infosys base”", ran.QuerySelector("#save-heading")!.TextContent);

        // Re-save from the run link with the margin changed: the valuation is updated and the change logged.
        var resaved = await SaveAsync(client, "Infosys base", $"margin=25&g=4&valuation={id}");
        Assert.Equal(HttpStatusCode.Redirect, resaved.StatusCode);
        var (_, after) = await Html.GetAsync(client, $"/valuations/{id}");
        Assert.Equal("Saved changes to “Infosys base”: EBIT margin, % 22 → 25; Terminal growth, % 5 → 4.", after.QuerySelector("[role=status]")!.TextContent);
        var change = Assert.Single(after.QuerySelectorAll($"#valuation-{id} tbody tr"));
        Assert.Equal("EBIT margin, % 22 → 25; Terminal growth, % 5 → 4", change.QuerySelectorAll("td")[0].TextContent);
        Assert.Contains("margin=22", Link(change, "Run as it was").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("25", await ScalarAsync<string>("select inputs->>'margin' from valuations where id = @id", new { id }));
        Assert.Equal("22", await ScalarAsync<string>("select inputs->>'margin' from valuation_changes where valuation_id = @id", new { id }));

        // The same name without the run link's id updates it too; the same inputs again change nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, "INFOSYS BASE", "margin=25&g=4")).StatusCode);
        Assert.Equal(2, await ScalarAsync<int>("select count(*)::int from valuation_changes where valuation_id = @id", new { id }));
        Assert.Equal("INFOSYS BASE", await ScalarAsync<string>("select name from valuations where id = @id", new { id }));
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, "INFOSYS BASE", "margin=25&g=4")).StatusCode);
        Assert.Equal(2, await ScalarAsync<int>("select count(*)::int from valuation_changes where valuation_id = @id", new { id }));
        Assert.Equal(1, await ScalarAsync<int>("select count(*)::int from valuations where user_id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Names_are_checked_and_a_name_used_for_another_stock_is_refused()
    {
        var (user, client) = await SignedInAsync();
        var empty = await SaveAsync(client, "   ", "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        var doc = await Forms.ReadAsync(empty);
        Assert.Equal("#f-name", doc.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("Error: Enter a name for the valuation.", doc.QuerySelector("#f-name-error")!.TextContent);
        var retry = Forms.FindForm(doc, "Save")!;
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(client, "/valuations", retry, new() { ["Name"] = "IT services" })).StatusCode);

        var other = await SaveAsync(client, "it services", "", "TCS");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("Error: You already have a valuation called “IT services”, of INFY. Choose another name.",
            (await Forms.ReadAsync(other)).QuerySelector("#f-name-error")!.TextContent);
        Assert.Equal(1, await ScalarAsync<int>("select count(*)::int from valuations where user_id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Deleting_asks_first_then_removes_the_valuation_and_its_log()
    {
        var (user, client) = await SignedInAsync();
        await SaveAsync(client, "To go", "margin=20");
        await SaveAsync(client, "To go", "margin=21");
        var id = await ScalarAsync<long>("select id from valuations where user_id = @Id", new { user.Id });

        var (_, confirm) = await Html.GetAsync(client, $"/valuations?delete={id}");
        Assert.Equal("Delete “To go”?", confirm.QuerySelector("#confirm-heading")!.TextContent);
        var deleted = await Forms.SubmitAsync(client, "/valuations", Forms.FindForm(confirm, "Delete")!, []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var (_, list) = await Html.GetAsync(client, "/valuations");
        Assert.Equal("Deleted the valuation “To go” and its change log.", list.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("You have no saved valuations yet.", list.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync<int>("select count(*)::int from valuation_changes where valuation_id = @id", new { id }));
    }

    [Fact]
    public async Task Another_users_valuation_is_a_404_to_view_save_over_or_delete_and_nothing_of_it_changes()
    {
        var (alice, aliceClient) = await SignedInAsync();
        await SaveAsync(aliceClient, "Alice's secret case", "margin=33");
        var theirs = await ScalarAsync<long>("select id from valuations where user_id = @Id", new { alice.Id });
        var before = await SnapshotAsync(theirs);
        var (bobUser, bob) = await SignedInAsync();
        await SaveAsync(bob, "Bob's case", "margin=20");
        var missing = theirs + 1_000_000;

        var (_, list) = await Html.GetAsync(bob, "/valuations");
        Assert.DoesNotContain("Alice", list.DocumentElement.TextContent, StringComparison.Ordinal);
        foreach (var id in new[] { theirs, missing })
        {
            foreach (var url in new[] { $"/valuations/{id}", $"/valuations?delete={id}", $"/stocks/INFY/dcf?valuation={id}" })
            {
                var response = await bob.GetAsync(url, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
                Assert.DoesNotContain("Alice", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
            // Bob's own forms, carrying his token, with Alice's id put in.
            var save = await SaveAsync(bob, "Taken over", "margin=1", id: id);
            Assert.True(save.StatusCode == HttpStatusCode.NotFound, $"Save over {id} answered {(int)save.StatusCode}");
            var mine = await ScalarAsync<long>("select id from valuations where user_id = @Id", new { bobUser.Id });
            var (_, confirm) = await Html.GetAsync(bob, $"/valuations?delete={mine}");
            var delete = await Forms.SubmitAsync(bob, "/valuations", Forms.FindForm(confirm, "Delete")!, new() { ["id"] = $"{id}" });
            Assert.True(delete.StatusCode == HttpStatusCode.NotFound, $"Delete of {id} answered {(int)delete.StatusCode}");
        }
        Assert.Equal(before, await SnapshotAsync(theirs));
        Assert.Equal(0, await ScalarAsync<int>("select count(*)::int from valuation_changes where valuation_id = @theirs", new { theirs }));
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_refused_and_change_nothing()
    {
        var (user, client) = await SignedInAsync();
        await SaveAsync(client, "Guarded", "margin=20");
        var id = await ScalarAsync<long>("select id from valuations where user_id = @Id", new { user.Id });
        var before = await SnapshotAsync(id);

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Save", new() { ["symbol"] = "INFY", ["Name"] = "Guarded", ["margin"] = "30" }),
            ("Save", new() { ["symbol"] = "INFY", ["Name"] = "Forged" }),
            ("Delete", new() { ["id"] = $"{id}" }),
        })
        {
            var response = await client.PostAsync("/valuations?handler=" + handler, new FormUrlEncodedContent(fields), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{handler} answered {(int)response.StatusCode}");
        }
        Assert.Equal(before, await SnapshotAsync(id));
        Assert.Equal(1, await ScalarAsync<int>("select count(*)::int from valuations where user_id = @Id", new { user.Id }));
    }

    // ---- helpers ----

    private async Task<(TestUser User, HttpClient Client)> SignedInAsync()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        return (user, await TestUsers.SignedInClientAsync(app, user));
    }

    /// <summary>Submits the DCF page's own save form for these inputs, as a browser would.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string name, string query, string symbol = "INFY", long? id = null)
    {
        var (_, page) = await Html.GetAsync(client, $"/stocks/{symbol}/dcf?{query}");
        var form = Forms.FindForm(page, "Save") ?? throw new InvalidOperationException("No save form on the DCF page.");
        var fields = new Dictionary<string, string> { ["Name"] = name };
        if (id is { } forced)
        {
            fields["id"] = $"{forced}";
        }
        return await Forms.SubmitAsync(client, $"/stocks/{symbol}/dcf", form, fields);
    }

    private static IElement Link(IElement scope, string text) =>
        scope.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith(text, StringComparison.Ordinal));

    private async Task<string> SnapshotAsync(long id)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var row = await conn.QuerySingleAsync<(string Name, string Inputs, DateTime UpdatedAt)>(
            "select name, inputs::text, updated_at from valuations where id = @id", new { id });
        return $"{row.Name} | {row.Inputs} | {row.UpdatedAt:O}";
    }

    private async Task<T> ScalarAsync<T>(string sql, object param)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        return (await conn.ExecuteScalarAsync<T>(sql, param))!;
    }
}
