namespace StockVision.Engines.Market.Live;

/// <summary>
/// One instrument's latest trade and where it came from. Prices are ₹ per share; <see cref="Volume"/> is shares traded
/// so far in the session; <see cref="SourceTime"/> is the instant the source stamped the price (pages show it in IST).
/// Change and percentage change are measured from the previous session's close, as exchanges publish them.
/// </summary>
public sealed record Quote
{
    public required string Symbol { get; init; }

    /// <summary>A <see cref="QuoteSources"/> name: which source produced the price.</summary>
    public required string Source { get; init; }

    public string Exchange { get; init; } = "NSE";
    public required decimal Last { get; init; }
    public required decimal PreviousClose { get; init; }
    public required decimal Open { get; init; }
    public required decimal High { get; init; }
    public required decimal Low { get; init; }
    public required long Volume { get; init; }
    public decimal? Bid { get; init; }
    public decimal? Ask { get; init; }
    public required DateTimeOffset SourceTime { get; init; }

    /// <summary>How far behind the exchange the source is by contract (free provider tiers are often 15 minutes late); zero when live or simulated.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>For replayed history: the real session the ticks come from.</summary>
    public DateOnly? ReplayOf { get; init; }

    /// <summary>Set by ingest: increases with every batch the leader publishes (Unix milliseconds of ingest), so it is also the SSE event id.</summary>
    public long Sequence { get; init; }

    public decimal Change => Last - PreviousClose;

    public double? ChangePercent => PreviousClose == 0 ? null : (double)(Change / PreviousClose) * 100;
}

/// <summary>The names sources stamp on quotes (stable: they are stored with the last quote and shown to users).</summary>
public static class QuoteSources
{
    public const string Simulated = "simulated";
    public const string Replay = "replay";
    public const string Finnhub = "finnhub";
    public const string TwelveData = "twelvedata";

    public static string DisplayName(string source) => source switch
    {
        Simulated => "simulated",
        Replay => "replay",
        Finnhub => "Finnhub",
        TwelveData => "Twelve Data",
        _ => source,
    };
}
