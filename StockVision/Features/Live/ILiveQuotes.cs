using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>What pages read at render time: this node's latest quote per symbol and the state of the feed.</summary>
public interface ILiveQuotes
{
    /// <summary>The latest quote this node holds (restored from the database after a restart), or null when there is none.</summary>
    Quote? Latest(string symbol);

    FeedStatus Status { get; }
}

/// <summary>
/// The feed as the leader last reported it. <see cref="ServingSource"/> is the source that produced the last batch;
/// <see cref="FallbackReason"/> says why the preferred source is not serving. <see cref="IsStale"/> is true when no
/// batch arrived for longer than the configured threshold while the market was open.
/// </summary>
public sealed record FeedStatus(
    string? ServingSource,
    string? PreferredSource,
    string? FallbackReason,
    DateTimeOffset? LastBatchAt,
    bool MarketOpen,
    bool IsStale,
    TimeSpan? Lag)
{
    public static readonly FeedStatus None = new(null, null, null, null, false, false, null);

    public bool IsFallback => ServingSource is not null && PreferredSource is not null && ServingSource != PreferredSource;
}
