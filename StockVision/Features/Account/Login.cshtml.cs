using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Features.Shared;
using StockVision.Infrastructure;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInFlow flow, AccountMail mail) : FormPageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Why the visitor arrived here: signed-out, reset, verified, deleted (from our own redirects).</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public IActionResult OnGet() => User.IsSignedIn() ? LocalRedirect(SignInFlow.SafeReturnUrl(ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Accounts.EmailError(Email) is { } emailError)
        {
            AddError(nameof(Email), emailError);
        }
        if (string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Password), "Enter your password.");
        }
        if (HasErrors)
        {
            return Invalid();
        }
        var result = await flow.CheckPasswordAsync(HttpContext, "login", Email!, Password!, ct);
        switch (result.Outcome)
        {
            case PasswordOutcome.Ok:
                await flow.SignInAsync(HttpContext, result.User!, ct);
                return LocalRedirect(SignInFlow.SafeReturnUrl(ReturnUrl));
            case PasswordOutcome.NeedsSecondFactor:
                flow.BeginSecondFactor(HttpContext, result.User!);
                return Redirect("/account/two-factor?returnUrl=" + Uri.EscapeDataString(SignInFlow.SafeReturnUrl(ReturnUrl)));
            case PasswordOutcome.Throttled:
                FormError = LoginThrottle.Refuse(Response, result.Attempt);
                return Page();
            case PasswordOutcome.Locked:
                FormError = $"This account is locked until {Ist.Format(result.User!.LockedUntil!.Value)} after too many failed attempts. " +
                            "We have emailed its owner. Try again then, or reset your password.";
                return Invalid();
            case PasswordOutcome.Unverified:
                await mail.SendVerificationAsync(Request, result.User!, ct);
                FormError = $"Confirm your email address first: we have sent a new link to {result.User!.Email}.";
                return Invalid();
            case PasswordOutcome.Disabled:
                FormError = "This account has been disabled. Write to support@stockvision.local if you think this is a mistake.";
                return Invalid();
            default:
                FormError = "The email address or password is incorrect.";
                return Invalid();
        }
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
