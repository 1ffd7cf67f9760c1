using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using StockVision.Engines.Market.Live;
using StockVision.Features.Live.Providers;

namespace StockVision.Features.Live;

public static class LiveSetup
{
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<LiveOptions>(builder.Configuration.GetSection(LiveOptions.Section));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<LiveOptions>>().Value;
            return new NseCalendar(o.Holidays, o.AlwaysOpen);
        });
        services.AddSingleton(sp => new QuoteHub(sp.GetRequiredService<TimeProvider>())
        {
            StaleAfter = sp.GetRequiredService<IOptions<LiveOptions>>().Value.StaleAfter,
        });
        services.AddSingleton<ILiveQuotes>(sp => sp.GetRequiredService<QuoteHub>());
        services.AddSingleton<IQuoteBus>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisQuoteBus(redis, RedisQuoteBus.ChannelFor(new NpgsqlConnectionStringBuilder(sp.GetRequiredService<NpgsqlDataSource>().ConnectionString).Database ?? "default"),
                sp.GetRequiredService<QuoteHub>(), sp.GetRequiredService<ILogger<RedisQuoteBus>>())
            : new InProcessQuoteBus(sp.GetRequiredService<QuoteHub>()));
        services.AddSingleton<KnownSymbols>();
        services.AddSingleton<StreamAdmission>();
        services.AddSingleton<LiveStore>();
        services.AddSingleton<QuoteIngest>();
        services.AddSingleton<LiveSourceFactory>();
        services.AddQuoteProviders(builder.Configuration);
        services.AddSingleton<IngestLeader>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestLeader>());
        services.AddHostedService<HeartbeatService>();
        services.AddHealthChecks().AddCheck<FeedHealthCheck>("feed", tags: ["ready"]);
        return builder;
    }

    /// <summary>After migrations: learn the instruments, restore the last quotes, and join the bus.</summary>
    public static async Task PrepareLiveAsync(this WebApplication app, CancellationToken ct = default)
    {
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            app.Services.GetRequiredService<KnownSymbols>().Set(await conn.QueryAsync<string>(new CommandDefinition(LiveSql.Symbols, cancellationToken: ct)));
        }
        app.Services.GetRequiredService<QuoteHub>().Seed(await app.Services.GetRequiredService<LiveStore>().LatestQuotesAsync(ct));
        // Resolving the bus subscribes this node to the leader's batches before it serves a request.
        app.Services.GetRequiredService<IQuoteBus>();
    }

    private sealed class HeartbeatService(QuoteHub hub, IOptions<LiveOptions> options, TimeProvider clock) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(options.Value.Heartbeat, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    hub.Heartbeat();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

/// <summary>/health/ready's word on the feed: Degraded (still 200) when stale, so a stale feed does not take a node out of rotation.</summary>
public sealed class FeedHealthCheck(QuoteHub hub) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = hub.Status;
        var data = new Dictionary<string, object>
        {
            ["lagSeconds"] = status.Lag is { } lag ? Math.Round(lag.TotalSeconds, 1) : -1,
            ["source"] = status.ServingSource ?? "none",
            ["marketOpen"] = status.MarketOpen,
        };
        if (status.LastBatchAt is null)
        {
            return Task.FromResult(HealthCheckResult.Degraded("no quote batch received yet", data: data));
        }
        var description = $"lag {status.Lag!.Value.TotalSeconds:0.0} s, source {status.ServingSource ?? "none"}" +
            (status.FallbackReason is { } why ? $" (fallback: {why})" : "");
        return Task.FromResult(status.IsStale ? HealthCheckResult.Degraded("stale: " + description, data: data) : HealthCheckResult.Healthy(description, data));
    }
}
