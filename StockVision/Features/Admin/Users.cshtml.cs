using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using StockVision.Engines.Security;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Admin;

public sealed record AdminUserRow(long Id, string Email, string DisplayName, string Role, DateTime? EmailVerifiedAt, DateTime? DisabledAt,
    DateTime? LockedUntil, DateTime? TotpEnabledAt, string? Phone, string? Pan, DateTime CreatedAt);

[Authorize(Policy = IdentitySetup.AdminPolicy)]
public sealed class UsersModel(NpgsqlDataSource db, SessionStore sessions, SecurityLog log, Pii pii, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AdminUserRow> Rows { get; private set; } = [];
    public long Total { get; private set; }
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
    public ChainCheck Chain { get; private set; } = new(0, null);

    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var search = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim().ToLowerInvariant();
        await using var conn = await db.OpenConnectionAsync(ct);
        Total = await conn.ExecuteScalarAsync<long>(new CommandDefinition(AdminSql.Count, new { Search = search }, cancellationToken: ct));
        Rows = (await conn.QueryAsync<AdminUserRow>(new CommandDefinition(AdminSql.Users,
            new { Search = search, Limit = PageSize, Offset = (PageNumber - 1) * PageSize }, cancellationToken: ct))).ToList();
        Chain = await log.VerifyAsync(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(long id, bool disable, CancellationToken ct)
    {
        if (id == User.UserId())
        {
            Message = "You cannot disable your own account.";
            return RedirectToPage(new { Q, p = PageNumber });
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition(AdminSql.SetDisabled,
            new { Id = id, Disable = disable, Now = clock.GetUtcNow().UtcDateTime }, tx, cancellationToken: ct)) == 1;
        if (changed)
        {
            if (disable)
            {
                await sessions.RevokeAllAsync(conn, tx, id, null, SecurityEvents.AccountDisabled, HttpContext, ct);
            }
            await log.WriteAsync(conn, tx, disable ? SecurityEvents.AccountDisabled : SecurityEvents.AccountEnabled, id, HttpContext,
                new { by = User.UserId() }, ct);
        }
        await tx.CommitAsync(ct);
        Message = !changed ? "No such account." : disable ? "The account is disabled and signed out everywhere." : "The account is enabled again.";
        return RedirectToPage(new { Q, p = PageNumber });
    }

    public string MaskedPhone(AdminUserRow row) => row.Phone is null ? "—" : Phone.Mask(pii.Unprotect(row.Phone));

    public string MaskedPan(AdminUserRow row) => row.Pan is null ? "—" : Pan.Mask(pii.Unprotect(row.Pan));

    public string Status(AdminUserRow row) =>
        row.DisabledAt is not null ? "Disabled"
        : row.LockedUntil is { } until && until > clock.GetUtcNow().UtcDateTime ? "Locked until " + Infrastructure.Ist.Format(until)
        : row.EmailVerifiedAt is null ? "Email not confirmed"
        : "Active";
}
