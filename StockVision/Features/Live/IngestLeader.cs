using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>
/// Runs on every node; exactly one of them leads. Leadership is a PostgreSQL session-level advisory lock held on a
/// dedicated connection: when the leader's process or connection dies, PostgreSQL releases the lock and the next
/// follower to try (every <see cref="LiveOptions.LeaderRetryInterval"/>) takes over. The leader checks its lock
/// connection every few seconds and steps down as soon as it is gone, so two leaders never run for long.
/// </summary>
public sealed class IngestLeader(
    NpgsqlDataSource db,
    QuoteIngest ingest,
    LiveSourceFactory sources,
    NseCalendar calendar,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<IngestLeader> log) : BackgroundService
{
    private static readonly TimeSpan LockCheckInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);
    private volatile bool leading;

    public bool IsLeader => leading;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Ingest)
        {
            log.LogInformation("Quote ingest is off on this node (Market:Live:Ingest=false); it serves SSE from the bus only");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lockConnection = await db.OpenConnectionAsync(stoppingToken);
                if (await lockConnection.ExecuteScalarAsync<bool>(new CommandDefinition(LiveSql.TryLock, new { key = LiveSql.IngestLockKey }, cancellationToken: stoppingToken)))
                {
                    leading = true;
                    log.LogInformation("This node is now the quote ingest leader");
                    await LeadAsync(lockConnection, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (database, a source's bug), the node must not die: step down and compete again.
                log.LogWarning(e, "Quote ingest leadership lost or unavailable; retrying");
            }
            finally
            {
                if (leading)
                {
                    log.LogInformation("This node stepped down as quote ingest leader");
                }
                leading = false;
            }
            try
            {
                await Task.Delay(o.LeaderRetryInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task LeadAsync(NpgsqlConnection lockConnection, CancellationToken ct)
    {
        var o = options.Value;
        await ingest.TakeOverAsync(ct);
        var (chain, symbols) = await sources.CreateAsync(ct);
        var lastLockCheck = clock.GetUtcNow();
        var lastPrune = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(o.TickInterval, clock);
        do
        {
            var now = clock.GetUtcNow();
            if (now - lastLockCheck >= LockCheckInterval)
            {
                // Throws when the connection that holds the lock is gone: the lock went with it.
                await lockConnection.ExecuteScalarAsync<int>(new CommandDefinition(LiveSql.Ping, cancellationToken: ct));
                lastLockCheck = now;
            }
            var open = calendar.IsOpen(now);
            var result = await chain.FetchAsync(symbols, open, ct);
            var status = new FeedStatus(result.ServedBy, result.PreferredSource, result.FallbackReason, now, open,
                IsStale: result.ServedBy is null, Lag: TimeSpan.Zero);
            await ingest.IngestAsync(result.Quotes, status, ct);
            if (now - lastPrune >= PruneInterval)
            {
                await ingest.PruneAsync(TimeSpan.FromDays(o.BarRetentionDays), ct);
                lastPrune = now;
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
