using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

/// <summary>
/// Confirms a new account's address or a changed address. Opening the link only shows a button: mail scanners fetch
/// links, and a GET must not change anything.
/// </summary>
[AllowAnonymous]
public sealed class VerifyEmailModel(NpgsqlDataSource db, Accounts accounts, SecurityLog log, TimeProvider clock) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string? Purpose { get; private set; }
    public string? NewEmail { get; private set; }
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await accounts.PeekTokenAsync(Token, TokenPurpose.VerifyEmail, ct) is not null)
        {
            Purpose = TokenPurpose.VerifyEmail;
        }
        else if (await accounts.PeekTokenAsync(Token, TokenPurpose.ChangeEmail, ct) is { } change)
        {
            Purpose = TokenPurpose.ChangeEmail;
            NewEmail = change.NewEmail;
        }
        else
        {
            return Expired();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await accounts.ConsumeTokenAsync(conn, tx, Token, TokenPurpose.VerifyEmail, ct) is { } owner)
        {
            var user = await accounts.GetAsync(owner.UserId, ct);
            await conn.ExecuteAsync(new CommandDefinition(AccountSql.Verified,
                new { Id = owner.UserId, Now = now, MakeAdmin = accounts.IsBootstrapAdmin(user.Email) }, tx, cancellationToken: ct));
            await log.WriteAsync(conn, tx, SecurityEvents.EmailVerified, owner.UserId, HttpContext, ct: ct);
            await tx.CommitAsync(ct);
            return Redirect("/account/login?Done=verified");
        }
        if (await accounts.ConsumeTokenAsync(conn, tx, Token, TokenPurpose.ChangeEmail, ct) is { NewEmail: { } newEmail } change)
        {
            var normalized = Accounts.NormalizeEmail(newEmail);
            if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(AccountSql.EmailTaken,
                    new { EmailNormalized = normalized, Id = change.UserId }, tx, cancellationToken: ct)))
            {
                FormError = "Another account now uses that email address, so yours was not changed.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }
            await conn.ExecuteAsync(new CommandDefinition(AccountSql.SetEmail,
                new { Id = change.UserId, Email = newEmail, EmailNormalized = normalized, Now = now }, tx, cancellationToken: ct));
            await log.WriteAsync(conn, tx, SecurityEvents.ProfileChanged, change.UserId, HttpContext, new { field = "email" }, ct);
            await tx.CommitAsync(ct);
            Confirmed = true;
            NewEmail = newEmail;
            return Page();
        }
        return Expired();
    }

    private PageResult Expired()
    {
        FormError = "This link has expired or has already been used. Sign in to get a new one.";
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
