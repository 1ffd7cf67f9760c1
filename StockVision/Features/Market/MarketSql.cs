namespace StockVision.Features.Market;

internal static class MarketSql
{
    public const string IndexHistory = """
        select trade_date as Date, close as Value
        from index_bars
        where index_name = @IndexName
        order by trade_date
        """;

    // Each stock's close on the latest session in the data, against its own previous session's close.
    public const string LatestSessionMoves = """
        with latest as (select max(trade_date) as trade_date from daily_bars)
        select b.symbol as Symbol, i.name as Name, i.sector as Sector, b.close as Close, prev.close as PreviousClose
        from daily_bars b
        join latest on b.trade_date = latest.trade_date
        join instruments i on i.symbol = b.symbol
        cross join lateral (
            select p.close from daily_bars p
            where p.symbol = b.symbol and p.trade_date < b.trade_date
            order by p.trade_date desc
            limit 1
        ) prev
        order by b.symbol
        """;

    public const string Freshness = """
        select (select max(trade_date) from daily_bars) as LatestSession,
               (select max(trade_date) from index_bars where index_name = @IndexName) as LatestIndexSession
        """;
}
