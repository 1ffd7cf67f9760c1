using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace StockVision.Features.Account;

/// <summary>Signing out is a POST (a link or image must not sign anyone out); the GET shows the button.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInFlow flow) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await flow.SignOutAsync(HttpContext, ct);
        return Redirect("/account/login?Done=signed-out");
    }
}
