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
