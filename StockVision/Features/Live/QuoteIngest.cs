using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>
/// The leader's write path for one batch: stamp a sequence, keep only quotes that changed, publish them to every
/// node, and save them with their one-minute bars. Tests call <see cref="IngestAsync"/> directly to inject ticks.
/// </summary>
public sealed class QuoteIngest(LiveStore store, IQuoteBus bus, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, Quote> published = new(StringComparer.Ordinal);
    private MinuteBarAggregator bars = new();
    private long sequence;

    /// <summary>A new leader continues above the sequence its predecessor reached and from the quotes it saved.</summary>
    public async Task TakeOverAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            sequence = Math.Max(sequence, await store.MaxSequenceAsync(ct));
            published.Clear();
            foreach (var q in await store.LatestQuotesAsync(ct))
            {
                published[q.Symbol] = q;
            }
            bars = new MinuteBarAggregator();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Returns how many quotes changed and were published.</summary>
    public async Task<int> IngestAsync(IReadOnlyList<Quote> quotes, FeedStatus status, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            sequence = Math.Max(sequence + 1, now.ToUnixTimeMilliseconds());
            var changed = new List<Quote>(quotes.Count);
            foreach (var q in quotes)
            {
                if (published.TryGetValue(q.Symbol, out var before) && before with { Sequence = 0 } == q with { Sequence = 0 })
                {
                    continue;
                }
                var stamped = q with { Sequence = sequence };
                published[q.Symbol] = stamped;
                bars.Add(stamped);
                changed.Add(stamped);
            }
            // Clients first, then the database: the save (a transaction of two upserts) would otherwise add its
            // latency to every tick. If it fails, the leader steps down and its successor resumes from the last save.
            await bus.PublishAsync(new TickBatch(changed, status with { LastBatchAt = now, Lag = TimeSpan.Zero }), ct);
            var touched = bars.TakeChanged().Select(b => (b, published[b.Symbol].Source)).ToList();
            await store.SaveAsync(changed, touched, ct);
            return changed.Count;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task PruneAsync(TimeSpan retention, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - retention;
        await store.PruneBarsAsync(cutoff, ct);
        await gate.WaitAsync(ct);
        try
        {
            bars.DropBefore(cutoff);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
