using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StockVision.Engines.Security;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

[AllowAnonymous]
public sealed class RegisterModel(Accounts accounts, AccountMail mail, CommonPasswords common, SecurityLog log) : FormPageModel
{
    public const int DisplayNameMax = 80;

    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public PasswordCheck? Strength { get; private set; }
    public bool Sent { get; private set; }

    public IActionResult OnGet() => User.IsSignedIn() ? Redirect("/account/profile") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = DisplayName?.Trim() ?? "";
        if (name.Length == 0)
        {
            AddError(nameof(DisplayName), "Enter the name we should call you.");
        }
        else if (name.Length > DisplayNameMax)
        {
            AddError(nameof(DisplayName), $"Use at most {DisplayNameMax} characters for your name (this has {name.Length}).");
        }
        if (Accounts.EmailError(Email) is { } emailError)
        {
            AddError(nameof(Email), emailError);
        }
        Strength = PasswordPolicy.Check(Password ?? "", Email, common);
        if (Strength.Errors.Count > 0)
        {
            AddError(nameof(Password), string.Join(" ", Strength.Errors));
        }
        if (HasErrors)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        // Both branches hash a password and send one email, so the reply and its timing are the same either way.
        var hash = PasswordHasher.Hash(Password!);
        var id = await accounts.RegisterAsync(Email!, name, hash, ct);
        if (id is { } newId)
        {
            var user = await accounts.GetAsync(newId, ct);
            await log.WriteAsync(SecurityEvents.Registered, newId, HttpContext, ct: ct);
            await mail.SendVerificationAsync(Request, user, ct);
        }
        else if (await accounts.FindByEmailAsync(Email!, ct) is { } existing)
        {
            await mail.SendAlreadyRegisteredAsync(Request, existing, ct);
        }
        Sent = true;
        return Page();
    }
}
