namespace StockVision.Infrastructure.Identity;

internal static class SessionSql
{
    public const string Insert = """
        insert into sessions (id, user_id, created_at, last_seen_at, authenticated_at, expires_at, ip, user_agent)
        values (@Id, @UserId, @Now, @Now, @Now, @ExpiresAt, @Ip, @UserAgent)
        """;

    public const string InsertToken = """
        insert into refresh_tokens (token_hash, session_id, created_at) values (@Hash, @SessionId, @Now)
        """;

    public const string Active = """
        select s.id as SessionId, u.id as UserId, u.email as Email, u.display_name as DisplayName, u.role as Role,
               s.authenticated_at as AuthenticatedAt, s.last_seen_at as LastSeenAt, s.expires_at as ExpiresAt
        from sessions s join users u on u.id = s.user_id
        where s.id = @Id and s.revoked_at is null and s.expires_at > @Now and u.disabled_at is null
        """;

    public const string Touch = """
        update sessions set last_seen_at = @Now where id = @Id and last_seen_at < @Now
        """;

    public const string TokenForUpdate = """
        select session_id as SessionId, created_at as CreatedAt, used_at as UsedAt
        from refresh_tokens where token_hash = @Hash for update
        """;

    public const string UseToken = """
        update refresh_tokens set used_at = @Now where token_hash = @Hash
        """;

    public const string Rotated = """
        update sessions set last_seen_at = @Now, ip = @Ip, user_agent = @UserAgent where id = @Id
        """;

    public const string Revoke = """
        update sessions set revoked_at = @Now, revoked_reason = @Reason
        where id = @Id and user_id = @UserId and revoked_at is null
        """;

    public const string RevokeAllBut = """
        update sessions set revoked_at = @Now, revoked_reason = @Reason
        where user_id = @UserId and revoked_at is null and expires_at > @Now and (@Except::uuid is null or id <> @Except)
        returning id
        """;

    public const string Reauthenticated = """
        update sessions set authenticated_at = @Now where id = @Id and user_id = @UserId and revoked_at is null
        """;

    public const string ForUser = """
        select id as Id, created_at as CreatedAt, last_seen_at as LastSeenAt, expires_at as ExpiresAt, ip as Ip, user_agent as UserAgent
        from sessions
        where user_id = @UserId and revoked_at is null and expires_at > @Now
        order by last_seen_at desc
        """;
}
