using System.Net;
using AngleSharp.Dom;
using Dapper;
using Npgsql;
using StockVision.Engines.Security;

namespace StockVision.Tests.Support;

public sealed record TestUser(long Id, string Email, string Password);

/// <summary>
/// Accounts made straight in the database (registration has its own tests; 210,000 PBKDF2 iterations per user would
/// slow every other test), and real sign-ins through the login form.
/// </summary>
public static class TestUsers
{
    public const string Password = "a long enough test passphrase";
    private static readonly Lazy<string> Hash = new(() => PasswordHasher.Hash(Password));

    public static async Task<TestUser> CreateAsync(string connectionString, string role = "user", bool verified = true, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        await using var conn = new NpgsqlConnection(connectionString);
        var id = await conn.ExecuteScalarAsync<long>("""
            insert into users (email, email_normalized, display_name, password_hash, email_verified_at, role)
            values (@Email, lower(@Email), 'Test User', @Hash, case when @Verified then now() end, @Role)
            returning id
            """, new { Email = email, Hash = Hash.Value, Verified = verified, Role = role });
        return new TestUser(id, email, Password);
    }

    /// <summary>Signs in through /account/login and returns the response (a redirect on success).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null) =>
        await Forms.PostAsync(client, "/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            new() { ["Email"] = email, ["Password"] = password });

    public static async Task<HttpClient> SignedInClientAsync(AppFixture app, TestUser user)
    {
        var client = app.CreateClient(followRedirects: false);
        var response = await SignInAsync(client, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}

/// <summary>Submits a page's form as a browser would: its hidden fields (the antiforgery token) plus the given values.</summary>
public static class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, Dictionary<string, string> fields, string? handler = null)
    {
        var (_, doc) = await Html.GetAsync(client, pageUrl);
        var form = FindForm(doc, handler) ?? throw new InvalidOperationException($"No post form{(handler is null ? "" : " for " + handler)} on {pageUrl}.");
        return await SubmitAsync(client, pageUrl, form, fields);
    }

    public static IElement? FindForm(IDocument doc, string? handler) =>
        doc.QuerySelectorAll("main form[method=post]").FirstOrDefault(f =>
            handler is null || (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.OrdinalIgnoreCase));

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, IElement form, Dictionary<string, string> fields)
    {
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return await client.PostAsync(action, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        await Html.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
}
