using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

/// <summary>The second step of signing in, for accounts with an authenticator app.</summary>
[AllowAnonymous]
public sealed class TwoFactorModel(SignInFlow flow, Accounts accounts, LoginThrottle throttle, Pii pii) : FormPageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await flow.PendingSecondFactorAsync(HttpContext, ct) is null ? StartAgain() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await flow.PendingSecondFactorAsync(HttpContext, ct) is not { TotpSecret: { } secret } user)
        {
            return StartAgain();
        }
        if (string.IsNullOrWhiteSpace(Code))
        {
            AddError(nameof(Code), "Enter the 6-digit code from your authenticator app, or a recovery code.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var attempt = await throttle.HitAsync(HttpContext, "2fa", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        if (!attempt.Allowed)
        {
            FormError = LoginThrottle.Refuse(Response, attempt);
            return Page();
        }
        if (accounts.IsLocked(user))
        {
            FormError = $"This account is locked until {Infrastructure.Ist.Format(user.LockedUntil!.Value)} after too many failed attempts.";
            Response.StatusCode = StatusCodes.Status423Locked;
            return Page();
        }
        if (!await flow.CheckSecondFactorAsync(user, Engines.Security.Base32.Decode(pii.Unprotect(secret)), Code, ct))
        {
            await flow.FailAsync(user, HttpContext, "second_factor", ct);
            AddError(nameof(Code), "That code is not right, has expired or was already used. Enter the current code from your app.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await flow.SignInAsync(HttpContext, user, ct);
        return LocalRedirect(SignInFlow.SafeReturnUrl(ReturnUrl));
    }

    private RedirectResult StartAgain() =>
        Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(SignInFlow.SafeReturnUrl(ReturnUrl)));
}
