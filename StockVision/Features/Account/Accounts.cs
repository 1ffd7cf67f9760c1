using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StockVision.Engines.Security;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

public sealed record UserRecord(long Id, Guid Subject, string Email, string DisplayName, string PasswordHash, DateTime? EmailVerifiedAt,
    string Role, DateTime? DisabledAt, int FailedLogins, DateTime? LockedUntil, string? TotpSecret, DateTime? TotpEnabledAt,
    long? TotpLastStep, string? Phone, string? Pan, DateTime CreatedAt)
{
    public bool TwoFactorEnabled => TotpEnabledAt is not null;
}

public static class TokenPurpose
{
    public const string VerifyEmail = "verify-email";
    public const string ResetPassword = "reset-password";
    public const string ChangeEmail = "change-email";
}

public sealed record TokenOwner(long UserId, string? NewEmail);

/// <summary>Account rows and their one-time tokens, second factors and recovery codes.</summary>
public sealed class Accounts(NpgsqlDataSource db, KeyStore keys, TimeProvider clock, IOptions<IdentityOptions> options)
{
    public const int RecoveryCodeCount = 10;
    private readonly IdentityOptions settings = options.Value;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>An address people can type and mail can reach: one @, a dotted domain, no spaces, at most 254 characters.</summary>
    public static string? EmailError(string? email)
    {
        var e = email?.Trim() ?? "";
        if (e.Length == 0)
        {
            return "Enter your email address.";
        }
        if (e.Length > 254 || e.Any(char.IsWhiteSpace) || e.Count(c => c == '@') != 1 || e.StartsWith('@')
            || e[(e.IndexOf('@') + 1)..] is not { Length: > 2 } domain || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return "Enter an email address like name@example.com.";
        }
        return null;
    }

    public async Task<UserRecord?> FindByEmailAsync(string email, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(AccountSql.ByEmail, new { Email = NormalizeEmail(email) }, cancellationToken: ct));
    }

    public async Task<UserRecord> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<UserRecord>(new CommandDefinition(AccountSql.ById, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>The new account's id, or null when the email is already registered.</summary>
    public async Task<long?> RegisterAsync(string email, string displayName, string passwordHash, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long?>(new CommandDefinition(AccountSql.Register, new
        {
            Email = email.Trim(),
            EmailNormalized = NormalizeEmail(email),
            DisplayName = displayName.Trim(),
            PasswordHash = passwordHash,
        }, cancellationToken: ct));
    }

    public async Task<string> CreateTokenAsync(long userId, string purpose, string? newEmail, CancellationToken ct)
    {
        var token = AccessToken.Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = Now();
        var lifetime = purpose == TokenPurpose.ResetPassword ? settings.PasswordResetLifetime : settings.EmailVerificationLifetime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.InsertToken, new
        {
            Hash = SessionStore.HashToken(token),
            UserId = userId,
            Purpose = purpose,
            NewEmail = newEmail,
            Now = now,
            ExpiresAt = now + lifetime,
        }, cancellationToken: ct));
        return token;
    }

    public async Task<TokenOwner?> PeekTokenAsync(string? token, string purpose, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<TokenOwner>(new CommandDefinition(AccountSql.PeekToken,
            new { Hash = SessionStore.HashToken(token), Purpose = purpose, Now = Now() }, cancellationToken: ct));
    }

    /// <summary>Marks the token used inside the caller's transaction; null when it is unknown, used or expired.</summary>
    public async Task<TokenOwner?> ConsumeTokenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string? token, string purpose, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        return await conn.QuerySingleOrDefaultAsync<TokenOwner>(new CommandDefinition(AccountSql.ConsumeToken,
            new { Hash = SessionStore.HashToken(token), Purpose = purpose, Now = Now() }, tx, cancellationToken: ct));
    }

    public bool IsBootstrapAdmin(string email) =>
        settings.AdminEmails.Any(a => NormalizeEmail(a) == NormalizeEmail(email));

    /// <summary>Counts a failed password or code; the failure that reaches the threshold locks the account. True when it locked now.</summary>
    public async Task<bool> RecordFailureAsync(long userId, CancellationToken ct)
    {
        var now = Now();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.ClearLockoutIfExpired, new { Id = userId, Now = now }, cancellationToken: ct));
        var state = await conn.QuerySingleAsync<(int FailedLogins, DateTime? LockedUntil)>(new CommandDefinition(AccountSql.Failure,
            new { Id = userId, Threshold = settings.FailuresBeforeLockout, LockUntil = now + settings.LockoutDuration }, cancellationToken: ct));
        return state.FailedLogins == settings.FailuresBeforeLockout;
    }

    public async Task RecordSuccessAsync(long userId, string? rehashed, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.Success, new { Id = userId }, cancellationToken: ct));
        if (rehashed is not null)
        {
            await conn.ExecuteAsync(new CommandDefinition(AccountSql.SetPassword, new { Id = userId, PasswordHash = rehashed }, cancellationToken: ct));
        }
    }

    public bool IsLocked(UserRecord user) => user.LockedUntil is { } until && until > Now();

    /// <summary>Accepts a TOTP code at most once: the matched time step must be later than the last one used.</summary>
    public async Task<bool> UseTotpAsync(UserRecord user, byte[] secret, string code, CancellationToken ct)
    {
        var step = Totp.Verify(secret, code, clock.GetUtcNow().ToUnixTimeSeconds(), user.TotpLastStep ?? -1);
        if (step is null)
        {
            return false;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(AccountSql.UseTotpStep, new { user.Id, Step = step }, cancellationToken: ct)) == 1;
    }

    public async Task<bool> UseRecoveryCodeAsync(long userId, string code, CancellationToken ct)
    {
        var hash = await HashRecoveryCodeAsync(code, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(AccountSql.UseRecoveryCode, new { Id = userId, Hash = hash, Now = Now() }, cancellationToken: ct)) == 1;
    }

    public async Task<int> RecoveryCodesLeftAsync(long userId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(AccountSql.RecoveryCodesLeft, new { Id = userId }, cancellationToken: ct));
    }

    /// <summary>Replaces the user's recovery codes inside the caller's transaction and returns the new plaintext codes, shown once.</summary>
    public async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long userId, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(AccountSql.DeleteRecoveryCodes, new { Id = userId }, tx, cancellationToken: ct));
        var codes = new List<string>();
        for (var i = 0; i < RecoveryCodeCount; i++)
        {
            var code = NewRecoveryCode();
            codes.Add(code);
            await conn.ExecuteAsync(new CommandDefinition(AccountSql.InsertRecoveryCode,
                new { Id = userId, Hash = await HashRecoveryCodeAsync(code, ct) }, tx, cancellationToken: ct));
        }
        return codes;
    }

    // 10 characters from a 32-letter alphabet without look-alikes (0/o, 1/l/i): 50 bits, written as two groups of five.
    private static string NewRecoveryCode()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = new char[11];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 5 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
        return new string(chars);
    }

    private async Task<byte[]> HashRecoveryCodeAsync(string code, CancellationToken ct)
    {
        var normalized = new string(code.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return HMACSHA256.HashData(await keys.GetAsync(KeyStore.RecoveryCodes, ct), Encoding.UTF8.GetBytes(normalized));
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
