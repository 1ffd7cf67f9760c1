using Dapper;
using Npgsql;
using NpgsqlTypes;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

public sealed record IntradayBar(DateTimeOffset Minute, decimal Open, decimal High, decimal Low, decimal Close, long Volume, string Source);

/// <summary>The database side of the live market: last quotes that survive restarts, and one-minute bars.</summary>
public sealed class LiveStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<Quote>> LatestQuotesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<QuoteRow>(new CommandDefinition(LiveSql.LatestQuotes, cancellationToken: ct));
        return rows.Select(r => r.ToQuote()).ToList();
    }

    public async Task<long> MaxSequenceAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(LiveSql.MaxSequence, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<IntradayBar>> LatestSessionBarsAsync(string symbol, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<BarRow>(new CommandDefinition(LiveSql.LatestSessionBars, new { Symbol = symbol }, cancellationToken: ct));
        return rows.Select(r => new IntradayBar(Utc(r.Minute), r.Open, r.High, r.Low, r.Close, r.Volume, r.Source)).ToList();
    }

    /// <summary>Quotes and bars of one batch in one transaction: a crash leaves the previous batch, never half of this one.</summary>
    public async Task SaveAsync(IReadOnlyCollection<Quote> quotes, IReadOnlyCollection<(MinuteBar Bar, string Source)> bars, CancellationToken ct)
    {
        if (quotes.Count == 0 && bars.Count == 0)
        {
            return;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (quotes.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(LiveSql.UpsertQuotes, conn, tx);
            Array(cmd, "symbol", NpgsqlDbType.Text, quotes.Select(q => q.Symbol));
            Array(cmd, "source", NpgsqlDbType.Text, quotes.Select(q => q.Source));
            Array(cmd, "exchange", NpgsqlDbType.Text, quotes.Select(q => q.Exchange));
            Array(cmd, "last", NpgsqlDbType.Numeric, quotes.Select(q => q.Last));
            Array(cmd, "previous_close", NpgsqlDbType.Numeric, quotes.Select(q => q.PreviousClose));
            Array(cmd, "open", NpgsqlDbType.Numeric, quotes.Select(q => q.Open));
            Array(cmd, "high", NpgsqlDbType.Numeric, quotes.Select(q => q.High));
            Array(cmd, "low", NpgsqlDbType.Numeric, quotes.Select(q => q.Low));
            Array(cmd, "volume", NpgsqlDbType.Bigint, quotes.Select(q => q.Volume));
            Array(cmd, "bid", NpgsqlDbType.Numeric, quotes.Select(q => q.Bid));
            Array(cmd, "ask", NpgsqlDbType.Numeric, quotes.Select(q => q.Ask));
            Array(cmd, "source_time", NpgsqlDbType.TimestampTz, quotes.Select(q => q.SourceTime.UtcDateTime));
            Array(cmd, "delay_seconds", NpgsqlDbType.Integer, quotes.Select(q => (int)q.Delay.TotalSeconds));
            Array(cmd, "replay_of", NpgsqlDbType.Date, quotes.Select(q => q.ReplayOf));
            Array(cmd, "sequence", NpgsqlDbType.Bigint, quotes.Select(q => q.Sequence));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (bars.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(LiveSql.UpsertBars, conn, tx);
            Array(cmd, "symbol", NpgsqlDbType.Text, bars.Select(b => b.Bar.Symbol));
            Array(cmd, "minute", NpgsqlDbType.TimestampTz, bars.Select(b => b.Bar.Minute.UtcDateTime));
            Array(cmd, "open", NpgsqlDbType.Numeric, bars.Select(b => b.Bar.Open));
            Array(cmd, "high", NpgsqlDbType.Numeric, bars.Select(b => b.Bar.High));
            Array(cmd, "low", NpgsqlDbType.Numeric, bars.Select(b => b.Bar.Low));
            Array(cmd, "close", NpgsqlDbType.Numeric, bars.Select(b => b.Bar.Close));
            Array(cmd, "volume", NpgsqlDbType.Bigint, bars.Select(b => b.Bar.Volume));
            Array(cmd, "source", NpgsqlDbType.Text, bars.Select(b => b.Source));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<int> PruneBarsAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(LiveSql.PruneBars, new { Cutoff = cutoff.UtcDateTime }, cancellationToken: ct));
    }

    private static void Array<T>(NpgsqlCommand cmd, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record BarRow(DateTime Minute, decimal Open, decimal High, decimal Low, decimal Close, long Volume, string Source);

    private sealed record QuoteRow(string Symbol, string Source, string Exchange, decimal Last, decimal PreviousClose, decimal Open,
        decimal High, decimal Low, long Volume, decimal? Bid, decimal? Ask, DateTime SourceTime, int DelaySeconds, DateOnly? ReplayOf, long Sequence)
    {
        public Quote ToQuote() => new()
        {
            Symbol = Symbol,
            Source = Source,
            Exchange = Exchange,
            Last = Last,
            PreviousClose = PreviousClose,
            Open = Open,
            High = High,
            Low = Low,
            Volume = Volume,
            Bid = Bid,
            Ask = Ask,
            SourceTime = Utc(SourceTime),
            Delay = TimeSpan.FromSeconds(DelaySeconds),
            ReplayOf = ReplayOf,
            Sequence = Sequence,
        };
    }
}
