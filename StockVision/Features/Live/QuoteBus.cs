using System.Text.Json;
using StackExchange.Redis;

namespace StockVision.Features.Live;

/// <summary>Carries the leader's batches to every node's <see cref="QuoteHub"/>, this one included.</summary>
public interface IQuoteBus
{
    Task PublishAsync(TickBatch batch, CancellationToken ct);
}

/// <summary>One node, no Redis: the leader is this process, so publishing is handing the batch to the hub.</summary>
public sealed class InProcessQuoteBus(QuoteHub hub) : IQuoteBus
{
    public Task PublishAsync(TickBatch batch, CancellationToken ct)
    {
        hub.Apply(batch);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Several nodes: batches go through Redis pub/sub, and every node (the publisher too) applies what it receives, so
/// all hubs see the same sequence. Pub/sub does not queue for absent subscribers; a node that was disconnected
/// catches up with the next batch, and pages read the database's last quotes meanwhile.
/// </summary>
public sealed class RedisQuoteBus : IQuoteBus, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ISubscriber subscriber;
    private readonly ILogger<RedisQuoteBus> log;

    /// <param name="channel">One channel per database (<see cref="ChannelFor"/>): environments that share a Redis never hear each other's prices.</param>
    public RedisQuoteBus(IConnectionMultiplexer redis, string channel, QuoteHub hub, ILogger<RedisQuoteBus> log)
    {
        this.log = log;
        Channel = channel;
        subscriber = redis.GetSubscriber();
        subscriber.Subscribe(Channel, (_, message) =>
        {
            try
            {
                if (JsonSerializer.Deserialize<TickBatch>((byte[])message!, Json) is { } batch)
                {
                    hub.Apply(batch);
                }
            }
            catch (JsonException e)
            {
                log.LogWarning(e, "Ignored a malformed quote batch on {Channel}", Channel);
            }
        });
    }

    public string Channel { get; }

    public static string ChannelFor(string database) => $"stockvision:{database}:quotes";

    public async Task PublishAsync(TickBatch batch, CancellationToken ct)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(batch, Json);
        try
        {
            await subscriber.PublishAsync(Channel, payload);
        }
        catch (RedisException e)
        {
            // The leader keeps ingesting and persisting; nodes show the stale banner until Redis is back.
            log.LogWarning(e, "Could not publish a quote batch to Redis");
        }
    }

    public void Dispose() => subscriber.Unsubscribe(Channel);
}
