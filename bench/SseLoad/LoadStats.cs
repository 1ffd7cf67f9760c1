using System.Collections.Concurrent;

namespace SseLoad;

/// <summary>
/// Counters shared by every connection. Latency goes into 1 ms buckets (a list of 3 million samples would cost the
/// client more than the work it measures). The measured window is a range of ids, that is of server stamp times:
/// every message of a tick stamped inside it counts, however late it arrives, and none of a tick stamped outside, so
/// the count is whole ticks and a slow fan-out cannot push its stragglers out of the window.
/// </summary>
internal sealed class LoadStats
{
    public const int HistogramMs = 10_000;

    private readonly long[] histogram = new long[HistogramMs + 1];
    private readonly ConcurrentDictionary<string, int> reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TickSpread> spreads = [];
    private long connected;
    private long failed;
    private long dropped;
    private long open;
    private long received;
    private long snapshots;
    private long heartbeats;
    private long measured;
    private long maxLatency;
    private long windowStart = long.MaxValue;
    private long windowEnd = long.MaxValue;
    private volatile bool stopping;

    public long ConnectedCount => Interlocked.Read(ref connected);
    public long FailedCount => Interlocked.Read(ref failed);
    public long DroppedCount => Interlocked.Read(ref dropped);
    public long Open => Interlocked.Read(ref open);
    public long Received => Interlocked.Read(ref received);
    public long Snapshots => Interlocked.Read(ref snapshots);
    public long Heartbeats => Interlocked.Read(ref heartbeats);
    public long Measured => Interlocked.Read(ref measured);
    public long MaxLatencyMs => Interlocked.Read(ref maxLatency);

    public int TicksSeen
    {
        get
        {
            lock (spreads)
            {
                return spreads.Count;
            }
        }
    }
    public IReadOnlyDictionary<string, int> Reasons => reasons;

    public bool Measuring => Interlocked.Read(ref windowStart) <= NowMs() && NowMs() < Interlocked.Read(ref windowEnd);

    public void OpenWindow(long atMs) => Interlocked.Exchange(ref windowStart, atMs);

    public void CloseWindow(long atMs) => Interlocked.Exchange(ref windowEnd, atMs);

    public bool Stopping
    {
        get => stopping;
        set => stopping = value;
    }

    // The server stamps ids with the same wall clock (DateTimeOffset.UtcNow) on the same machine.
    public static long NowMs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    public void Connected()
    {
        Interlocked.Increment(ref connected);
        Interlocked.Increment(ref open);
    }

    public void Failed(string reason)
    {
        Interlocked.Increment(ref failed);
        reasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    /// <param name="reason">Null when the client closed it on purpose at the end of the run.</param>
    public void Closed(string? reason)
    {
        Interlocked.Decrement(ref open);
        if (reason is not null)
        {
            Interlocked.Increment(ref dropped);
            reasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
        }
    }

    public void Snapshot() => Interlocked.Increment(ref snapshots);

    public void Heartbeat() => Interlocked.Increment(ref heartbeats);

    public void Message(long id, long nowMs)
    {
        Interlocked.Increment(ref received);
        if (id < Interlocked.Read(ref windowStart) || id >= Interlocked.Read(ref windowEnd))
        {
            return;
        }
        Interlocked.Increment(ref measured);
        var latency = Math.Max(0, nowMs - id);
        Interlocked.Increment(ref histogram[Math.Min(latency, HistogramMs)]);
        for (var max = Interlocked.Read(ref maxLatency); latency > max; max = Interlocked.Read(ref maxLatency))
        {
            if (Interlocked.CompareExchange(ref maxLatency, latency, max) == max)
            {
                break;
            }
        }
        lock (spreads)
        {
            if (spreads.TryGetValue(id, out var spread))
            {
                spread.First = Math.Min(spread.First, latency);
                spread.Last = Math.Max(spread.Last, latency);
            }
            else
            {
                spreads[id] = new TickSpread { First = latency, Last = latency };
            }
        }
    }

    /// <summary>
    /// Per tick, how long until its first and its last message reached this client: the first is the server's work
    /// before the fan-out (stamp, save, publish), the gap between them is the fan-out itself.
    /// </summary>
    public (long FirstP50, long LastP50, long LastMax) Spread()
    {
        TickSpread[] all;
        lock (spreads)
        {
            all = [.. spreads.Values];
        }
        if (all.Length == 0)
        {
            return (0, 0, 0);
        }
        var first = all.Select(s => s.First).Order().ToArray();
        var last = all.Select(s => s.Last).Order().ToArray();
        return (first[first.Length / 2], last[last.Length / 2], last[^1]);
    }

    /// <summary>The latency in ms that <paramref name="fraction"/> of measured messages did not exceed ("≥10000" past the histogram).</summary>
    public string Percentile(double fraction)
    {
        var total = Measured;
        if (total == 0)
        {
            return "n/a";
        }
        var wanted = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var ms = 0; ms < HistogramMs; ms++)
        {
            seen += Interlocked.Read(ref histogram[ms]);
            if (seen >= wanted)
            {
                return ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return $">={HistogramMs}";
    }

    private sealed class TickSpread
    {
        public long First;
        public long Last;
    }
}
