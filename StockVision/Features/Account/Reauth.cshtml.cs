using Microsoft.AspNetCore.Mvc;
using StockVision.Engines.Security;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

/// <summary>Step-up: sensitive pages send the user here when their last proof of identity is older than ten minutes.</summary>
public sealed class ReauthModel(Accounts accounts, SignInFlow flow, LoginThrottle throttle, SessionStore sessions, SecurityLog log, Pii pii)
    : FormPageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool NeedsCode { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        NeedsCode = (await accounts.GetAsync(User.UserId(), ct)).TwoFactorEnabled;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await accounts.GetAsync(User.UserId(), ct);
        NeedsCode = user.TwoFactorEnabled;
        if (string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Password), "Enter your password.");
        }
        if (NeedsCode && string.IsNullOrWhiteSpace(Code))
        {
            AddError(nameof(Code), "Enter the 6-digit code from your authenticator app, or a recovery code.");
        }
        if (HasErrors)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var attempt = await throttle.HitAsync(HttpContext, "reauth", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        if (!attempt.Allowed)
        {
            FormError = LoginThrottle.Refuse(Response, attempt);
            return Page();
        }
        if (PasswordHasher.Verify(user.PasswordHash, Password!) == PasswordVerification.Failed)
        {
            await flow.FailAsync(user, HttpContext, "password", ct);
            AddError(nameof(Password), "That password is not right.");
        }
        else if (NeedsCode && !await flow.CheckSecondFactorAsync(user, Base32.Decode(pii.Unprotect(user.TotpSecret!)), Code!, ct))
        {
            await flow.FailAsync(user, HttpContext, "second_factor", ct);
            AddError(nameof(Code), "That code is not right, has expired or was already used.");
        }
        if (HasErrors)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await sessions.MarkReauthenticatedAsync(user.Id, User.SessionId(), ct);
        await log.WriteAsync(SecurityEvents.ReAuthenticated, user.Id, HttpContext, ct: ct);
        return LocalRedirect(SignInFlow.SafeReturnUrl(ReturnUrl));
    }
}
