using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// A second app instance on its own port, sharing the run's PostgreSQL and Redis with the first: sessions, revocations,
/// sign-in limits and the Data Protection key ring must hold across both, as behind a load balancer.
/// </summary>
public sealed class TwoNodeTests(AppFixture app) : IAsyncLifetime
{
    private WebApplicationFactory<Program> second = null!;
    private Uri secondAddress = null!;

    public ValueTask InitializeAsync()
    {
        second = AppFixture.CreateFactory(app.ConnectionString);
        second.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        second.StartServer();
        secondAddress = new Uri(second.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await second.DisposeAsync();

    private readonly Dictionary<HttpClient, CookieContainer> jars = [];

    private CookieContainer JarOf(HttpClient client) => jars[client];

    /// <summary>One browser talking to both nodes: cookies do not depend on the port, so both clients share the jar.</summary>
    private (HttpClient NodeA, HttpClient NodeB) Browser()
    {
        var jar = new CookieContainer();
        var ip = AppFixture.NewClientIp();
        HttpClient Client(Uri address)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = address };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
            jars[client] = jar;
            return client;
        }
        return (Client(app.BaseAddress), Client(secondAddress));
    }

    [Fact]
    public async Task A_session_made_on_one_node_works_on_the_other_and_encrypted_pii_reads_there()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        var (a, b) = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.SignInAsync(a, user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(a, "/account/profile", new() { ["Phone"] = "+91 91234 56789" }, "Phone")).StatusCode);

        var (response, profile) = await Html.GetAsync(b, "/account/profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("+91 ••••••6789", profile.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
        // An antiforgery token issued by node B validates on node A.
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(b, "/account/profile", new() { ["DisplayName"] = "Renamed on B" }, "Name")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_on_one_node_ends_the_session_on_the_other()
    {
        var user = await TestUsers.CreateAsync(app.ConnectionString);
        var (a, b) = Browser();
        await TestUsers.SignInAsync(b, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/account/sessions", TestContext.Current.CancellationToken)).StatusCode);

        // A copy of the cookies taken before signing out, as a thief would keep them.
        var copy = JarOf(a).GetCookieHeader(app.BaseAddress);

        await Forms.PostAsync(b, "/account/logout", []);
        using var thief = app.CreateClient(followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sessions");
        request.Headers.Add("Cookie", copy);
        var replayed = await thief.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
    }

    [Fact]
    public async Task The_per_address_sign_in_limit_counts_attempts_on_both_nodes()
    {
        var (a, b) = Browser();
        for (var i = 0; i < 5; i++)
        {
            var node = i % 2 == 0 ? a : b;
            Assert.Equal(HttpStatusCode.UnprocessableEntity,
                (await TestUsers.SignInAsync(node, $"spray-{i}-{Guid.NewGuid():N}@example.com", "a guessed password")).StatusCode);
        }
        var sixth = await TestUsers.SignInAsync(b, $"spray-{Guid.NewGuid():N}@example.com", "a guessed password");
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.NotNull(sixth.Headers.RetryAfter);
    }
}
