using System.Net;
using AngleSharp.Dom;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StockVision.Engines.Screener;
using StockVision.Features.Screener;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// Saved screens over real HTTP against the real app and database. Saves post exactly what the screener's save form
/// (_SaveScreenForm) posts; the form itself is read from the page a refused save answers with.
/// </summary>
public class SavedScreenTests(AppFixture app)
{
    private const string Quality = "Return on equity > 15%\nMarket capitalization > 50,000 Cr";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_page_explains_how_to_save_a_screen_from_the_screener()
    {
        var (_, client) = await SignedInAsync();
        var (response, doc) = await Html.GetAsync(client, "/screener/saved");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Saved screens", doc.QuerySelector("h1")!.TextContent);
        var empty = doc.QuerySelector(".empty")!;
        Assert.Contains("You have no saved screens yet.", empty.TextContent, StringComparison.Ordinal);
        Assert.Contains("Save screen", empty.TextContent, StringComparison.Ordinal);
        Assert.Equal("/screener", empty.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(doc.QuerySelector("main table"));
    }

    [Fact]
    public async Task A_saved_screen_is_listed_with_its_conditions_a_run_link_and_IST_times()
    {
        var (user, client) = await SignedInAsync();

        var saved = await SaveAsync(client, "  Quality   large caps ", Quality.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/screener/saved", saved.Headers.Location!.OriginalString);
        var (_, doc) = await Html.GetAsync(client, "/screener/saved");
        Assert.Equal("Saved “Quality large caps”.", doc.QuerySelector("[role=status]")!.TextContent);
        var row = Assert.Single(doc.QuerySelectorAll("tbody tr"));
        Assert.Equal("Quality large caps", row.QuerySelector("th[scope=row]")!.TextContent);
        Assert.Equal(Quality, row.QuerySelector("td pre code")!.TextContent);
        var run = Link(row, "Run");
        Assert.Equal("/screener?q=Return%20on%20equity%20%3E%2015%25%0AMarket%20capitalization%20%3E%2050%2C000%20Cr", run.GetAttribute("href"));
        Assert.Equal("Run “Quality large caps”", run.TextContent);
        Assert.Equal("Off", row.QuerySelectorAll("td")[1].QuerySelector("span")!.TextContent);
        Assert.All(row.QuerySelectorAll("td time"), t => Assert.EndsWith(" IST", t.TextContent, StringComparison.Ordinal));
        Assert.Equal("Your 1 saved screen, most recently changed first; times in IST", doc.QuerySelector("caption")!.TextContent);

        var stored = await QuerySingleAsync<(long UserId, string Name, string Query, bool Notify)>(
            "select user_id, name, query, notify from saved_screens where user_id = @Id", new { user.Id });
        Assert.Equal((user.Id, "Quality large caps", Quality, false), stored);
        // After a reload the flash is gone.
        var (_, again) = await Html.GetAsync(client, "/screener/saved");
        Assert.Null(again.QuerySelector("[role=status]"));
    }

    [Fact]
    public async Task The_save_form_after_a_refusal_carries_the_query_and_saves_with_notify_on()
    {
        var (user, client) = await SignedInAsync();

        var refused = await SaveAsync(client, "   ", Quality);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var doc = await Forms.ReadAsync(refused);
        Assert.Equal("#f-name", doc.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("Error: Enter a name for the screen.", doc.QuerySelector("#f-name-error")!.TextContent);
        var form = Forms.FindForm(doc, "Save")!;
        Assert.Equal("/screener/saved?handler=Save", form.GetAttribute("action"));
        Assert.Equal(Quality, form.QuerySelector("input[type=hidden][name=q]")!.GetAttribute("value"));
        Assert.NotEmpty(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        Assert.Equal("Name this screen", form.QuerySelector("label[for=f-name]")!.TextContent);
        Assert.Equal("true", form.QuerySelector("#f-name")!.GetAttribute("aria-invalid"));
        Assert.Equal("Notify me when a company enters or leaves this screen", form.QuerySelector("label[for=f-notify]")!.TextContent);
        Assert.Equal("checkbox", form.QuerySelector("#f-notify")!.GetAttribute("type"));
        Assert.Equal("Save screen", form.QuerySelector("button[type=submit]")!.TextContent);
        Assert.Equal(0, await CountAsync(user.Id));

        var saved = await Forms.SubmitAsync(client, "/screener/saved", form, new() { ["Name"] = "ROE picks", ["Notify"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await ScalarAsync<bool>("select notify from saved_screens where user_id = @Id and name = 'ROE picks'", new { user.Id }));
    }

    [Fact]
    public void The_save_form_offers_signed_out_visitors_a_sign_in_link_back_to_their_screen()
    {
        var html = RenderSaveFormSignedOut(new SaveScreenForm(Quality));

        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in to save this screen</a>", html, StringComparison.Ordinal);
        var href = "/account/login?returnUrl=" + Uri.EscapeDataString("/screener?q=" + Uri.EscapeDataString(Quality));
        Assert.Contains($"href=\"{href.Replace("&", "&amp;", StringComparison.Ordinal)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_that_does_not_compile_is_refused_with_its_line_and_column_and_nothing_is_stored()
    {
        var (user, client) = await SignedInAsync();
        const string broken = "Return on equity > 15%\nMarket capitalisaton > 50,000 Cr";
        var expected = ScreenCompiler.Compile(broken, RatioCatalogue.Default).Error!;
        Assert.Equal(2, expected.Span.Line);

        var refused = await SaveAsync(client, "Typo", broken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var doc = await Forms.ReadAsync(refused);
        var summary = doc.QuerySelector(".error-summary[role=alert]")!.TextContent;
        Assert.Contains($"Line 2, column {expected.Span.Column}: {expected.Message}", summary, StringComparison.Ordinal);
        Assert.Contains(expected.ToString(), doc.QuerySelector("#query-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(expected.Caret(broken), doc.QuerySelector("#refused-heading ~ pre code")!.TextContent);
        Assert.Equal("/screener?q=" + Uri.EscapeDataString(broken), Link(doc.QuerySelector("main")!, "Back to this screen in the screener").GetAttribute("href"));
        Assert.Null(Forms.FindForm(doc, "Save"));

        var empty = await SaveAsync(client, "Nothing", " \n ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("There is no screen to save", (await Forms.ReadAsync(empty)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        var huge = await SaveAsync(client, "Huge", "Return on equity > 15%\n" + new string(' ', 1990) + "and Return on equity < 90%");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, huge.StatusCode);
        Assert.Contains("at most 2,000 characters", (await Forms.ReadAsync(huge)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(user.Id));
    }

    [Fact]
    public async Task Names_are_required_at_most_80_characters_and_unique_in_any_case()
    {
        var (user, client) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, "Quality large caps", Quality)).StatusCode);

        var tooLong = await SaveAsync(client, new string('x', 81), Quality);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal("Error: Use at most 80 characters for the name (this one has 81).", (await Forms.ReadAsync(tooLong)).QuerySelector("#f-name-error")!.TextContent);

        var duplicate = await SaveAsync(client, "QUALITY  LARGE caps", "Return on equity > 20%");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        var doc = await Forms.ReadAsync(duplicate);
        Assert.Equal("Error: You already have a screen called “Quality large caps”. Choose another name.", doc.QuerySelector("#f-name-error")!.TextContent);
        Assert.Equal("QUALITY LARGE caps", doc.QuerySelector("#f-name")!.GetAttribute("value"));
        Assert.Equal("Return on equity > 20%", Forms.FindForm(doc, "Save")!.QuerySelector("input[name=q]")!.GetAttribute("value"));
        Assert.Equal(1, await CountAsync(user.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, new string('y', 80), Quality)).StatusCode);
        Assert.Equal(2, await CountAsync(user.Id));

        // Control characters in a name become spaces, like any other run of whitespace.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, "Tab\tand\u0007bell", Quality)).StatusCode);
        Assert.Equal(1, await ScalarAsync<int>("select count(*)::int from saved_screens where user_id = @Id and name = 'Tab and bell'", new { user.Id }));
    }

    [Fact]
    public async Task Renaming_shows_the_form_in_place_and_refuses_a_name_in_use_in_any_case()
    {
        var (_, client) = await SignedInAsync();
        var id = await SaveOkAsync(client, "Autos", "Return on equity > 12%");
        await SaveOkAsync(client, "Pharma", "Return on equity > 18%");

        var (_, index) = await Html.GetAsync(client, "/screener/saved");
        Assert.Null(Forms.FindForm(index, "Rename"));
        var ask = Link(Row(index, id), "Rename").GetAttribute("href")!;
        Assert.Equal($"/screener/saved?rename={id}#rename-heading", ask);
        var (_, renameState) = await Html.GetAsync(client, ask);
        Assert.Equal("Rename “Autos”", renameState.QuerySelector("#rename-heading")!.TextContent);
        Assert.Equal("Autos", renameState.QuerySelector("#f-newname")!.GetAttribute("value"));

        var taken = await Forms.SubmitAsync(client, ask, Forms.FindForm(renameState, "Rename")!, new() { ["NewName"] = "PHARMA" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        var takenDoc = await Forms.ReadAsync(taken);
        Assert.Equal("Error: You already have a screen called “Pharma”. Choose another name.", takenDoc.QuerySelector("#f-newname-error")!.TextContent);
        Assert.Equal("Rename “Autos”", takenDoc.QuerySelector("#rename-heading")!.TextContent);
        Assert.Equal("Autos", await ScalarAsync<string>("select name from saved_screens where id = @id", new { id }));

        var blank = await Forms.SubmitAsync(client, ask, Forms.FindForm(renameState, "Rename")!, new() { ["NewName"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);

        // Changing only the case of a screen's own name is not a clash with itself.
        var renamed = await Forms.SubmitAsync(client, ask, Forms.FindForm(renameState, "Rename")!, new() { ["NewName"] = " AUTOS  and EVs " });
        Assert.Equal("/screener/saved", renamed.Headers.Location!.OriginalString);
        var (_, after) = await Html.GetAsync(client, "/screener/saved");
        Assert.Equal("Renamed the screen to “AUTOS and EVs”.", after.QuerySelector("[role=status]")!.TextContent);
        // The rename makes it the most recently changed.
        Assert.Equal(["AUTOS and EVs", "Pharma"], after.QuerySelectorAll("tbody th").Select(th => th.TextContent));
    }

    [Fact]
    public async Task Notify_toggles_on_and_off_and_persists()
    {
        var (_, client) = await SignedInAsync();
        var id = await SaveOkAsync(client, "Watch me", Quality);

        var on = await SubmitRowAsync(client, id, "Notify", "Turn on notifications for “Watch me”");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.True(await ScalarAsync<bool>("select notify from saved_screens where id = @id", new { id }));
        var (_, page) = await Html.GetAsync(client, "/screener/saved");
        Assert.Equal("You will be notified when a company enters or leaves “Watch me”.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("On", Row(page, id).QuerySelectorAll("td")[1].QuerySelector("span")!.TextContent);

        await SubmitRowAsync(client, id, "Notify", "Turn off notifications for “Watch me”");
        Assert.False(await ScalarAsync<bool>("select notify from saved_screens where id = @id", new { id }));
        var (_, off) = await Html.GetAsync(client, "/screener/saved");
        Assert.Equal("Notifications for “Watch me” are off.", off.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task Deleting_asks_first_then_removes_the_screen()
    {
        var (user, client) = await SignedInAsync();
        var id = await SaveOkAsync(client, "Short-lived", Quality);

        var (_, index) = await Html.GetAsync(client, "/screener/saved");
        Assert.Null(Forms.FindForm(index, "Delete"));
        var (_, confirm) = await Html.GetAsync(client, Link(Row(index, id), "Delete").GetAttribute("href")!);
        Assert.Equal("Delete “Short-lived”?", confirm.QuerySelector("#confirm-heading")!.TextContent);
        Assert.Equal(Quality, confirm.QuerySelector(".confirm pre code")!.TextContent);
        Assert.Equal(1, await CountAsync(user.Id));

        var deleted = await Forms.SubmitAsync(client, "/screener/saved", Forms.FindForm(confirm, "Delete")!, []);
        Assert.Equal("/screener/saved", deleted.Headers.Location!.OriginalString);
        var (_, after) = await Html.GetAsync(client, "/screener/saved");
        Assert.Equal("Deleted the screen “Short-lived”.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(0, await CountAsync(user.Id));
    }

    [Fact]
    public async Task A_user_keeps_at_most_50_screens()
    {
        var (user, client) = await SignedInAsync();
        await ExecuteAsync("""
            insert into saved_screens (user_id, name, query)
            select @Id, 'Screen ' || n, 'Return on equity > ' || n || '%' from generate_series(1, 49) n
            """, new { user.Id });
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, "The fiftieth", Quality)).StatusCode);

        var refused = await SaveAsync(client, "One too many", Quality);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var doc = await Forms.ReadAsync(refused);
        Assert.Contains("You have 50 saved screens, the most StockVision keeps", doc.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, await CountAsync(user.Id));
        Assert.Equal(50, doc.QuerySelectorAll("tbody tr").Length);
    }

    // ---- authorization ----

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in_for_every_get_and_post()
    {
        using var client = app.CreateClient(followRedirects: false);
        foreach (var url in new[] { "/screener/saved", "/screener/saved?rename=1", "/screener/saved?delete=1" })
        {
            var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login?returnUrl=" + Uri.EscapeDataString(url), response.Headers.Location!.OriginalString);
        }
        foreach (var handler in new[] { "Save", "Rename", "Notify", "Delete" })
        {
            var url = "/screener/saved?handler=" + handler;
            var post = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "1", ["q"] = Quality, ["Name"] = "x" }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Equal("/account/login?returnUrl=" + Uri.EscapeDataString(url), post.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_refused_and_change_nothing()
    {
        var (user, client) = await SignedInAsync();
        var id = await SaveOkAsync(client, "Guarded", Quality);
        var before = await SnapshotAsync(id);

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Save", new() { ["q"] = Quality, ["Name"] = "Forged" }),
            ("Rename", new() { ["id"] = $"{id}", ["NewName"] = "Forged" }),
            ("Notify", new() { ["id"] = $"{id}", ["on"] = "true" }),
            ("Delete", new() { ["id"] = $"{id}" }),
        })
        {
            var response = await client.PostAsync("/screener/saved?handler=" + handler, new FormUrlEncodedContent(fields), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{handler} answered {(int)response.StatusCode}");
        }
        Assert.Equal(before, await SnapshotAsync(id));
        Assert.Equal(1, await CountAsync(user.Id));
    }

    [Fact]
    public async Task Another_users_screen_is_a_404_everywhere_and_nothing_of_it_changes()
    {
        var (_, alice) = await SignedInAsync();
        var theirs = await SaveOkAsync(alice, "Alice's secret screen", "Return on equity > 33%");
        var before = await SnapshotAsync(theirs);
        var (_, bob) = await SignedInAsync();
        var mine = await SaveOkAsync(bob, "Bob's screen", Quality);
        var missing = theirs + 1_000_000;

        // Bob's list shows his screen only: no name, conditions or run link of Alice's.
        var (_, list) = await Html.GetAsync(bob, "/screener/saved");
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Equal("Bob's screen", row.QuerySelector("th")!.TextContent);
        Assert.DoesNotContain("Alice", list.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(list.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("33%25", StringComparison.Ordinal));

        foreach (var id in new[] { theirs, missing })
        {
            foreach (var state in new[] { "rename", "delete" })
            {
                var response = await bob.GetAsync($"/screener/saved?{state}={id}", Ct);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"?{state}={id} answered {(int)response.StatusCode}");
                Assert.DoesNotContain("Alice", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
            // Bob's own forms, carrying his token, with Alice's id put in.
            var (_, renameState) = await Html.GetAsync(bob, $"/screener/saved?rename={mine}");
            var (_, deleteState) = await Html.GetAsync(bob, $"/screener/saved?delete={mine}");
            var posts = new (string Handler, IElement Form, Dictionary<string, string> Fields)[]
            {
                ("Rename", Forms.FindForm(renameState, "Rename")!, new() { ["id"] = $"{id}", ["NewName"] = "Taken over" }),
                ("Rename with an invalid name", Forms.FindForm(renameState, "Rename")!, new() { ["id"] = $"{id}", ["NewName"] = "" }),
                ("Notify on", RowForm(deleteState, "Notify", mine), new() { ["id"] = $"{id}", ["on"] = "true" }),
                ("Notify off", RowForm(deleteState, "Notify", mine), new() { ["id"] = $"{id}", ["on"] = "false" }),
                ("Delete", Forms.FindForm(deleteState, "Delete")!, new() { ["id"] = $"{id}" }),
            };
            foreach (var (handler, form, fields) in posts)
            {
                var response = await Forms.SubmitAsync(bob, "/screener/saved", form, fields);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler} of {id} answered {(int)response.StatusCode}");
            }
        }
        Assert.Equal(before, await SnapshotAsync(theirs));
        Assert.Equal("Bob's screen", await ScalarAsync<string>("select name from saved_screens where id = @mine", new { mine }));
    }

    // ---- helpers ----

    private async Task<(TestUser User, HttpClient Client)> SignedInAsync()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        return (user, await TestUsers.SignedInClientAsync(app, user));
    }

    /// <summary>
    /// Posts what the screener page's save form posts. The screener page is not part of this feature, so the
    /// antiforgery token comes from the saved screens page (the layout's sign-out form carries one).
    /// </summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string name, string query, bool notify = false)
    {
        var (_, page) = await Html.GetAsync(client, "/screener/saved");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["q"] = query, ["Name"] = name };
        if (notify)
        {
            fields["Notify"] = "true";
        }
        return await client.PostAsync("/screener/saved?handler=Save", new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>Saves a screen and returns its id, read from its row on the saved screens page.</summary>
    private static async Task<long> SaveOkAsync(HttpClient client, string name, string query)
    {
        var response = await SaveAsync(client, name, query);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await Html.GetAsync(client, "/screener/saved");
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == name);
        return long.Parse(row.Id!["screen-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> SubmitRowAsync(HttpClient client, long id, string handler, string button)
    {
        var (_, page) = await Html.GetAsync(client, "/screener/saved");
        var form = RowForm(page, handler, id);
        Assert.Equal(button, form.QuerySelector("button")!.TextContent);
        return await Forms.SubmitAsync(client, "/screener/saved", form, []);
    }

    private static IElement Row(IDocument doc, long id) => doc.QuerySelector($"tbody tr#screen-{id}")!;

    private static IElement RowForm(IDocument doc, string handler, long id) =>
        Row(doc, id).QuerySelectorAll("form[method=post]").Single(f =>
            (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal)
            && f.QuerySelector("input[name=id]")?.GetAttribute("value") == $"{id}");

    private static IElement Link(IElement scope, string text) =>
        scope.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith(text, StringComparison.Ordinal));

    /// <summary>Renders the save form as the screener page would for a visitor who is not signed in.</summary>
    private string RenderSaveFormSignedOut(SaveScreenForm model)
    {
        using var scope = app.Factory.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var engine = scope.ServiceProvider.GetRequiredService<IRazorViewEngine>();
        var view = engine.GetView(null, "/Features/Screener/_SaveScreenForm.cshtml", isMainPage: false).EnsureSuccessful([]).View;
        using var writer = new StringWriter();
        var viewData = new ViewDataDictionary<SaveScreenForm>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        var tempData = new TempDataDictionary(http, scope.ServiceProvider.GetRequiredService<ITempDataProvider>());
        view!.RenderAsync(new ViewContext(action, view, viewData, tempData, writer, new HtmlHelperOptions())).GetAwaiter().GetResult();
        return writer.ToString();
    }

    private Task<int> CountAsync(long userId) => ScalarAsync<int>("select count(*)::int from saved_screens where user_id = @userId", new { userId });

    private async Task<string> SnapshotAsync(long id)
    {
        var row = await QuerySingleAsync<(string Name, string Query, bool Notify, DateTime UpdatedAt)>(
            "select name, query, notify, updated_at from saved_screens where id = @id", new { id });
        return $"{row.Name} | {row.Query} | {row.Notify} | {row.UpdatedAt:O}";
    }

    private async Task<T> QuerySingleAsync<T>(string sql, object param)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        return await conn.QuerySingleAsync<T>(sql, param);
    }

    private async Task<T> ScalarAsync<T>(string sql, object param)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        return (await conn.ExecuteScalarAsync<T>(sql, param))!;
    }

    private async Task ExecuteAsync(string sql, object param)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.ExecuteAsync(sql, param);
    }
}
