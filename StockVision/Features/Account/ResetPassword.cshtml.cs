using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using StockVision.Engines.Security;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

[AllowAnonymous]
public sealed class ResetPasswordModel(NpgsqlDataSource db, Accounts accounts, CommonPasswords common, SessionStore sessions,
    SecurityLog log) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }

    public bool Valid { get; private set; }
    public PasswordCheck? Strength { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Valid = await accounts.PeekTokenAsync(Token, TokenPurpose.ResetPassword, ct) is not null;
        return Valid ? Page() : Expired();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await accounts.PeekTokenAsync(Token, TokenPurpose.ResetPassword, ct) is not { } owner)
        {
            return Expired();
        }
        Valid = true;
        var user = await accounts.GetAsync(owner.UserId, ct);
        Strength = PasswordPolicy.Check(Password ?? "", user.Email, common);
        if (Strength.Errors.Count > 0)
        {
            AddError(nameof(Password), string.Join(" ", Strength.Errors));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var hash = PasswordHasher.Hash(Password!);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await accounts.ConsumeTokenAsync(conn, tx, Token, TokenPurpose.ResetPassword, ct) is null)
        {
            return Expired();
        }
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.ResetPassword, new { Id = user.Id, PasswordHash = hash }, tx, cancellationToken: ct));
        await sessions.RevokeAllAsync(conn, tx, user.Id, null, SecurityEvents.PasswordReset, HttpContext, ct);
        await log.WriteAsync(conn, tx, SecurityEvents.PasswordReset, user.Id, HttpContext, ct: ct);
        await tx.CommitAsync(ct);
        return Redirect("/account/login?Done=reset");
    }

    private PageResult Expired()
    {
        Valid = false;
        FormError = "This reset link has expired or has already been used.";
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
