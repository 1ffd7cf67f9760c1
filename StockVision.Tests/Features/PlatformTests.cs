using System.Net;
using System.Text.Json;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

public class PlatformTests(AppFixture app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/stocks/RELIANCE")]
    [InlineData("/css/site.css")]
    [InlineData("/does-not-exist")]
    public async Task Security_headers_are_on_every_response(string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        string H(string name) => string.Join(",", response.Headers.TryGetValues(name, out var v) ? v : []);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, H("Content-Security-Policy"));
        foreach (var directive in new[] { "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'" })
        {
            Assert.Contains(directive, H("Content-Security-Policy"), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("unsafe-inline", H("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", H("X-Content-Type-Options"));
        Assert.Equal("DENY", H("X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", H("Referrer-Policy"));
        Assert.Contains("camera=()", H("Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HSTS_is_sent_when_a_TLS_proxy_forwarded_the_request()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("max-age=31536000; includeSubDomains", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task An_unsafe_request_without_an_antiforgery_token_is_rejected()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsync("/stocks", new FormUrlEncodedContent([new("q", "x")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/lib/htmx/htmx.min.js", "text/javascript")]
    [InlineData("/lib/htmx/ext/hx-sse.min.js", "text/javascript")]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/js/site.js", "text/javascript")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task Web_root_assets_are_served(string url, string contentType)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Content.Headers.ContentLength > 100);
    }

    [Fact]
    public async Task Vendored_htmx_is_version_4_0_1()
    {
        using var client = app.CreateClient();
        var js = await client.GetStringAsync("/lib/htmx/htmx.min.js", TestContext.Current.CancellationToken);
        Assert.Contains("4.0.1", js, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_reports_postgres_and_redis()
    {
        using var client = app.CreateClient();
        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var readyResponse = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await readyResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // This app runs no ingest leader (tests inject ticks), so its feed is stale or silent: Degraded, still 200.
        Assert.Equal(HttpStatusCode.OK, readyResponse.StatusCode);
        Assert.Matches("^(Healthy|Degraded)$", json.RootElement.GetProperty("checks").GetProperty("feed").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_container_health_probe_exits_zero_only_when_the_app_answers()
    {
        using var errors = new StringWriter();
        var up = await HealthProbe.RunAsync(["healthcheck", new Uri(app.BaseAddress, "/health/live").ToString()], errors);
        var missing = await HealthProbe.RunAsync(["healthcheck", new Uri(app.BaseAddress, "/health/nowhere").ToString()], errors);
        var down = await HealthProbe.RunAsync(["healthcheck", "http://127.0.0.1:9/health/live"], errors);

        Assert.Equal((0, 1, 1), (up, missing, down));
        Assert.Contains("answered 404", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("did not answer", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pages_get_a_friendly_404()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", doc.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_footer_says_the_bundled_prices_are_stale()
    {
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks");
        var status = doc.QuerySelector(".data-status")!;
        Assert.Contains("stale", status.ClassName, StringComparison.Ordinal);
        Assert.Contains("30 Sep 2025", status.TextContent, StringComparison.Ordinal);
    }
}
