namespace StockVision.Features.Valuations;

// Every statement names the user: a valuation id that belongs to someone else matches no row.
internal static class SavedValuationSql
{
    public const string List = """
        select id as Id, symbol as Symbol, name as Name, inputs::text as Inputs, created_at as CreatedAt, updated_at as UpdatedAt
        from valuations
        where user_id = @UserId
        order by updated_at desc, id desc
        """;

    public const string Get = """
        select id as Id, symbol as Symbol, name as Name, inputs::text as Inputs, created_at as CreatedAt, updated_at as UpdatedAt
        from valuations
        where user_id = @UserId and id = @Id
        """;

    public const string GetForUpdate = """
        select id as Id, symbol as Symbol, name as Name, inputs::text as Inputs, created_at as CreatedAt, updated_at as UpdatedAt
        from valuations
        where user_id = @UserId and id = @Id
        for update
        """;

    public const string Changes = """
        select c.id as Id, c.valuation_id as ValuationId, c.changed_at as ChangedAt, c.inputs::text as Inputs, c.note as Note
        from valuation_changes c
        join valuations v on v.id = c.valuation_id
        where v.user_id = @UserId
        order by c.changed_at desc, c.id desc
        """;

    // Serialises saves per user, so two tabs cannot both slip under the limit or both create one name.
    public const string LockUser = "select id from users where id = @UserId for update";

    public const string Count = "select count(*)::int from valuations where user_id = @UserId";

    public const string ByName = """
        select id from valuations
        where user_id = @UserId and lower(name) = lower(@Name)
        """;

    public const string Create = """
        insert into valuations (user_id, symbol, name, inputs) values (@UserId, @Symbol, @Name, @Inputs::jsonb)
        returning id
        """;

    public const string Update = """
        update valuations set name = @Name, inputs = @Inputs::jsonb, updated_at = now()
        where id = @Id and user_id = @UserId
        """;

    public const string LogChange = """
        insert into valuation_changes (valuation_id, inputs, note)
        select id, @Inputs::jsonb, @Note from valuations where id = @Id and user_id = @UserId
        """;

    public const string Delete = """
        delete from valuations
        where id = @Id and user_id = @UserId
        returning name
        """;
}
