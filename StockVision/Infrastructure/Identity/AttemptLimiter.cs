using System.Collections.Concurrent;
using StackExchange.Redis;

namespace StockVision.Infrastructure.Identity;

public readonly record struct AttemptResult(bool Allowed, long Count, TimeSpan RetryAfter);

/// <summary>Fixed-window attempt counters: in Redis when configured (so every node counts together), in memory otherwise.</summary>
public interface IAttemptLimiter
{
    Task<AttemptResult> HitAsync(string key, int limit, TimeSpan window, CancellationToken ct);
}

public sealed class RedisAttemptLimiter(IConnectionMultiplexer redis) : IAttemptLimiter
{
    // INCR and the first EXPIRE in one script, so a crash between them cannot leave a counter that never expires.
    private const string Script = """
        local c = redis.call('INCR', KEYS[1])
        if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return { c, redis.call('PTTL', KEYS[1]) }
        """;

    public async Task<AttemptResult> HitAsync(string key, int limit, TimeSpan window, CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script,
            [(RedisKey)("stockvision:attempts:" + key)], [(long)window.TotalMilliseconds]))!;
        var count = (long)result[0];
        var ttl = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
        return new AttemptResult(count <= limit, count, count <= limit ? TimeSpan.Zero : ttl);
    }
}

public sealed class MemoryAttemptLimiter(TimeProvider clock) : IAttemptLimiter
{
    private readonly ConcurrentDictionary<string, Window> windows = new();

    public Task<AttemptResult> HitAsync(string key, int limit, TimeSpan window, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (windows.Count > 100_000)
        {
            foreach (var (k, w) in windows)
            {
                if (w.Ends <= now)
                {
                    windows.TryRemove(k, out _);
                }
            }
        }
        var current = windows.AddOrUpdate(key, _ => new Window(now + window, 1),
            (_, w) => w.Ends <= now ? new Window(now + window, 1) : w with { Count = w.Count + 1 });
        return Task.FromResult(new AttemptResult(current.Count <= limit, current.Count,
            current.Count <= limit ? TimeSpan.Zero : current.Ends - now));
    }

    private sealed record Window(DateTimeOffset Ends, long Count);
}
