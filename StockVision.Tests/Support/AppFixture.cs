using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(StockVision.Tests.Support.AppFixture))]

namespace StockVision.Tests.Support;

/// <summary>
/// One real app per test run: Kestrel on a real loopback port, a fresh database on the test PostgreSQL (migrated and
/// loaded by the app's own startup), Redis for the Data Protection key ring, and one headless Chromium.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright playwright = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestServers.CreateDatabaseAsync("sv_app");
        Factory = CreateFactory(ConnectionString);
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        BaseAddress = new Uri(Factory.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First());

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>The app as production runs it, on this run's servers; the same settings a second node would get.</summary>
    /// <remarks>
    /// Quote ingest is off unless a test asks for it (<c>["Market:Live:Ingest"] = "true"</c>): tests inject ticks through
    /// <c>QuoteIngest</c> so that prices are exactly what they assert.
    /// </remarks>
    public static WebApplicationFactory<Program> CreateFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production")
                .UseSetting("ConnectionStrings:Postgres", connectionString)
                .UseSetting("ConnectionStrings:Redis", TestServers.Redis)
                .UseSetting("Security:RequireHttps", "false")
                .UseSetting("Market:Live:Ingest", "false");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                b.UseSetting(key, value);
            }
        });

    /// <summary>Another node on its own loopback port; the caller disposes it.</summary>
    public static (WebApplicationFactory<Program> Factory, Uri Address) StartNode(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = CreateFactory(connectionString, settings);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return (factory, new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    /// <summary>
    /// A client with its own cookie jar and its own client address: the app trusts X-Forwarded-For from loopback, so each
    /// test counts against its own per-IP sign-in limit, as separate visitors would.
    /// </summary>
    public HttpClient CreateClient(bool followRedirects = true, string? clientIp = null) => CreateClient(BaseAddress, followRedirects, clientIp);

    public static HttpClient CreateClient(Uri baseAddress, bool followRedirects = true, string? clientIp = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp ?? NewClientIp());
        return client;
    }

    public T Services<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public static string NewClientIp() =>
        $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    /// <summary>A page in a fresh browser context: JavaScript on or off, light or dark colour scheme.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ColorScheme = scheme,
            Locale = "en-IN",
            TimezoneId = "Asia/Kolkata",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = NewClientIp() },
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await Factory.DisposeAsync();
    }
}
