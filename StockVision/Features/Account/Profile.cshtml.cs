using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using StockVision.Engines.Security;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

/// <summary>Name, email, phone and PAN. Phone and PAN are stored encrypted and shown masked; the full PAN needs a fresh sign-in.</summary>
public sealed class ProfileModel(NpgsqlDataSource db, Accounts accounts, AccountMail mail, Pii pii, SecurityLog log) : FormPageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Pan { get; set; }
    [BindProperty] public string? NewEmail { get; set; }

    public UserRecord Account { get; private set; } = null!;
    public string? MaskedPhone { get; private set; }
    public string? MaskedPan { get; private set; }
    public string? FullPan { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostNameAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var name = DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > RegisterModel.DisplayNameMax)
        {
            AddError(nameof(DisplayName), name.Length == 0 ? "Enter the name we should call you." : $"Use at most {RegisterModel.DisplayNameMax} characters.");
            return Invalid();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.SetDisplayName, new { Account.Id, DisplayName = name }, cancellationToken: ct));
        return await SavedAsync("name", "Your name has been saved.", ct);
    }

    public async Task<IActionResult> OnPostPhoneAsync(bool remove, CancellationToken ct)
    {
        await LoadAsync(ct);
        string? stored = null;
        if (!remove)
        {
            if (!Engines.Security.Phone.TryNormalise(Phone, out var e164, out var error))
            {
                AddError(nameof(Phone), error!);
                return Invalid();
            }
            stored = pii.Protect(e164);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.SetPhone, new { Account.Id, Phone = stored }, cancellationToken: ct));
        return await SavedAsync("phone", remove ? "Your phone number has been removed." : "Your phone number has been saved.", ct);
    }

    public async Task<IActionResult> OnPostPanAsync(bool remove, CancellationToken ct)
    {
        await LoadAsync(ct);
        string? stored = null;
        byte[]? index = null;
        if (!remove)
        {
            if (!Engines.Security.Pan.TryNormalise(Pan, out var pan, out var error))
            {
                AddError(nameof(Pan), error!);
                return Invalid();
            }
            index = await pii.PanIndexAsync(pan, ct);
            await using var check = await db.OpenConnectionAsync(ct);
            if (await check.ExecuteScalarAsync<bool>(new CommandDefinition(AccountSql.PanTaken, new { PanIndex = index, Account.Id }, cancellationToken: ct)))
            {
                AddError(nameof(Pan), "This PAN is already linked to another StockVision account. Write to support if it is yours.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }
            stored = pii.Protect(pan);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(AccountSql.SetPan, new { Account.Id, Pan = stored, PanIndex = index }, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            AddError(nameof(Pan), "This PAN is already linked to another StockVision account. Write to support if it is yours.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return await SavedAsync("pan", remove ? "Your PAN has been removed." : "Your PAN has been saved.", ct);
    }

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostRevealPanAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Account.Pan is { } pan)
        {
            FullPan = pii.Unprotect(pan);
            await log.WriteAsync(SecurityEvents.PanViewed, Account.Id, HttpContext, ct: ct);
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostEmailAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Accounts.EmailError(NewEmail) is { } error)
        {
            AddError(nameof(NewEmail), error);
            return Invalid();
        }
        if (Accounts.NormalizeEmail(NewEmail!) == Accounts.NormalizeEmail(Account.Email))
        {
            AddError(nameof(NewEmail), "That is already your email address.");
            return Invalid();
        }
        // Whether the address is free is checked when the link is followed, so this page cannot be used to probe for accounts.
        await mail.SendEmailChangeAsync(Request, Account, NewEmail!, ct);
        Message = $"We have sent a confirmation link to {NewEmail!.Trim()}. Your email address changes when you follow it.";
        return Page();
    }

    private async Task<IActionResult> SavedAsync(string field, string message, CancellationToken ct)
    {
        await log.WriteAsync(SecurityEvents.ProfileChanged, Account.Id, HttpContext, new { field }, ct);
        await LoadAsync(ct);
        Message = message;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Account = await accounts.GetAsync(User.UserId(), ct);
        DisplayName ??= Account.DisplayName;
        MaskedPhone = Account.Phone is { } phone ? Engines.Security.Phone.Mask(pii.Unprotect(phone)) : null;
        MaskedPan = Account.Pan is { } pan ? Engines.Security.Pan.Mask(pii.Unprotect(pan)) : null;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
