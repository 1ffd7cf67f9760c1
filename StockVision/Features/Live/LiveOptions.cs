namespace StockVision.Features.Live;

/// <summary>Configuration section <c>Market:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "Market:Live";

    /// <summary>Whether this node competes for the ingest leadership. Every node serves SSE either way.</summary>
    public bool Ingest { get; set; } = true;

    /// <summary>
    /// Sources in order of preference: <c>simulated</c>, <c>replay</c>, <c>finnhub</c>, <c>twelvedata</c>. Providers
    /// without a key are skipped; an empty list means <c>simulated</c>. (No default items here: the configuration binder
    /// appends to a list, so a default would sit in front of whatever is configured.)
    /// </summary>
    public List<string> Sources { get; set; } = [];

    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a follower tries to take the leadership (a dead leader is replaced within this plus one tick).</summary>
    public TimeSpan LeaderRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>No batch from the leader for this long and the feed is stale: pages show a banner and /health/ready says Degraded.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The simulation's seed: the same seed gives the same price paths.</summary>
    public ulong Seed { get; set; } = 20_250_930;

    /// <summary>Development and demos: the simulated market trades around the clock instead of NSE hours (09:15–15:30 IST, weekdays).</summary>
    public bool AlwaysOpen { get; set; }

    /// <summary>NSE trading holidays (IST dates) from the exchange's holiday circular for the year.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    public ReplayOptions Replay { get; set; } = new();

    /// <summary>Per-source timeout, circuit breaker and staleness (<c>Market:Live:Chain</c>).</summary>
    public ChainOptions Chain { get; set; } = new();

    public int BarRetentionDays { get; set; } = 7;

    /// <summary>Most symbols one SSE connection may subscribe to.</summary>
    public int MaxSymbolsPerStream { get; set; } = 100;

    /// <summary>Most open streams per client address on one node: a page needs one, a person with many tabs a few.</summary>
    public int MaxStreamsPerClient { get; set; } = 20;
}

public sealed class ReplayOptions
{
    /// <summary>The first and last real sessions to replay (inclusive); empty means the last 5 sessions held.</summary>
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Session seconds replayed per real second: 1 replays in real time, 60 plays a session in 6¼ minutes.</summary>
    public double Speed { get; set; } = 60;
}
