namespace StockVision.Features.Watchlists;

// Every statement names the user in its WHERE clause: a list id that belongs to someone else matches no row.
internal static class WatchlistSql
{
    public const string Lists = """
        select w.id as Id, w.name as Name, count(i.symbol)::int as SymbolCount, w.created_at as CreatedAt, w.updated_at as UpdatedAt
        from watchlists w
        left join watchlist_items i on i.watchlist_id = w.id
        where w.user_id = @UserId
        group by w.id
        order by lower(w.name), w.id
        """;

    public const string List = """
        select w.id as Id, w.name as Name, count(i.symbol)::int as SymbolCount, w.created_at as CreatedAt, w.updated_at as UpdatedAt
        from watchlists w
        left join watchlist_items i on i.watchlist_id = w.id
        where w.user_id = @UserId and w.id = @Id
        group by w.id
        """;

    public const string Items = """
        select i.symbol as Symbol, s.name as Company, i.position as Position, i.note as Note, i.target_price as TargetPrice, i.added_at as AddedAt
        from watchlist_items i
        join watchlists w on w.id = i.watchlist_id
        join instruments s on s.symbol = i.symbol
        where w.user_id = @UserId and w.id = @Id
        order by i.position
        """;

    // Serialises list creation per user, so two tabs creating at once cannot both slip under the limit.
    public const string LockUser = "select id from users where id = @UserId for update";

    public const string CountLists = "select count(*)::int from watchlists where user_id = @UserId";

    public const string Create = """
        insert into watchlists (user_id, name) values (@UserId, @Name)
        returning id
        """;

    public const string Rename = """
        update watchlists set name = @Name, updated_at = now()
        where id = @Id and user_id = @UserId
        """;

    public const string Delete = """
        delete from watchlists
        where id = @Id and user_id = @UserId
        returning name
        """;

    // Serialises changes to one list's items (limit, positions) and proves the list is the user's.
    public const string LockList = """
        select name from watchlists
        where id = @Id and user_id = @UserId
        for update
        """;

    public const string Touch = "update watchlists set updated_at = now() where id = @Id and user_id = @UserId";

    public const string Positions = """
        select i.symbol as Symbol, i.position as Position
        from watchlist_items i
        join watchlists w on w.id = i.watchlist_id
        where w.user_id = @UserId and w.id = @Id
        order by i.position
        """;

    public const string AddItem = """
        insert into watchlist_items (watchlist_id, symbol, position)
        select w.id, @Symbol, coalesce((select max(x.position) from watchlist_items x where x.watchlist_id = w.id), 0) + 1
        from watchlists w
        where w.id = @Id and w.user_id = @UserId
        on conflict (watchlist_id, symbol) do nothing
        """;

    public const string RemoveItem = """
        delete from watchlist_items i
        using watchlists w
        where w.id = i.watchlist_id and w.user_id = @UserId and i.watchlist_id = @Id and i.symbol = @Symbol
        """;

    // One statement, so the deferrable unique (watchlist_id, position) sees the swap only when it is complete.
    public const string SwapPositions = """
        update watchlist_items i
        set position = case when i.symbol = @Symbol then @OtherPosition else @Position end
        from watchlists w
        where w.id = i.watchlist_id and w.user_id = @UserId and i.watchlist_id = @Id and i.symbol in (@Symbol, @Other)
        """;

    public const string UpdateItem = """
        update watchlist_items i
        set note = @Note, target_price = @TargetPrice
        from watchlists w
        where w.id = i.watchlist_id and w.user_id = @UserId and i.watchlist_id = @Id and i.symbol = @Symbol
        """;
}
