namespace StockVision.Features.Backtest;

internal static class BacktestSql
{
    public const string Bars = """
        select symbol as Symbol, trade_date as Date, open as Open, high as High, low as Low, close as Close, volume as Volume
        from daily_bars
        where symbol = any(@Symbols) and trade_date between @From and @To
        order by symbol, trade_date
        """;

    public const string IndexCloses = """
        select trade_date as Date, close as Close
        from index_bars
        where index_name = @IndexName and trade_date between @From and @To
        order by trade_date
        """;

    public const string Symbols = "select distinct symbol from daily_bars order by symbol";

    public const string Coverage = """
        select (select min(trade_date) from daily_bars) as FirstSession, (select max(trade_date) from daily_bars) as LastSession,
               (select max(trade_date) from index_bars where index_name = @IndexName) as LastIndexSession,
               coalesce((select string_agg(dataset || ':' || left(checksum, 12), ',' order by dataset) from data_loads
                         where dataset in ('daily_bars', 'index_bars')), '') as DataVersion
        """;
}
