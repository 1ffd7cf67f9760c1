namespace StockVision.Features.Screener;

// Every statement names the user in its WHERE clause: a screen id that belongs to someone else matches no row.
internal static class SavedScreenSql
{
    public const string List = """
        select id as Id, name as Name, query as Query, notify as Notify, created_at as CreatedAt, updated_at as UpdatedAt
        from saved_screens
        where user_id = @UserId
        order by updated_at desc, id desc
        """;

    public const string Get = """
        select id as Id, name as Name, query as Query, notify as Notify, created_at as CreatedAt, updated_at as UpdatedAt
        from saved_screens
        where user_id = @UserId and id = @Id
        """;

    // Serialises saves per user, so two tabs saving at once cannot both slip under the limit.
    public const string LockUser = "select id from users where id = @UserId for update";

    public const string Count = "select count(*)::int from saved_screens where user_id = @UserId";

    public const string NameInUse = """
        select name from saved_screens
        where user_id = @UserId and lower(name) = lower(@Name) and id is distinct from @ExceptId
        limit 1
        """;

    public const string Create = """
        insert into saved_screens (user_id, name, query, notify) values (@UserId, @Name, @Query, @Notify)
        returning id
        """;

    public const string Rename = """
        update saved_screens set name = @Name, updated_at = now()
        where id = @Id and user_id = @UserId
        """;

    public const string SetNotify = """
        update saved_screens set notify = @Notify, updated_at = now()
        where id = @Id and user_id = @UserId
        returning name
        """;

    public const string Delete = """
        delete from saved_screens
        where id = @Id and user_id = @UserId
        returning name
        """;
}
