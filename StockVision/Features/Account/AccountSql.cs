namespace StockVision.Features.Account;

internal static class AccountSql
{
    private const string UserColumns = """
        id as Id, subject as Subject, email as Email, display_name as DisplayName, password_hash as PasswordHash,
        email_verified_at as EmailVerifiedAt, role as Role, disabled_at as DisabledAt, failed_logins as FailedLogins,
        locked_until as LockedUntil, totp_secret as TotpSecret, totp_enabled_at as TotpEnabledAt, totp_last_step as TotpLastStep,
        phone as Phone, pan as Pan, created_at as CreatedAt
        """;

    public const string ByEmail = "select " + UserColumns + " from users where email_normalized = @Email";

    public const string ById = "select " + UserColumns + " from users where id = @Id";

    public const string Register = """
        insert into users (email, email_normalized, display_name, password_hash)
        values (@Email, @EmailNormalized, @DisplayName, @PasswordHash)
        on conflict (email_normalized) do nothing
        returning id
        """;

    public const string InsertToken = """
        insert into one_time_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at)
        values (@Hash, @UserId, @Purpose, @NewEmail, @Now, @ExpiresAt)
        """;

    public const string PeekToken = """
        select user_id as UserId, new_email as NewEmail from one_time_tokens
        where token_hash = @Hash and purpose = @Purpose and used_at is null and expires_at > @Now
        """;

    public const string ConsumeToken = """
        update one_time_tokens set used_at = @Now
        where token_hash = @Hash and purpose = @Purpose and used_at is null and expires_at > @Now
        returning user_id as UserId, new_email as NewEmail
        """;

    public const string Verified = """
        update users set email_verified_at = coalesce(email_verified_at, @Now),
                         role = case when @MakeAdmin then 'admin' else role end
        where id = @Id
        """;

    public const string Failure = """
        update users set failed_logins = failed_logins + 1,
                         locked_until = case when failed_logins + 1 >= @Threshold then @LockUntil else locked_until end
        where id = @Id
        returning failed_logins as FailedLogins, locked_until as LockedUntil
        """;

    // A lockout that has run out starts the count afresh.
    public const string ClearLockoutIfExpired = "update users set failed_logins = 0, locked_until = null where id = @Id and locked_until <= @Now";

    public const string Success = "update users set failed_logins = 0, locked_until = null where id = @Id";

    public const string SetPassword = "update users set password_hash = @PasswordHash where id = @Id";

    public const string ResetPassword = """
        update users set password_hash = @PasswordHash, failed_logins = 0, locked_until = null where id = @Id
        """;

    public const string SetDisplayName = "update users set display_name = @DisplayName where id = @Id";

    public const string SetEmail = """
        update users set email = @Email, email_normalized = @EmailNormalized, email_verified_at = @Now where id = @Id
        """;

    public const string EmailTaken = "select exists (select 1 from users where email_normalized = @EmailNormalized and id <> @Id)";

    public const string SetPhone = "update users set phone = @Phone where id = @Id";

    public const string SetPan = "update users set pan = @Pan, pan_index = @PanIndex where id = @Id";

    public const string PanTaken = "select exists (select 1 from users where pan_index = @PanIndex and id <> @Id)";

    public const string SetPendingTotp = "update users set totp_secret = @Secret, totp_enabled_at = null, totp_last_step = null where id = @Id";

    public const string EnableTotp = "update users set totp_enabled_at = @Now, totp_last_step = @Step where id = @Id and totp_secret is not null";

    public const string DisableTotp = "update users set totp_secret = null, totp_enabled_at = null, totp_last_step = null where id = @Id";

    // Only a later step than the last accepted one moves the mark, so two racing requests cannot both use one code.
    public const string UseTotpStep = """
        update users set totp_last_step = @Step where id = @Id and (totp_last_step is null or totp_last_step < @Step)
        """;

    public const string DeleteRecoveryCodes = "delete from recovery_codes where user_id = @Id";

    public const string InsertRecoveryCode = "insert into recovery_codes (user_id, code_hash) values (@Id, @Hash)";

    public const string UseRecoveryCode = """
        update recovery_codes set used_at = @Now where user_id = @Id and code_hash = @Hash and used_at is null
        """;

    public const string RecoveryCodesLeft = "select count(*) from recovery_codes where user_id = @Id and used_at is null";

    public const string Delete = "delete from users where id = @Id";

    public const string ExportWatchlists = """
        select w.name, w.created_at as CreatedAt, i.symbol, i.position, i.note, i.target_price as TargetPrice, i.added_at as AddedAt
        from watchlists w
        left join watchlist_items i on i.watchlist_id = w.id
        where w.user_id = @Id
        order by w.created_at, w.id, i.position
        """;

    public const string ExportSavedScreens = """
        select name as Name, query as Query, notify as Notify, created_at as CreatedAt, updated_at as UpdatedAt
        from saved_screens
        where user_id = @Id
        order by created_at, id
        """;

    public const string ExportValuations = """
        select v.id as Id, v.symbol as Symbol, v.name as Name, v.inputs::text as Inputs, v.created_at as CreatedAt, v.updated_at as UpdatedAt
        from valuations v
        where v.user_id = @Id
        order by v.created_at, v.id
        """;

    public const string ExportValuationChanges = """
        select c.valuation_id as ValuationId, c.changed_at as ChangedAt, c.inputs::text as Inputs, c.note as Note
        from valuation_changes c
        join valuations v on v.id = c.valuation_id
        where v.user_id = @Id
        order by c.changed_at, c.id
        """;

    public const string ExportSessions = """
        select id as Id, created_at as CreatedAt, last_seen_at as LastSeenAt, expires_at as ExpiresAt, revoked_at as RevokedAt,
               revoked_reason as RevokedReason, ip as Ip, user_agent as UserAgent
        from sessions where user_id = @Id order by created_at
        """;

    public const string ExportEvents = """
        select e.occurred_at as OccurredAt, e.event_type as EventType, e.ip as Ip, e.user_agent as UserAgent, e.details::text as Details
        from security_events e where e.subject = @Subject order by e.id
        """;
}
