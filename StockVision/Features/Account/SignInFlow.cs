using Microsoft.AspNetCore.DataProtection;
using StockVision.Engines.Security;
using StockVision.Infrastructure;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

public enum PasswordOutcome { Throttled, Invalid, Locked, Unverified, Disabled, NeedsSecondFactor, Ok }

public sealed record PasswordResult(PasswordOutcome Outcome, UserRecord? User = null, AttemptResult Attempt = default);

/// <summary>
/// The steps of signing in shared by login, the second-factor page and re-authentication. Unknown emails and wrong
/// passwords take the same path and the same time (a dummy hash is checked), so responses do not reveal who has an account.
/// </summary>
public sealed class SignInFlow(Accounts accounts, LoginThrottle throttle, SessionStore sessions, SessionTokens tokens, SessionCookies cookies,
    SecurityLog log, IEmailSender email, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string SecondFactorCookie = "sv-2fa";
    private static readonly TimeSpan SecondFactorWindow = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector pending = protection.CreateProtector("StockVision.SecondFactor.v1").ToTimeLimitedDataProtector();

    public async Task<PasswordResult> CheckPasswordAsync(HttpContext http, string action, string emailAddress, string password, CancellationToken ct)
    {
        var normalized = Accounts.NormalizeEmail(emailAddress);
        var attempt = await throttle.HitAsync(http, action, normalized, ct);
        if (!attempt.Allowed)
        {
            await log.WriteAsync(SecurityEvents.RateLimited, null, http, new { action }, ct);
            return new PasswordResult(PasswordOutcome.Throttled, Attempt: attempt);
        }
        var user = await accounts.FindByEmailAsync(normalized, ct);
        var verification = PasswordHasher.Verify(user?.PasswordHash ?? PasswordHasher.DummyHash, password);
        if (user is null)
        {
            await log.WriteAsync(SecurityEvents.LoginFailed, null, http, new { reason = "unknown_email" }, ct);
            return new PasswordResult(PasswordOutcome.Invalid);
        }
        if (accounts.IsLocked(user))
        {
            await log.WriteAsync(SecurityEvents.LoginFailed, user.Id, http, new { reason = "locked" }, ct);
            // Only someone who knows the password learns that the account is locked.
            return new PasswordResult(verification == PasswordVerification.Failed ? PasswordOutcome.Invalid : PasswordOutcome.Locked, user);
        }
        if (verification == PasswordVerification.Failed)
        {
            await FailAsync(user, http, "password", ct);
            return new PasswordResult(PasswordOutcome.Invalid);
        }
        await accounts.RecordSuccessAsync(user.Id, verification == PasswordVerification.SuccessRehashNeeded ? PasswordHasher.Hash(password) : null, ct);
        if (user.DisabledAt is not null)
        {
            return new PasswordResult(PasswordOutcome.Disabled, user);
        }
        if (user.EmailVerifiedAt is null)
        {
            return new PasswordResult(PasswordOutcome.Unverified, user);
        }
        return new PasswordResult(user.TwoFactorEnabled ? PasswordOutcome.NeedsSecondFactor : PasswordOutcome.Ok, user);
    }

    /// <summary>Counts the failure, locks the account at the threshold and tells its owner.</summary>
    public async Task FailAsync(UserRecord user, HttpContext http, string what, CancellationToken ct)
    {
        var lockedNow = await accounts.RecordFailureAsync(user.Id, ct);
        await log.WriteAsync(what == "password" ? SecurityEvents.LoginFailed : SecurityEvents.TwoFactorFailed, user.Id, http, new { reason = what }, ct);
        if (lockedNow)
        {
            await log.WriteAsync(SecurityEvents.LockedOut, user.Id, http, new { failures = user.FailedLogins + 1 }, ct);
            await email.SendAsync(user.Email, "Your StockVision account is locked for 15 minutes",
                $"""
                Hello {user.DisplayName},

                Someone entered a wrong password or code for your StockVision account many times in a row, so we have locked
                sign-in for 15 minutes (from {Ist.Format(clock.GetUtcNow())}). The attempts came from {SessionStore.ClientIp(http) ?? "an unknown address"}.

                If this was you, wait and try again, or reset your password. If it was not, reset your password and turn on
                two-factor authentication from Account › Security.
                """, ct);
        }
    }

    public async Task SignInAsync(HttpContext http, UserRecord user, CancellationToken ct)
    {
        var issued = await sessions.CreateAsync(user.Id, http, ct);
        await tokens.IssueAsync(http.Response, issued.User, issued.RefreshToken, ct);
        http.Response.Cookies.Delete(SecondFactorCookie);
    }

    public async Task SignOutAsync(HttpContext http, CancellationToken ct)
    {
        if (http.User.IsSignedIn())
        {
            await sessions.RevokeAsync(http.User.UserId(), http.User.SessionId(), SecurityEvents.LoggedOut, http, ct);
        }
        cookies.Clear(http.Response);
    }

    public void BeginSecondFactor(HttpContext http, UserRecord user) =>
        http.Response.Cookies.Append(SecondFactorCookie,
            pending.Protect(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), SecondFactorWindow),
            new CookieOptions { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/account", IsEssential = true });

    /// <summary>The user who passed the password step in the last five minutes on this browser, if any.</summary>
    public async Task<UserRecord?> PendingSecondFactorAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.Cookies[SecondFactorCookie] is not { Length: > 0 } value)
        {
            return null;
        }
        try
        {
            return long.TryParse(pending.Unprotect(value), out var id) ? await accounts.GetAsync(id, ct) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A six-digit TOTP code, or a recovery code (used up once accepted).</summary>
    public async Task<bool> CheckSecondFactorAsync(UserRecord user, byte[] secret, string code, CancellationToken ct)
    {
        var trimmed = code.Trim();
        return trimmed.Count(char.IsDigit) == 6 && trimmed.All(c => char.IsDigit(c) || c == ' ')
            ? await accounts.UseTotpAsync(user, secret, trimmed, ct)
            : await accounts.UseRecoveryCodeAsync(user.Id, trimmed, ct);
    }

    /// <summary>Only local paths: an open redirect through the login page would lend our name to phishing.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";
}
