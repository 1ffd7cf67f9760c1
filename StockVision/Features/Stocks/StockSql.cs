namespace StockVision.Features.Stocks;

internal static class StockSql
{
    // Ranked: exact symbol, symbol prefix, name prefix, a word of the name starting with the query, then anything containing it.
    // @Prefix and @Contains arrive with LIKE wildcards in the user's text escaped.
    public const string Search = """
        select i.symbol as Symbol, i.name as Name, i.sector as Sector, last.close as LastClose, last.trade_date as LastSession
        from instruments i
        left join lateral (
            select b.close, b.trade_date from daily_bars b
            where b.symbol = i.symbol
            order by b.trade_date desc
            limit 1
        ) last on true
        where i.symbol ilike @Contains or i.name ilike @Contains
        order by case
                   when upper(i.symbol) = upper(@Query) then 0
                   when i.symbol ilike @Prefix then 1
                   when i.name ilike @Prefix then 2
                   when i.name ilike @WordPrefix then 3
                   else 4
                 end,
                 i.symbol
        limit @Limit
        """;

    public const string AllForSuggestions = "select symbol as Symbol, name as Name from instruments order by symbol";

    public const string Instrument = """
        select symbol as Symbol, name as Name, sector as Sector, sector_source as SectorSource, isin as Isin, in_nifty50 as InNifty50
        from instruments
        where upper(symbol) = upper(@Symbol)
        """;

    public const string DailyBars = """
        select trade_date as Date, open as Open, high as High, low as Low, close as Close, volume as Volume
        from daily_bars
        where symbol = @Symbol
        order by trade_date
        """;
}
