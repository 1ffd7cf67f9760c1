using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using StockVision.Engines.Security;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

/// <summary>Password, authenticator app and recovery codes. Every action here also needs the current password.</summary>
[RequiresRecentSignIn]
public sealed class SecurityModel(NpgsqlDataSource db, Accounts accounts, CommonPasswords common, SessionStore sessions,
    SecurityLog log, Pii pii, TimeProvider clock) : FormPageModel
{
    public const string Issuer = "StockVision";

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? SetupPassword { get; set; }
    [BindProperty] public string? SetupCode { get; set; }
    [BindProperty] public string? DisablePassword { get; set; }
    [BindProperty] public string? CodesPassword { get; set; }

    public UserRecord Account { get; private set; } = null!;
    public PasswordCheck? Strength { get; private set; }
    public string? PendingSecret { get; private set; }
    public string? QrSvg { get; private set; }
    public IReadOnlyList<string>? NewCodes { get; private set; }
    public int CodesLeft { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!PasswordMatches(CurrentPassword))
        {
            AddError(nameof(CurrentPassword), "Your current password is not right.");
        }
        Strength = PasswordPolicy.Check(NewPassword ?? "", Account.Email, common);
        if (Strength.Errors.Count > 0)
        {
            AddError(nameof(NewPassword), string.Join(" ", Strength.Errors));
        }
        if (HasErrors)
        {
            return Invalid();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.SetPassword, new { Account.Id, PasswordHash = PasswordHasher.Hash(NewPassword!) }, tx, cancellationToken: ct));
        var others = await sessions.RevokeAllAsync(conn, tx, Account.Id, User.SessionId(), SecurityEvents.PasswordChanged, HttpContext, ct);
        await log.WriteAsync(conn, tx, SecurityEvents.PasswordChanged, Account.Id, HttpContext, ct: ct);
        await tx.CommitAsync(ct);
        Strength = null;
        Message = others == 0 ? "Your password has been changed." : $"Your password has been changed and {others} other session{(others == 1 ? "" : "s")} signed out.";
        return Page();
    }

    public async Task<IActionResult> OnPostSetupAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.SetPendingTotp,
            new { Account.Id, Secret = pii.Protect(Base32.Encode(Totp.NewSecret())) }, cancellationToken: ct));
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Account.TwoFactorEnabled || PendingSecret is null)
        {
            return RedirectToPage();
        }
        if (!PasswordMatches(SetupPassword))
        {
            AddError(nameof(SetupPassword), "Your current password is not right.");
        }
        var step = string.IsNullOrWhiteSpace(SetupCode) ? null
            : Totp.Verify(Base32.Decode(PendingSecret), SetupCode, clock.GetUtcNow().ToUnixTimeSeconds(), -1);
        if (step is null)
        {
            AddError(nameof(SetupCode), string.IsNullOrWhiteSpace(SetupCode)
                ? "Enter the 6-digit code your authenticator app shows for StockVision."
                : "That code does not match. Check the app shows StockVision and enter its current 6-digit code.");
        }
        if (HasErrors)
        {
            return Invalid();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.EnableTotp, new { Account.Id, Now = clock.GetUtcNow().UtcDateTime, Step = step }, tx, cancellationToken: ct));
        NewCodes = await accounts.ReplaceRecoveryCodesAsync(conn, tx, Account.Id, ct);
        await log.WriteAsync(conn, tx, SecurityEvents.TwoFactorEnabled, Account.Id, HttpContext, ct: ct);
        await tx.CommitAsync(ct);
        await LoadAsync(ct);
        Message = "Two-factor authentication is on. Save your recovery codes now: this is the only time we show them.";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!PasswordMatches(DisablePassword))
        {
            AddError(nameof(DisablePassword), "Your current password is not right.");
            return Invalid();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.DisableTotp, new { Account.Id }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.DeleteRecoveryCodes, new { Account.Id }, tx, cancellationToken: ct));
        await log.WriteAsync(conn, tx, SecurityEvents.TwoFactorDisabled, Account.Id, HttpContext, ct: ct);
        await tx.CommitAsync(ct);
        await LoadAsync(ct);
        Message = "Two-factor authentication is off. Signing in now needs only your password.";
        return Page();
    }

    public async Task<IActionResult> OnPostCodesAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (!PasswordMatches(CodesPassword))
        {
            AddError(nameof(CodesPassword), "Your current password is not right.");
            return Invalid();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        NewCodes = await accounts.ReplaceRecoveryCodesAsync(conn, tx, Account.Id, ct);
        await log.WriteAsync(conn, tx, SecurityEvents.RecoveryCodesRegenerated, Account.Id, HttpContext, ct: ct);
        await tx.CommitAsync(ct);
        await LoadAsync(ct);
        Message = "New recovery codes made; the old ones no longer work. Save these now: this is the only time we show them.";
        return Page();
    }

    /// <summary>The codes as a text file in a data: link, so they are downloadable without being sent again or stored in plaintext.</summary>
    public string CodesDownloadHref => "data:text/plain;charset=utf-8," + Uri.EscapeDataString(
        $"StockVision recovery codes for {Account.Email}\nEach code works once.\n\n" + string.Join("\n", NewCodes ?? []) + "\n");

    public string OtpAuthUri => Totp.OtpAuthUri(Issuer, Account.Email, Base32.Decode(PendingSecret!));

    private async Task LoadAsync(CancellationToken ct)
    {
        Account = await accounts.GetAsync(User.UserId(), ct);
        CodesLeft = Account.TwoFactorEnabled ? await accounts.RecoveryCodesLeftAsync(Account.Id, ct) : 0;
        PendingSecret = !Account.TwoFactorEnabled && Account.TotpSecret is { } s ? pii.Unprotect(s) : null;
        QrSvg = PendingSecret is null ? null : QrCode.Encode(OtpAuthUri).ToSvg(4, 4, "QR code for adding StockVision to an authenticator app");
    }

    private bool PasswordMatches(string? password) =>
        !string.IsNullOrEmpty(password) && PasswordHasher.Verify(Account.PasswordHash, password) != PasswordVerification.Failed;

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
