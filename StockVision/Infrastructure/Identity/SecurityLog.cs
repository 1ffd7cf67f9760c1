using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace StockVision.Infrastructure.Identity;

public static class SecurityEvents
{
    public const string Registered = "registered";
    public const string EmailVerified = "email_verified";
    public const string LoginSucceeded = "login_succeeded";
    public const string LoginFailed = "login_failed";
    public const string LockedOut = "locked_out";
    public const string RateLimited = "rate_limited";
    public const string LoggedOut = "logged_out";
    public const string SessionRevoked = "session_revoked";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string PasswordChanged = "password_changed";
    public const string PasswordResetRequested = "password_reset_requested";
    public const string PasswordReset = "password_reset";
    public const string TwoFactorEnabled = "two_factor_enabled";
    public const string TwoFactorDisabled = "two_factor_disabled";
    public const string TwoFactorFailed = "two_factor_failed";
    public const string RecoveryCodesRegenerated = "recovery_codes_regenerated";
    public const string RecoveryCodeUsed = "recovery_code_used";
    public const string ReAuthenticated = "reauthenticated";
    public const string ProfileChanged = "profile_changed";
    public const string PanViewed = "pan_viewed";
    public const string DataExported = "data_exported";
    public const string AccountDeleted = "account_deleted";
    public const string AccountDisabled = "account_disabled";
    public const string AccountEnabled = "account_enabled";
}

public sealed record SecurityEvent(long Id, DateTime OccurredAt, Guid? Subject, string EventType, string? Ip, string? UserAgent, string Details);

public sealed record ChainCheck(long Events, long? FirstBrokenId);

/// <summary>
/// The append-only audit trail. Each row's hash covers its content and the previous row's hash, so editing or
/// deleting a row (the table's trigger already refuses both) breaks the chain at that row.
/// </summary>
public sealed class SecurityLog(NpgsqlDataSource db, TimeProvider clock)
{
    // One writer at a time, so every row links to the row before it.
    private const long ChainLock = 0x5356_4155_4449_5400;

    public async Task WriteAsync(string eventType, long? userId, HttpContext? http, object? details = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await WriteAsync(conn, tx, eventType, userId, http, details, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Writes inside the caller's transaction, so the event commits or rolls back with the change it records.</summary>
    public async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string eventType, long? userId, HttpContext? http,
        object? details = null, CancellationToken ct = default)
    {
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@Key)", new { Key = ChainLock }, tx, cancellationToken: ct));
        var previous = await conn.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "select hash from security_events order by id desc limit 1", transaction: tx, cancellationToken: ct));
        var subject = userId is null ? null : await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "select subject from users where id = @Id", new { Id = userId }, tx, cancellationToken: ct));
        // PostgreSQL keeps microseconds and rewrites jsonb in its own canonical form; the hash covers what it stores.
        var now = clock.GetUtcNow().UtcDateTime;
        var storedDetails = await conn.ExecuteScalarAsync<string>(new CommandDefinition(
            "select @Details::jsonb::text", new { Details = JsonSerializer.Serialize(details ?? new { }) }, tx, cancellationToken: ct));
        var row = new SecurityEvent(0, new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc),
            subject, eventType, Truncate(http?.Connection.RemoteIpAddress?.ToString(), 64),
            Truncate(http?.Request.Headers.UserAgent.ToString(), 400), storedDetails!);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "select nextval(pg_get_serial_sequence('security_events', 'id'))", transaction: tx, cancellationToken: ct));
        row = row with { Id = id };
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into security_events (id, occurred_at, user_id, subject, event_type, ip, user_agent, details, prev_hash, hash)
            overriding system value
            values (@Id, @OccurredAt, @UserId, @Subject, @EventType, @Ip, @UserAgent, @Details::jsonb, @PrevHash, @Hash)
            """, new
        {
            row.Id,
            row.OccurredAt,
            UserId = subject is null ? null : userId,
            row.Subject,
            row.EventType,
            row.Ip,
            row.UserAgent,
            row.Details,
            PrevHash = previous,
            Hash = Hash(previous, row),
        }, tx, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<SecurityEvent>> ForUserAsync(long userId, int limit, long? beforeId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SecurityEvent>(new CommandDefinition("""
            select e.id as Id, e.occurred_at as OccurredAt, e.subject as Subject, e.event_type as EventType, e.ip as Ip,
                   e.user_agent as UserAgent, e.details::text as Details
            from security_events e join users u on u.subject = e.subject
            where u.id = @UserId and (@BeforeId::bigint is null or e.id < @BeforeId)
            order by e.id desc limit @Limit
            """, new { UserId = userId, BeforeId = beforeId, Limit = limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>Recomputes the whole chain in id order and names the first row whose hash or link does not match.</summary>
    public async Task<ChainCheck> VerifyAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var reader = await conn.ExecuteReaderAsync(new CommandDefinition("""
            select id, occurred_at, subject, event_type, ip, user_agent, details::text, prev_hash, hash
            from security_events order by id
            """, cancellationToken: ct));
        byte[]? previous = null;
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            count++;
            var row = new SecurityEvent(reader.GetInt64(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
            var prev = reader.IsDBNull(7) ? null : (byte[])reader[7];
            var hash = (byte[])reader[8];
            if (!Same(prev, previous) || !hash.AsSpan().SequenceEqual(Hash(previous, row)))
            {
                return new ChainCheck(count, row.Id);
            }
            previous = hash;
        }
        return new ChainCheck(count, null);
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static byte[] Hash(byte[]? previous, SecurityEvent e)
    {
        var canonical = string.Join('\u001f', e.Id, e.OccurredAt.Ticks, e.Subject?.ToString("N") ?? "", e.EventType, e.Ip ?? "", e.UserAgent ?? "", e.Details);
        return SHA256.HashData([.. previous ?? [], .. Encoding.UTF8.GetBytes(canonical)]);
    }

    private static string? Truncate(string? s, int max) => string.IsNullOrEmpty(s) ? null : s.Length <= max ? s : s[..max];
}
