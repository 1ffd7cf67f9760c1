using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using StackExchange.Redis;

namespace StockVision.Infrastructure.Identity;

public static class IdentitySetup
{
    public const string AdminPolicy = "admin";

    /// <summary>
    /// Session authentication for every request, and a fallback policy that makes every endpoint require a signed-in user
    /// unless it says [AllowAnonymous] / AllowAnonymous(): forgetting to protect a new page fails closed.
    /// </summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Security");
        builder.Services.Configure<IdentityOptions>(o =>
        {
            section.Bind(o);
            o.RequireHttps = builder.Configuration.GetValue("Security:RequireHttps", !builder.Environment.IsDevelopment());
            o.OutboxPage ??= builder.Environment.IsDevelopment();
        });
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));
        builder.Services.AddSingleton<KeyStore>();
        builder.Services.AddSingleton<Pii>();
        builder.Services.AddSingleton<SecurityLog>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<SessionCookies>();
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<StepUpFilter>();
        builder.Services.AddSingleton<IAttemptLimiter>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisAttemptLimiter(redis)
            : new MemoryAttemptLimiter(sp.GetRequiredService<TimeProvider>()));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Email:Smtp:Host"]))
        {
            builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            builder.Services.AddSingleton<IEmailSender, OutboxEmailSender>();
        }

        builder.Services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            // A request that matched no endpoint is not a page to protect: it goes on to the 404 page, not to the login form.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => c.User.IsSignedIn() || c.Resource is HttpContext { } http && http.GetEndpoint() is null)
                .Build())
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole("admin"));
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<StepUpFilter>());
        return builder;
    }
}
