using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Security;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

public sealed class SessionsModel(SessionStore sessions, SessionCookies cookies) : PageModel
{
    public IReadOnlyList<ActiveSession> Rows { get; private set; } = [];
    public Guid Current { get; private set; }

    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = User.SessionId();
        Rows = await sessions.ListAsync(User.UserId(), ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        // The WHERE clause carries the user id: a session id belonging to someone else revokes nothing.
        var revoked = await sessions.RevokeAsync(User.UserId(), id, "revoked_by_user", HttpContext, ct);
        if (revoked && id == User.SessionId())
        {
            cookies.Clear(Response);
            return Redirect("/account/login?Done=signed-out");
        }
        Message = revoked ? "That session has been signed out." : "That session had already ended.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeOthersAsync(CancellationToken ct)
    {
        var count = await sessions.RevokeAllAsync(User.UserId(), User.SessionId(), "signed_out_everywhere_else", HttpContext, ct);
        Message = count switch
        {
            0 => "There were no other sessions to sign out.",
            1 => "Signed out 1 other session.",
            _ => $"Signed out {count} other sessions.",
        };
        return RedirectToPage();
    }

    public static string Device(string? userAgent) => UserAgentSummary.Describe(userAgent);
}
