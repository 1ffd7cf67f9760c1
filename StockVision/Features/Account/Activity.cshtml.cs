using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

public sealed class ActivityModel(SecurityLog log) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<SecurityEvent> Events { get; private set; } = [];
    public long? Before { get; private set; }
    public long? Older { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken ct)
    {
        Before = before;
        var rows = await log.ForUserAsync(User.UserId(), PageSize + 1, before, ct);
        Events = rows.Take(PageSize).ToList();
        Older = rows.Count > PageSize ? Events[^1].Id : null;
    }

    public static string Describe(string eventType) => eventType switch
    {
        SecurityEvents.Registered => "Account created",
        SecurityEvents.EmailVerified => "Email address confirmed",
        SecurityEvents.LoginSucceeded => "Signed in",
        SecurityEvents.LoginFailed => "Failed sign-in",
        SecurityEvents.LockedOut => "Sign-in locked for 15 minutes",
        SecurityEvents.RateLimited => "Too many attempts refused",
        SecurityEvents.LoggedOut => "Signed out",
        SecurityEvents.SessionRevoked => "Session signed out",
        SecurityEvents.RefreshTokenReused => "Stolen session token detected; session ended",
        SecurityEvents.PasswordChanged => "Password changed",
        SecurityEvents.PasswordResetRequested => "Password reset requested",
        SecurityEvents.PasswordReset => "Password reset",
        SecurityEvents.TwoFactorEnabled => "Two-factor authentication turned on",
        SecurityEvents.TwoFactorDisabled => "Two-factor authentication turned off",
        SecurityEvents.TwoFactorFailed => "Wrong authentication code",
        SecurityEvents.RecoveryCodesRegenerated => "New recovery codes made",
        SecurityEvents.RecoveryCodeUsed => "Recovery code used",
        SecurityEvents.ReAuthenticated => "Identity confirmed for a sensitive action",
        SecurityEvents.ProfileChanged => "Profile changed",
        SecurityEvents.PanViewed => "Full PAN viewed",
        SecurityEvents.DataExported => "Data downloaded",
        SecurityEvents.AccountDisabled => "Account disabled by an administrator",
        SecurityEvents.AccountEnabled => "Account re-enabled by an administrator",
        _ => eventType.Replace('_', ' '),
    };
}
