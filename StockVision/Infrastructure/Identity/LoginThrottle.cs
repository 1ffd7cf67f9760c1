using Microsoft.Extensions.Options;

namespace StockVision.Infrastructure.Identity;

/// <summary>
/// Per-IP and per-account limits on password and second-factor attempts (default 5 per minute per IP, 20 per minute per
/// account). Every attempt counts, successful or not: an attacker learns nothing from which ones were throttled.
/// </summary>
public sealed class LoginThrottle(IAttemptLimiter limiter, IOptions<IdentityOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async Task<AttemptResult> HitAsync(HttpContext http, string action, string? account, CancellationToken ct)
    {
        var o = options.Value;
        var ip = SessionStore.ClientIp(http) ?? "unknown";
        var byIp = await limiter.HitAsync($"{action}:ip:{ip}", o.LoginAttemptsPerIpPerMinute, Window, ct);
        if (!byIp.Allowed || string.IsNullOrEmpty(account))
        {
            return byIp;
        }
        return await limiter.HitAsync($"{action}:account:{account}", o.LoginAttemptsPerAccountPerMinute, Window, ct);
    }

    /// <summary>Sets 429 and Retry-After (whole seconds, rounded up) and returns the sentence the page shows.</summary>
    public static string Refuse(HttpResponse response, AttemptResult result)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"Too many attempts. For your security, wait {seconds} second{(seconds == 1 ? "" : "s")} and try again.";
    }
}
