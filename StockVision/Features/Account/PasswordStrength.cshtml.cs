using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Security;
using StockVision.Features.Shared;

namespace StockVision.Features.Account;

/// <summary>The strength meter as a fragment: htmx refreshes it while the user types. Without JavaScript the form's own
/// response shows the same meter.</summary>
[AllowAnonymous]
public sealed class PasswordStrengthModel(CommonPasswords common) : PageModel
{
    public IActionResult OnGet() => NotFound();

    // The register and reset forms call the field Password, the security page NewPassword.
    public IActionResult OnPost([FromForm] string? password, [FromForm] string? newPassword, [FromForm] string? email)
    {
        Response.Headers.CacheControl = "no-store";
        var candidate = newPassword ?? password ?? "";
        var owner = email ?? (User.Identity?.IsAuthenticated == true ? User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value : null);
        return Partial("_PasswordStrength", PasswordPolicy.Check(candidate, owner, common));
    }
}

public sealed record PasswordFieldModel(Field Field, PasswordCheck? Check)
{
    public const string Hint = "At least 12 characters; 15 or more is better. A few unrelated words make a long password easy to remember.";
}
