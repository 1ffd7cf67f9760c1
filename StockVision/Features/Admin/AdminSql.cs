namespace StockVision.Features.Admin;

internal static class AdminSql
{
    public const string Users = """
        select id as Id, email as Email, display_name as DisplayName, role as Role, email_verified_at as EmailVerifiedAt,
               disabled_at as DisabledAt, locked_until as LockedUntil, totp_enabled_at as TotpEnabledAt, phone as Phone, pan as Pan,
               created_at as CreatedAt
        from users
        where (@Search::text is null or email_normalized like '%' || @Search || '%' or lower(display_name) like '%' || @Search || '%')
        order by created_at desc, id desc
        limit @Limit offset @Offset
        """;

    public const string Count = """
        select count(*) from users
        where (@Search::text is null or email_normalized like '%' || @Search || '%' or lower(display_name) like '%' || @Search || '%')
        """;

    public const string SetDisabled = """
        update users set disabled_at = case when @Disable then coalesce(disabled_at, @Now) else null end where id = @Id
        """;
}
