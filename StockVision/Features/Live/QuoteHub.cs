using System.Collections.Concurrent;
using System.Threading.Channels;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>A quote with its SSE message rendered once, however many subscribers receive it.</summary>
public sealed record Tick(Quote Quote, string Message)
{
    public string EventId { get; } = Quote.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

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
        // Every price first, then the wake-ups: a connection woken by its first symbol already sees all of this batch
        // and sends it in one message.
        var updated = new List<Topic>(batch.Quotes.Count);
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
            updated.Add(topic);
        }
        foreach (var topic in updated)
        {
            foreach (var subscriber in topic.Subscribers)
            {
                subscriber.Notify();
            }
        }
        Volatile.Write(ref received, batch.Status);
        receivedAt = clock.GetUtcNow();
        Interlocked.Increment(ref batches);
    }

    /// <summary>A subscription to some symbols; dispose it when the connection ends.</summary>
    public QuoteSubscription Subscribe(IReadOnlyCollection<string> symbols)
    {
        var mine = symbols.Select(s => topics.GetOrAdd(s, _ => new Topic())).ToArray();
        var subscription = new QuoteSubscription(this, symbols, mine);
        foreach (var topic in mine)
        {
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

    internal sealed class Topic
    {
        public volatile Tick? Latest;

        // Copy-on-write under the topic's lock: Apply reads it without locking, many times a second.
        public volatile QuoteSubscription[] Subscribers = [];
    }
}

public sealed record HubStats(int Connections, int SymbolSubscriptions, int MaxPending);

/// <summary>
/// One SSE connection's view of its symbols. It queues nothing: a tick only marks it dirty, and a read takes the
/// newest quote of each symbol it has not sent yet. A slow reader therefore gets the latest price of each symbol when
/// it catches up, never a backlog, and its memory does not grow with the tick rate.
/// </summary>
public sealed class QuoteSubscription : IDisposable
{
    private readonly QuoteHub hub;
    private readonly QuoteHub.Topic[] topics;
    private readonly long[] sent;
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int dirty;
    private int heartbeatDue;
    private int disposed;

    internal QuoteSubscription(QuoteHub hub, IReadOnlyCollection<string> symbols, QuoteHub.Topic[] topics)
    {
        this.hub = hub;
        this.topics = topics;
        Symbols = symbols;
        sent = new long[topics.Length];
        Array.Fill(sent, long.MinValue);
    }

    public IReadOnlyCollection<string> Symbols { get; }

    /// <summary>Symbols whose newest quote this connection has not sent yet: never more than it subscribes to.</summary>
    public int Pending
    {
        get
        {
            var count = 0;
            for (var i = 0; i < topics.Length; i++)
            {
                if (topics[i].Latest is { } t && t.Quote.Sequence > Volatile.Read(ref sent[i]))
                {
                    count++;
                }
            }
            return count;
        }
    }

    /// <summary>The current quote of each subscribed symbol that has one: what a new or resuming connection starts with.</summary>
    public IReadOnlyList<Tick> Snapshot() => TakeUnsent();

    internal void Notify()
    {
        if (Interlocked.Exchange(ref dirty, 1) == 0)
        {
            signal.Writer.TryWrite(true);
        }
    }

    internal void RequestHeartbeat()
    {
        Volatile.Write(ref heartbeatDue, 1);
        signal.Writer.TryWrite(true);
    }

    /// <summary>Waits for ticks (or a heartbeat) and takes the unsent ones; an empty list means "send a heartbeat".</summary>
    public async ValueTask<IReadOnlyList<Tick>> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            await signal.Reader.ReadAsync(ct);
            // Cleared before reading the topics: a tick landing meanwhile marks it dirty again and is not lost.
            Volatile.Write(ref dirty, 0);
            var ticks = TakeUnsent();
            if (ticks.Count > 0)
            {
                Volatile.Write(ref heartbeatDue, 0);
                return ticks;
            }
            if (Interlocked.Exchange(ref heartbeatDue, 0) == 1)
            {
                return [];
            }
        }
    }

    private List<Tick> TakeUnsent()
    {
        var ticks = new List<Tick>(topics.Length);
        for (var i = 0; i < topics.Length; i++)
        {
            if (topics[i].Latest is { } t && t.Quote.Sequence > sent[i])
            {
                Volatile.Write(ref sent[i], t.Quote.Sequence);
                ticks.Add(t);
            }
        }
        return ticks;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            hub.Unsubscribe(this);
        }
    }
}
