using System.Collections.Concurrent;
using System.Threading.Channels;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>A quote with its SSE message rendered once, however many subscribers receive it.</summary>
public sealed record Tick(Quote Quote, string Message);

/// <summary>What the leader publishes every tick interval: the quotes that changed, and the state of the feed.</summary>
public sealed record TickBatch(IReadOnlyList<Quote> Quotes, FeedStatus Status);

/// <summary>
/// This node's view of the market: the latest quote per symbol and, per symbol, the SSE connections that want it.
/// Every node has one; the bus delivers the leader's batches to all of them.
/// </summary>
public sealed class QuoteHub(TimeProvider clock) : ILiveQuotes
{
    private readonly ConcurrentDictionary<string, Topic> topics = new(StringComparer.Ordinal);
    private FeedStatus received = FeedStatus.None;
    private DateTimeOffset? receivedAt;
    private long batches;

    /// <summary>Set by <see cref="LiveSetup"/>; decides staleness from how long ago the last batch arrived.</summary>
    internal TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(10);

    public Quote? Latest(string symbol) => topics.TryGetValue(symbol, out var t) ? t.Latest?.Quote : null;

    public FeedStatus Status
    {
        get
        {
            var status = Volatile.Read(ref received);
            if (receivedAt is not { } at)
            {
                return status;
            }
            var lag = clock.GetUtcNow() - at;
            return status with { Lag = lag < TimeSpan.Zero ? TimeSpan.Zero : lag, IsStale = status.IsStale || lag > StaleAfter };
        }
    }

    public long BatchesReceived => Interlocked.Read(ref batches);

    /// <summary>Quotes restored at startup: shown on pages, never pushed as ticks.</summary>
    public void Seed(IEnumerable<Quote> quotes)
    {
        foreach (var q in quotes)
        {
            var topic = topics.GetOrAdd(q.Symbol, _ => new Topic());
            if (topic.Latest is null || topic.Latest.Quote.Sequence < q.Sequence)
            {
                topic.Latest = new Tick(q, QuoteFragments.Message(q));
            }
        }
    }

    public void Apply(TickBatch batch)
    {
        foreach (var q in batch.Quotes)
        {
            var topic = topics.GetOrAdd(q.Symbol, _ => new Topic());
            var tick = new Tick(q, QuoteFragments.Message(q));
            lock (topic)
            {
                // A batch delayed in transit must not overwrite a newer price.
                if (topic.Latest is { } current && current.Quote.Sequence > q.Sequence)
                {
                    continue;
                }
                topic.Latest = tick;
            }
            foreach (var subscriber in topic.Subscribers)
            {
                subscriber.Offer(tick);
            }
        }
        Volatile.Write(ref received, batch.Status);
        receivedAt = clock.GetUtcNow();
        Interlocked.Increment(ref batches);
    }

    /// <summary>A subscription to some symbols; dispose it when the connection ends.</summary>
    public QuoteSubscription Subscribe(IReadOnlyCollection<string> symbols)
    {
        var subscription = new QuoteSubscription(this, symbols);
        foreach (var s in symbols)
        {
            var topic = topics.GetOrAdd(s, _ => new Topic());
            lock (topic)
            {
                topic.Subscribers = [.. topic.Subscribers, subscription];
            }
        }
        return subscription;
    }

    /// <summary>Asks every connection to send a heartbeat (a timer calls this every Market:Live:Heartbeat).</summary>
    public void Heartbeat()
    {
        foreach (var subscription in AllSubscriptions())
        {
            subscription.RequestHeartbeat();
        }
    }

    public int SubscriberCount(string symbol) => topics.TryGetValue(symbol, out var t) ? t.Subscribers.Length : 0;

    public HubStats Stats()
    {
        var subscriptions = AllSubscriptions().ToList();
        return new HubStats(
            subscriptions.Count,
            topics.Values.Sum(t => t.Subscribers.Length),
            subscriptions.Count == 0 ? 0 : subscriptions.Max(s => s.Pending));
    }

    internal IReadOnlyList<Tick> Snapshot(IEnumerable<string> symbols) =>
        symbols.Select(s => topics.TryGetValue(s, out var t) ? t.Latest : null).OfType<Tick>().ToList();

    internal void Unsubscribe(QuoteSubscription subscription)
    {
        foreach (var s in subscription.Symbols)
        {
            if (topics.TryGetValue(s, out var topic))
            {
                lock (topic)
                {
                    topic.Subscribers = topic.Subscribers.Where(x => !ReferenceEquals(x, subscription)).ToArray();
                }
            }
        }
    }

    private IEnumerable<QuoteSubscription> AllSubscriptions() =>
        topics.Values.SelectMany(t => t.Subscribers).Distinct();

    private sealed class Topic
    {
        public volatile Tick? Latest;

        // Copy-on-write under the topic's lock: Apply reads it without locking, many times a second.
        public volatile QuoteSubscription[] Subscribers = [];
    }
}

public sealed record HubStats(int Connections, int SymbolSubscriptions, int MaxPending);

/// <summary>
/// One SSE connection's inbox. It holds at most one tick per symbol: a slow reader gets the newest price of each
/// symbol when it catches up, never a growing backlog, so its memory is bounded by the symbols it watches.
/// </summary>
public sealed class QuoteSubscription : IDisposable
{
    private readonly QuoteHub hub;
    private readonly Dictionary<string, Tick> pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool heartbeatDue;
    private int disposed;

    internal QuoteSubscription(QuoteHub hub, IReadOnlyCollection<string> symbols)
    {
        this.hub = hub;
        Symbols = symbols;
    }

    public IReadOnlyCollection<string> Symbols { get; }

    public int Pending
    {
        get
        {
            lock (pending)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>The current quote of each subscribed symbol that has one: what a new or resuming connection starts with.</summary>
    public IReadOnlyList<Tick> Snapshot() => hub.Snapshot(Symbols);

    internal void Offer(Tick tick)
    {
        lock (pending)
        {
            pending[tick.Quote.Symbol] = tick;
        }
        signal.Writer.TryWrite(true);
    }

    internal void RequestHeartbeat()
    {
        lock (pending)
        {
            heartbeatDue = true;
        }
        signal.Writer.TryWrite(true);
    }

    /// <summary>Waits for ticks (or a heartbeat) and takes everything pending; an empty list means "send a heartbeat".</summary>
    public async ValueTask<IReadOnlyList<Tick>> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            await signal.Reader.ReadAsync(ct);
            lock (pending)
            {
                if (pending.Count > 0)
                {
                    var ticks = pending.Values.ToList();
                    pending.Clear();
                    heartbeatDue = false;
                    return ticks;
                }
                if (heartbeatDue)
                {
                    heartbeatDue = false;
                    return [];
                }
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            hub.Unsubscribe(this);
        }
    }
}
