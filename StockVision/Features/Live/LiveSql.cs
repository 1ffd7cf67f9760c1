namespace StockVision.Features.Live;

public static class LiveSql
{
    /// <summary>The leader's lock: whoever holds it (for the life of its connection) runs ingest.</summary>
    public const long IngestLockKey = 0x5356_4C49_5645; // "SVLIVE"

    public const string TryLock = "select pg_try_advisory_lock(@key)";

    public const string Unlock = "select pg_advisory_unlock(@key)";

    public const string Ping = "select 1";

    public const string LatestQuotes = """
        select symbol, source, exchange, last, previous_close as PreviousClose, open, high, low, volume, bid, ask,
               source_time as SourceTime, delay_seconds as DelaySeconds, replay_of as ReplayOf, sequence
        from live_quotes
        """;

    public const string MaxSequence = "select coalesce(max(sequence), 0) from live_quotes";

    /// <summary>One statement for a whole batch: arrays of column values, unnested into rows.</summary>
    public const string UpsertQuotes = """
        insert into live_quotes (symbol, source, exchange, last, previous_close, open, high, low, volume, bid, ask,
                                 source_time, delay_seconds, replay_of, sequence, updated_at)
        select u.*, now()
        from unnest(@symbol, @source, @exchange, @last, @previous_close, @open, @high, @low, @volume, @bid, @ask,
                    @source_time, @delay_seconds, @replay_of, @sequence)
             as u(symbol, source, exchange, last, previous_close, open, high, low, volume, bid, ask,
                  source_time, delay_seconds, replay_of, sequence)
        where exists (select 1 from instruments i where i.symbol = u.symbol)
        on conflict (symbol) do update set
            source = excluded.source, exchange = excluded.exchange, last = excluded.last,
            previous_close = excluded.previous_close, open = excluded.open, high = excluded.high, low = excluded.low,
            volume = excluded.volume, bid = excluded.bid, ask = excluded.ask, source_time = excluded.source_time,
            delay_seconds = excluded.delay_seconds, replay_of = excluded.replay_of, sequence = excluded.sequence,
            updated_at = excluded.updated_at
        where live_quotes.sequence < excluded.sequence
        """;

    public const string UpsertBars = """
        insert into intraday_bars (symbol, minute, open, high, low, close, volume, source)
        select u.*
        from unnest(@symbol, @minute, @open, @high, @low, @close, @volume, @source)
             as u(symbol, minute, open, high, low, close, volume, source)
        where exists (select 1 from instruments i where i.symbol = u.symbol)
        on conflict (symbol, minute) do update set
            open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
            volume = excluded.volume, source = excluded.source
        """;

    public const string PruneBars = "delete from intraday_bars where minute < @cutoff";

    /// <summary>The bars of the most recent session held for a symbol (IST calendar day of its newest bar).</summary>
    public const string LatestSessionBars = """
        with last_day as (
            select (max(minute) at time zone 'Asia/Kolkata')::date as day from intraday_bars where symbol = @symbol
        )
        select minute, open, high, low, close, volume, source
        from intraday_bars, last_day
        where symbol = @symbol
          and minute >= (last_day.day::timestamp at time zone 'Asia/Kolkata')
          and minute < ((last_day.day + 1)::timestamp at time zone 'Asia/Kolkata')
        order by minute
        """;

    public const string Symbols = "select symbol from instruments order by symbol";

    /// <summary>Instruments with enough real history to estimate a drift and a volatility: the simulated universe.</summary>
    public const string DailyCloses = """
        select symbol, trade_date as TradeDate, open, high, low, close, volume
        from daily_bars
        order by symbol, trade_date
        """;
}
