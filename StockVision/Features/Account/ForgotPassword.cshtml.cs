using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

[AllowAnonymous]
public sealed class ForgotPasswordModel(Accounts accounts, AccountMail mail, LoginThrottle throttle, SecurityLog log) : FormPageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Accounts.EmailError(Email) is { } error)
        {
            AddError(nameof(Email), error);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var attempt = await throttle.HitAsync(HttpContext, "reset", Accounts.NormalizeEmail(Email!), ct);
        if (!attempt.Allowed)
        {
            FormError = LoginThrottle.Refuse(Response, attempt);
            return Page();
        }
        // The same reply whether or not the address has an account; only its owner's inbox can tell.
        var user = await accounts.FindByEmailAsync(Email!, ct);
        await log.WriteAsync(SecurityEvents.PasswordResetRequested, user?.Id, HttpContext, ct: ct);
        if (user is { DisabledAt: null })
        {
            await mail.SendPasswordResetAsync(Request, user, ct);
        }
        Sent = true;
        return Page();
    }
}
