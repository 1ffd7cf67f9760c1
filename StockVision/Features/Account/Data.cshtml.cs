using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

/// <summary>
/// Data rights under India's Digital Personal Data Protection Act 2023 (§11 access, §12 erasure): a JSON copy of everything
/// the account owns, and deletion. Security events outlive the account under its pseudonymous subject only.
/// </summary>
public sealed class DataModel(NpgsqlDataSource db, Accounts accounts, Pii pii, SecurityLog log, SessionCookies cookies, TimeProvider clock)
    : FormPageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [BindProperty] public string? ConfirmEmail { get; set; }
    [BindProperty] public bool Understood { get; set; }

    public UserRecord Account { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Account = await accounts.GetAsync(User.UserId(), ct);

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        var user = await accounts.GetAsync(User.UserId(), ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var sessions = await conn.QueryAsync<ExportedSession>(new CommandDefinition(AccountSql.ExportSessions, new { user.Id }, cancellationToken: ct));
        var events = (await conn.QueryAsync<(DateTime OccurredAt, string EventType, string? Ip, string? UserAgent, string Details)>(
            new CommandDefinition(AccountSql.ExportEvents, new { user.Subject }, cancellationToken: ct)))
            .Select(e => new { occurred_at = e.OccurredAt, type = e.EventType, ip = e.Ip, user_agent = e.UserAgent, details = JsonDocument.Parse(e.Details).RootElement });
        var watchlistRows = await conn.QueryAsync<ExportedWatchlistRow>(new CommandDefinition(AccountSql.ExportWatchlists, new { user.Id }, cancellationToken: ct));
        var watchlists = watchlistRows.GroupBy(r => (r.Name, r.CreatedAt)).Select(g => new
        {
            name = g.Key.Name,
            created_at = g.Key.CreatedAt,
            items = g.Where(r => r.Symbol is not null).Select(r => new { symbol = r.Symbol, note = r.Note, target_price_inr = r.TargetPrice, added_at = r.AddedAt }),
        });
        var savedScreens = (await conn.QueryAsync<ExportedSavedScreen>(new CommandDefinition(AccountSql.ExportSavedScreens, new { user.Id }, cancellationToken: ct)))
            .Select(s => new { name = s.Name, query = s.Query, notify = s.Notify, created_at = s.CreatedAt, updated_at = s.UpdatedAt });
        var changes = (await conn.QueryAsync<ExportedValuationChange>(new CommandDefinition(AccountSql.ExportValuationChanges, new { user.Id }, cancellationToken: ct)))
            .ToLookup(c => c.ValuationId);
        var valuations = (await conn.QueryAsync<ExportedValuation>(new CommandDefinition(AccountSql.ExportValuations, new { user.Id }, cancellationToken: ct)))
            .Select(v => new
            {
                name = v.Name,
                symbol = v.Symbol,
                inputs = JsonDocument.Parse(v.Inputs).RootElement,
                created_at = v.CreatedAt,
                updated_at = v.UpdatedAt,
                changes = changes[v.Id].Select(c => new { changed_at = c.ChangedAt, inputs_before = JsonDocument.Parse(c.Inputs).RootElement, note = c.Note }),
            });
        var now = clock.GetUtcNow();
        var export = new
        {
            exported_at = now,
            format = "StockVision account export v1",
            account = new
            {
                subject = user.Subject,
                email = user.Email,
                display_name = user.DisplayName,
                role = user.Role,
                created_at = user.CreatedAt,
                email_verified_at = user.EmailVerifiedAt,
                phone = user.Phone is null ? null : pii.Unprotect(user.Phone),
                pan = user.Pan is null ? null : pii.Unprotect(user.Pan),
                two_factor_enabled_at = user.TotpEnabledAt,
            },
            sessions = sessions.Select(s => new
            {
                id = s.Id,
                created_at = s.CreatedAt,
                last_seen_at = s.LastSeenAt,
                expires_at = s.ExpiresAt,
                revoked_at = s.RevokedAt,
                revoked_reason = s.RevokedReason,
                ip = s.Ip,
                user_agent = s.UserAgent,
            }),
            security_events = events,
            watchlists,
            saved_screens = savedScreens,
            saved_valuations = valuations,
        };
        await log.WriteAsync(SecurityEvents.DataExported, user.Id, HttpContext, ct: ct);
        Response.Headers.CacheControl = "no-store";
        var fileName = $"stockvision-data-{Infrastructure.Ist.ToIst(now):yyyy-MM-dd}.json";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Indented), "application/json", fileName);
    }

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        Account = await accounts.GetAsync(User.UserId(), ct);
        if (Accounts.NormalizeEmail(ConfirmEmail ?? "") != Accounts.NormalizeEmail(Account.Email))
        {
            AddError(nameof(ConfirmEmail), "Type your account's email address exactly to confirm.");
        }
        if (!Understood)
        {
            AddError(nameof(Understood), "Tick the box to confirm you understand that deletion cannot be undone.");
        }
        if (HasErrors)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The event is written first, under the account's subject; deleting the row then only clears the event's user_id.
        await log.WriteAsync(conn, tx, SecurityEvents.AccountDeleted, Account.Id, HttpContext, ct: ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.Delete, new { Account.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        cookies.Clear(Response);
        return Redirect("/account/login?Done=deleted");
    }
}

public sealed record ExportedSession(Guid Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, DateTime? RevokedAt,
    string? RevokedReason, string? Ip, string? UserAgent);

public sealed record ExportedWatchlistRow(string Name, DateTime CreatedAt, string? Symbol, int? Position, string? Note, decimal? TargetPrice, DateTime? AddedAt);

public sealed record ExportedSavedScreen(string Name, string Query, bool Notify, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ExportedValuation(long Id, string Symbol, string Name, string Inputs, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ExportedValuationChange(long ValuationId, DateTime ChangedAt, string Inputs, string Note);
