using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StockVision.Engines.Security;

namespace StockVision.Infrastructure.Identity;

/// <summary>
/// The two session cookies. With HTTPS they carry the __Host- prefix (Secure, no Domain, Path=/); ./run.sh and the tests
/// serve plain HTTP on loopback (Security:RequireHttps=false), where a Secure cookie would never come back, so there the
/// names drop the prefix. Both are HttpOnly and SameSite=Lax: a link from another site still arrives signed in, a
/// cross-site form post does not.
/// </summary>
public sealed class SessionCookies(IOptions<IdentityOptions> options)
{
    private readonly bool secure = options.Value.RequireHttps;

    public string AccessName => secure ? "__Host-sv-at" : "sv-at";
    public string RefreshName => secure ? "__Host-sv-rt" : "sv-rt";

    public void Issue(HttpResponse response, string accessToken, DateTimeOffset accessExpires, string? refreshToken, DateTimeOffset refreshExpires)
    {
        response.Cookies.Append(AccessName, accessToken, Options(accessExpires));
        if (refreshToken is not null)
        {
            response.Cookies.Append(RefreshName, refreshToken, Options(refreshExpires));
        }
    }

    public void Clear(HttpResponse response)
    {
        response.Cookies.Delete(AccessName, Options(null));
        response.Cookies.Delete(RefreshName, Options(null));
    }

    private CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}

/// <summary>
/// Authenticates every request from the session cookies: a valid access token names a session that must still be live
/// in PostgreSQL; without one, the refresh token is rotated and fresh cookies are issued.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder,
    SessionStore sessions, SessionTokens tokens, SessionCookies cookies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "Session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var ct = Context.RequestAborted;
        if (Request.Cookies[cookies.AccessName] is { Length: > 0 } access
            && await tokens.ValidateAsync(access, ct) is { } claims)
        {
            var user = await sessions.FindActiveAsync(claims.SessionId, ct);
            if (user is not null && user.UserId == claims.UserId)
            {
                return Success(user);
            }
        }
        if (Request.Cookies[cookies.RefreshName] is not { Length: > 0 } refresh)
        {
            return AuthenticateResult.NoResult();
        }
        var result = await sessions.RefreshAsync(refresh, Context, ct);
        if (result.User is null)
        {
            cookies.Clear(Response);
            return AuthenticateResult.NoResult();
        }
        await tokens.IssueAsync(Response, result.User, result.NewRefreshToken, ct);
        return Success(result.User);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsApi(Request))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Session";
            return Task.CompletedTask;
        }
        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        var login = "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        if (Htmx.IsHtmx(Request))
        {
            // A fragment request cannot follow a redirect into a full page; htmx navigates the whole window instead.
            Response.StatusCode = StatusCodes.Status204NoContent;
            Response.Headers["HX-Redirect"] = login;
            return Task.CompletedTask;
        }
        Response.Redirect(login);
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static AuthenticateResult Success(SessionUser user) =>
        AuthenticateResult.Success(new AuthenticationTicket(IdentityClaims.Principal(user, SchemeName), SchemeName));
}

/// <summary>Issues and checks the access token, signed with a key every node shares (KeyStore).</summary>
public sealed class SessionTokens(KeyStore keys, SessionCookies cookies, TimeProvider clock, IOptions<IdentityOptions> options)
{
    public async Task<AccessClaims?> ValidateAsync(string token, CancellationToken ct) =>
        AccessToken.Validate(token, await keys.GetAsync(KeyStore.AccessTokenSigning, ct), clock.GetUtcNow());

    public async Task IssueAsync(HttpResponse response, SessionUser user, string? refreshToken, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var access = AccessToken.Create(new AccessClaims(user.UserId, user.SessionId, now, expires), await keys.GetAsync(KeyStore.AccessTokenSigning, ct));
        cookies.Issue(response, access, expires, refreshToken, new DateTimeOffset(user.ExpiresAt, TimeSpan.Zero));
    }
}
