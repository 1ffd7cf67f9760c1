using System.Diagnostics;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StockVision.Features.Live;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features.Live;

/// <summary>
/// Several app instances against one PostgreSQL and one Redis, as behind a load balancer: ticks cross nodes through
/// Redis pub/sub, exactly one node leads ingest, and another takes over when it dies.
/// </summary>
public sealed class LiveClusterTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tick_ingested_on_node_A_reaches_an_SSE_client_connected_to_node_B()
    {
        var (nodeB, addressB) = AppFixture.StartNode(app.ConnectionString);
        await using var _ = nodeB;
        using var client = AppFixture.CreateClient(addressB);
        await using var stream = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=HINDALCO");

        await Quotes.IngestAsync(app, Quotes.Make("HINDALCO", 712.40m, 700m));

        var item = await stream.NextAsync(e => e.Data.Contains("₹712.40", StringComparison.Ordinal), what: "HINDALCO from node A");
        Assert.Contains("id=\"q-HINDALCO-last\"", item.Data, StringComparison.Ordinal);
        Assert.Equal(712.40m, nodeB.Services.GetRequiredService<ILiveQuotes>().Latest("HINDALCO")!.Last);
    }

    [Fact]
    public async Task A_node_that_hears_nothing_for_longer_than_the_threshold_says_the_feed_is_stale()
    {
        // A database of its own: other tests' ticks on the shared one would keep this node's feed fresh.
        var (nodeB, addressB) = AppFixture.StartNode(await TestServers.CreateDatabaseAsync("sv_stale"), new Dictionary<string, string> { ["Market:Live:StaleAfter"] = "00:00:01" });
        await using var _ = nodeB;
        await nodeB.Services.GetRequiredService<QuoteIngest>().IngestAsync([Quotes.Make("GRASIM", 2_601m, 2_600m)], Quotes.Serving(), Ct);
        await QuoteWait.UntilAsync(nodeB.Services, "GRASIM", 2_601m);
        using var client = AppFixture.CreateClient(addressB);

        var (_, fresh) = await Html.GetAsync(client, "/stocks/GRASIM?fresh");
        Assert.Null(fresh.QuerySelector(".live .banner.warning"));
        Assert.Equal("live", fresh.QuerySelector("[data-feed-status]")!.GetAttribute("data-feed-status"));

        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        var (_, stale) = await Html.GetAsync(client, "/stocks/GRASIM?stale");
        Assert.Contains("Prices may be out of date", stale.QuerySelector(".live .banner.warning")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("stale", stale.QuerySelector("[data-feed-status]")!.GetAttribute("data-feed-status"));
        var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/health/ready", Ct)).RootElement;
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("feed").GetProperty("status").GetString());
        Assert.True(health.GetProperty("checks").GetProperty("feed").GetProperty("data").GetProperty("lagSeconds").GetDouble() >= 1);
    }

    [Fact]
    public async Task Exactly_one_node_leads_ingest_and_another_takes_over_within_10_seconds_when_it_dies()
    {
        var database = await TestServers.CreateDatabaseAsync("sv_leader");
        var settings = new Dictionary<string, string>
        {
            ["Market:Live:Ingest"] = "true",
            ["Market:Live:AlwaysOpen"] = "true",
            ["Market:Live:TickInterval"] = "00:00:00.250",
            ["Market:Live:LeaderRetryInterval"] = "00:00:01",
        };
        var nodes = new List<(WebApplicationFactory<Program> Factory, Uri Address)> { AppFixture.StartNode(database, settings), AppFixture.StartNode(database, settings) };
        try
        {
            var leader = await SoleLeaderAsync(nodes.Select(n => n.Factory).ToList(), TimeSpan.FromSeconds(20));
            await using (var conn = new NpgsqlConnection(database))
            {
                Assert.True(await WaitAsync(async () => await conn.ExecuteScalarAsync<long>("select count(*) from live_quotes") >= 40, TimeSpan.FromSeconds(20)),
                    "the leader did not publish simulated quotes");
            }

            var survivor = nodes.Single(n => n.Factory != leader);
            using var client = AppFixture.CreateClient(survivor.Address);
            await using var stream = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=RELIANCE");
            await stream.NextAsync(e => e.EventType == "message", what: "RELIANCE before the failover");

            var stopwatch = Stopwatch.StartNew();
            nodes.RemoveAll(n => n.Factory == leader);
            await leader.DisposeAsync();
            var next = await SoleLeaderAsync([survivor.Factory], TimeSpan.FromSeconds(10));
            stopwatch.Stop();
            Assert.Same(survivor.Factory, next);
            TestContext.Current.SendDiagnosticMessage($"ingest failover took {stopwatch.Elapsed.TotalSeconds:0.0} s");

            stream.Drain();
            var after = await stream.NextAsync(e => e.EventType == "message", what: "RELIANCE from the new leader");
            Assert.Contains("simulated", after.Data, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (factory, _) in nodes)
            {
                await factory.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_leader_whose_lock_connection_dies_steps_down()
    {
        var database = await TestServers.CreateDatabaseAsync("sv_stepdown");
        var settings = new Dictionary<string, string>
        {
            ["Market:Live:Ingest"] = "true",
            ["Market:Live:AlwaysOpen"] = "true",
            ["Market:Live:TickInterval"] = "00:00:00.250",
            ["Market:Live:LeaderRetryInterval"] = "00:00:30",
        };
        var (node, _) = AppFixture.StartNode(database, settings);
        await using var _ = node;
        await SoleLeaderAsync([node], TimeSpan.FromSeconds(20));

        // PostgreSQL ends the session that holds the advisory lock, as it would for a network partition.
        await using (var conn = new NpgsqlConnection(database))
        {
            await conn.ExecuteAsync("""
                select pg_terminate_backend(pid) from pg_locks
                where locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = @key
                """, new { key = LiveSql.IngestLockKey });
        }
        Assert.True(await WaitAsync(() => Task.FromResult(!node.Services.GetRequiredService<IngestLeader>().IsLeader), TimeSpan.FromSeconds(10)),
            "the leader kept leading without its lock");
    }

    [Fact]
    public async Task When_a_fallback_source_serves_the_page_says_which_and_why()
    {
        var (node, address) = AppFixture.StartNode(await TestServers.CreateDatabaseAsync("sv_fallback"));
        await using var _ = node;
        var status = new FeedStatus("replay", "simulated", "simulated timed out after 2 s", DateTimeOffset.UtcNow, MarketOpen: true, IsStale: false, Lag: null);
        await node.Services.GetRequiredService<QuoteIngest>().IngestAsync([Quotes.Make("TITAN", 3_301m, 3_300m) with { Source = "replay", ReplayOf = new DateOnly(2025, 9, 30) }], status, Ct);
        await QuoteWait.UntilAsync(node.Services, "TITAN", 3_301m);

        using var client = AppFixture.CreateClient(address);
        var (_, doc) = await Html.GetAsync(client, "/stocks/TITAN");
        Assert.Equal("Prices now come from the replay source because simulated timed out after 2 s.", doc.QuerySelector(".live .banner.info")!.TextContent.Trim());
        Assert.EndsWith("· replay of 30 Sep 2025", doc.QuerySelector("#q-TITAN-asof")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("replay prices (fallback from simulated)", doc.QuerySelector("[data-feed-status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_replay_source_ticks_real_sessions_through_the_leader()
    {
        var settings = new Dictionary<string, string>
        {
            ["Market:Live:Ingest"] = "true",
            ["Market:Live:Sources:0"] = "replay",
            ["Market:Live:AlwaysOpen"] = "true",
            ["Market:Live:TickInterval"] = "00:00:00.250",
            ["Market:Live:Replay:From"] = "2025-09-29",
            ["Market:Live:Replay:To"] = "2025-09-30",
            ["Market:Live:Replay:Speed"] = "600",
        };
        var (node, address) = AppFixture.StartNode(await TestServers.CreateDatabaseAsync("sv_replay"), settings);
        await using var _ = node;
        using var client = AppFixture.CreateClient(address);
        await using var stream = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=RELIANCE");
        var item = await stream.NextAsync(e => e.Data.Contains("replay of", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a replayed RELIANCE tick");
        Assert.Matches(@"replay of (29|30) Sep 2025", item.Data);
        Assert.Equal("replay", node.Services.GetRequiredService<ILiveQuotes>().Status.ServingSource);
    }

    [Fact]
    public async Task Without_Redis_one_node_fans_out_through_its_in_process_bus()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = "",
            ["DataProtection:KeysDirectory"] = Path.Combine(Path.GetTempPath(), "sv-keys-" + Guid.NewGuid().ToString("N")),
        };
        var (node, address) = AppFixture.StartNode(await TestServers.CreateDatabaseAsync("sv_inproc"), settings);
        await using var _ = node;
        Assert.IsType<InProcessQuoteBus>(node.Services.GetRequiredService<IQuoteBus>());
        using var client = AppFixture.CreateClient(address);
        await using var stream = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=JSWSTEEL");
        await node.Services.GetRequiredService<QuoteIngest>().IngestAsync([Quotes.Make("JSWSTEEL", 1_101.15m, 1_100m)], Quotes.Serving(), Ct);
        await stream.NextAsync(e => e.Data.Contains("₹1,101.15", StringComparison.Ordinal), what: "JSWSTEEL through the in-process bus");
    }

    [Fact]
    public async Task Old_one_minute_bars_are_pruned()
    {
        var database = await TestServers.CreateDatabaseAsync("sv_prune");
        var (node, _) = AppFixture.StartNode(database);
        await using var _ = node;
        var ingest = node.Services.GetRequiredService<QuoteIngest>();
        var now = DateTimeOffset.UtcNow;
        await ingest.IngestAsync([Quotes.Make("NESTLEIND", 2_400m, 2_390m, now.AddDays(-9))], Quotes.Serving(), Ct);
        await ingest.IngestAsync([Quotes.Make("NESTLEIND", 2_401m, 2_390m, now)], Quotes.Serving(), Ct);
        await using var conn = new NpgsqlConnection(database);
        Assert.Equal(2, await conn.ExecuteScalarAsync<long>("select count(*) from intraday_bars where symbol = 'NESTLEIND'"));

        await ingest.PruneAsync(TimeSpan.FromDays(7), Ct);
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>("select count(*) from intraday_bars where symbol = 'NESTLEIND'"));
    }

    private static async Task<WebApplicationFactory<Program>> SoleLeaderAsync(IReadOnlyList<WebApplicationFactory<Program>> nodes, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var leaders = nodes.Where(n => n.Services.GetRequiredService<IngestLeader>().IsLeader).ToList();
            Assert.True(leaders.Count <= 1, "two nodes led ingest at once");
            if (leaders.Count == 1)
            {
                return leaders[0];
            }
            Assert.True(DateTime.UtcNow < deadline, $"no node became the ingest leader within {within.TotalSeconds} s");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100, Ct);
        }
        return false;
    }
}
