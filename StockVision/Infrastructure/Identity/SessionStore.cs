using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StockVision.Engines.Security;

namespace StockVision.Infrastructure.Identity;

/// <summary>The signed-in session as every request sees it; loaded from PostgreSQL, so a revocation on any node holds at once.</summary>
public sealed record SessionUser(Guid SessionId, long UserId, string Email, string DisplayName, string Role,
    DateTime AuthenticatedAt, DateTime LastSeenAt, DateTime ExpiresAt);

public sealed record ActiveSession(Guid Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, string? Ip, string? UserAgent);

public sealed record IssuedSession(SessionUser User, string RefreshToken);

public enum RefreshOutcome { Rotated, WithinGrace, Unknown, Expired, Reused }

public sealed record RefreshResult(RefreshOutcome Outcome, SessionUser? User = null, string? NewRefreshToken = null);

/// <summary>
/// Sessions and their refresh-token families. A refresh token is 256 random bits, stored only as its SHA-256; each use
/// retires it and issues the next. Presenting a retired token after the grace interval means two parties hold the family,
/// so the whole session is revoked (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
/// </summary>
public sealed class SessionStore(NpgsqlDataSource db, SecurityLog log, TimeProvider clock, IOptions<IdentityOptions> options)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly IdentityOptions settings = options.Value;

    public async Task<IssuedSession> CreateAsync(long userId, HttpContext http, CancellationToken ct)
    {
        var now = Now();
        var id = Guid.CreateVersion7();
        var token = NewToken();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(SessionSql.Insert, new
        {
            Id = id,
            UserId = userId,
            Now = now,
            ExpiresAt = now + settings.SessionAbsoluteLifetime,
            Ip = ClientIp(http),
            UserAgent = UserAgent(http),
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(SessionSql.InsertToken, new { Hash = HashToken(token), SessionId = id, Now = now }, tx, cancellationToken: ct));
        await log.WriteAsync(conn, tx, SecurityEvents.LoginSucceeded, userId, http, new { session = id }, ct);
        var user = await conn.QuerySingleAsync<SessionUser>(new CommandDefinition(SessionSql.Active, new { Id = id, Now = now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new IssuedSession(user, token);
    }

    /// <summary>The live session, or null when it is revoked, expired or its account disabled.</summary>
    public async Task<SessionUser?> FindActiveAsync(Guid id, CancellationToken ct)
    {
        var now = Now();
        await using var conn = await db.OpenConnectionAsync(ct);
        var user = await conn.QuerySingleOrDefaultAsync<SessionUser>(new CommandDefinition(SessionSql.Active, new { Id = id, Now = now }, cancellationToken: ct));
        if (user is not null && now - user.LastSeenAt > TouchInterval)
        {
            await conn.ExecuteAsync(new CommandDefinition(SessionSql.Touch, new { Id = id, Now = now }, cancellationToken: ct));
        }
        return user;
    }

    public async Task<RefreshResult> RefreshAsync(string token, HttpContext? http, CancellationToken ct)
    {
        var now = Now();
        var hash = HashToken(token);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var stored = await conn.QuerySingleOrDefaultAsync<StoredToken>(new CommandDefinition(SessionSql.TokenForUpdate, new { Hash = hash }, tx, cancellationToken: ct));
        if (stored is null)
        {
            return new RefreshResult(RefreshOutcome.Unknown);
        }
        var user = await conn.QuerySingleOrDefaultAsync<SessionUser>(new CommandDefinition(SessionSql.Active, new { Id = stored.SessionId, Now = now }, tx, cancellationToken: ct));
        if (user is null)
        {
            return new RefreshResult(RefreshOutcome.Expired);
        }
        if (stored.UsedAt is { } usedAt)
        {
            if (now - usedAt <= settings.RefreshReuseGrace)
            {
                await tx.CommitAsync(ct);
                return new RefreshResult(RefreshOutcome.WithinGrace, user);
            }
            await conn.ExecuteAsync(new CommandDefinition(SessionSql.Revoke,
                new { Id = user.SessionId, user.UserId, Now = now, Reason = SecurityEvents.RefreshTokenReused }, tx, cancellationToken: ct));
            await log.WriteAsync(conn, tx, SecurityEvents.RefreshTokenReused, user.UserId, http,
                new { session = user.SessionId, token_issued_at = stored.CreatedAt, token_used_at = usedAt }, ct);
            await tx.CommitAsync(ct);
            return new RefreshResult(RefreshOutcome.Reused);
        }
        if (now - stored.CreatedAt > settings.RefreshIdleLifetime)
        {
            await conn.ExecuteAsync(new CommandDefinition(SessionSql.Revoke,
                new { Id = user.SessionId, user.UserId, Now = now, Reason = "idle" }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new RefreshResult(RefreshOutcome.Expired);
        }
        var next = NewToken();
        await conn.ExecuteAsync(new CommandDefinition(SessionSql.UseToken, new { Hash = hash, Now = now }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(SessionSql.InsertToken, new { Hash = HashToken(next), user.SessionId, Now = now }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(SessionSql.Rotated,
            new { Id = user.SessionId, Now = now, Ip = ClientIp(http), UserAgent = UserAgent(http) }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new RefreshResult(RefreshOutcome.Rotated, user with { LastSeenAt = now }, next);
    }

    public async Task<bool> RevokeAsync(long userId, Guid sessionId, string reason, HttpContext? http, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var revoked = await conn.ExecuteAsync(new CommandDefinition(SessionSql.Revoke,
            new { Id = sessionId, UserId = userId, Now = Now(), Reason = reason }, tx, cancellationToken: ct)) == 1;
        if (revoked)
        {
            await log.WriteAsync(conn, tx, reason == SecurityEvents.LoggedOut ? SecurityEvents.LoggedOut : SecurityEvents.SessionRevoked,
                userId, http, new { session = sessionId, reason }, ct);
        }
        await tx.CommitAsync(ct);
        return revoked;
    }

    /// <summary>Revokes every live session of the user except <paramref name="except"/> (null: all of them).</summary>
    public async Task<int> RevokeAllAsync(long userId, Guid? except, string reason, HttpContext? http, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var count = await RevokeAllAsync(conn, tx, userId, except, reason, http, ct);
        await tx.CommitAsync(ct);
        return count;
    }

    public async Task<int> RevokeAllAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long userId, Guid? except, string reason, HttpContext? http, CancellationToken ct)
    {
        var ids = (await conn.QueryAsync<Guid>(new CommandDefinition(SessionSql.RevokeAllBut,
            new { UserId = userId, Except = except, Now = Now(), Reason = reason }, tx, cancellationToken: ct))).ToList();
        if (ids.Count > 0)
        {
            await log.WriteAsync(conn, tx, SecurityEvents.SessionRevoked, userId, http, new { sessions = ids, reason }, ct);
        }
        return ids.Count;
    }

    public async Task MarkReauthenticatedAsync(long userId, Guid sessionId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(SessionSql.Reauthenticated, new { Id = sessionId, UserId = userId, Now = Now() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ActiveSession>> ListAsync(long userId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ActiveSession>(new CommandDefinition(SessionSql.ForUser, new { UserId = userId, Now = Now() }, cancellationToken: ct))).ToList();
    }

    public static byte[] HashToken(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    public static string? ClientIp(HttpContext? http) => http?.Connection.RemoteIpAddress?.ToString();

    private static string? UserAgent(HttpContext? http) =>
        http?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 400)] : null;

    private static string NewToken() => AccessToken.Base64Url(RandomNumberGenerator.GetBytes(32));

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private sealed record StoredToken(Guid SessionId, DateTime CreatedAt, DateTime? UsedAt);
}
