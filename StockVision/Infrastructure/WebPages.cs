using Microsoft.Net.Http.Headers;

namespace StockVision.Infrastructure;

public static class WebPages
{
    /// <summary>
    /// Output-cache policy for pages that are the same for every anonymous visitor until market data changes: the
    /// market overview and stock pages. The default policy already skips signed-in requests and responses that set
    /// cookies; the fragment (HX-Request) and the full page are cached apart.
    /// </summary>
    public const string MarketPagesPolicy = "market-pages";
    public const string MarketDataTag = "market-data";

    /// <summary>
    /// Pages that carry a live quote at render time (stock pages): cached for a couple of seconds only, so a visitor
    /// without JavaScript who presses Refresh sees a price at most that old, and a crowd still costs one render per interval.
    /// </summary>
    public const string LivePagesPolicy = "live-pages";

    /// <summary>Screener pages change when the ratio snapshot does, which a node checks for every 30 s.</summary>
    public const string ScreenerPagesPolicy = "screener-pages";

    public static WebApplicationBuilder AddWebPages(this WebApplicationBuilder builder)
    {
        // Pages format numbers and dates explicitly (IndianFormat); nothing may depend on the server's locale.
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.Services.AddOutputCache(o =>
        {
            o.AddPolicy(MarketPagesPolicy, p => p
            .Expire(TimeSpan.FromSeconds(builder.Configuration.GetValue("Market:PageCacheSeconds", 60)))
            .SetVaryByQuery("tf")
            .SetVaryByHeader(Htmx.RequestHeader, Htmx.RequestTypeHeader)
            .Tag(MarketDataTag));
            o.AddPolicy(LivePagesPolicy, p => p
            .Expire(TimeSpan.FromSeconds(builder.Configuration.GetValue("Market:LivePageCacheSeconds", 2)))
            .SetVaryByQuery("tf")
            .SetVaryByHeader(Htmx.RequestHeader, Htmx.RequestTypeHeader)
            .Tag(MarketDataTag));
            o.AddPolicy(ScreenerPagesPolicy, p => p
            .Expire(TimeSpan.FromSeconds(builder.Configuration.GetValue("Screener:PageCacheSeconds", 30)))
            .SetVaryByQuery("q", "sort", "page", "find")
            .SetVaryByHeader(Htmx.RequestHeader, Htmx.RequestTypeHeader)
            .Tag(MarketDataTag));
        });
        // Deployments sit behind TLS. ./run.sh and the tests serve plain HTTP on loopback and say so with Security:RequireHttps=false.
        var secure = builder.Configuration.GetValue("Security:RequireHttps", !builder.Environment.IsDevelopment());
        builder.Services.AddAntiforgery(o =>
        {
            // htmx sends the token as this header on unsafe requests (wwwroot/js/site.js); plain forms post it as a field.
            o.HeaderName = "RequestVerificationToken";
            o.FormFieldName = "__RequestVerificationToken";
            // The __Host- prefix pins the cookie to this host and path, and requires Secure, so it needs HTTPS.
            o.Cookie.Name = secure ? "__Host-sv-af" : "sv-af";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            // SecurityHeaders sends X-Frame-Options: DENY, consistent with frame-ancestors 'none'.
            o.SuppressXFrameOptionsHeader = true;
        });
        return builder;
    }

    public static IApplicationBuilder UseWebStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                // Links carry ?v=<hash> (asp-append-version), so a versioned asset never changes under its URL.
                var versioned = ctx.Context.Request.Query.ContainsKey("v");
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
            },
        });

    /// <summary>Structured JSON logs for production log shippers (Logging:Format = json); the plain console otherwise.</summary>
    public static ILoggingBuilder AddJsonConsoleWhenConfigured(this ILoggingBuilder logging, IConfiguration configuration)
    {
        if (string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.ClearProviders();
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        return logging;
    }
}
