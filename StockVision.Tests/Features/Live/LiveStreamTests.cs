using System.Net;
using AngleSharp.Dom;
using Dapper;
using Npgsql;
using StockVision.Features.Live;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features.Live;

/// <summary>
/// /stream/quotes on the real app: ticks go through the leader's write path (QuoteIngest → PostgreSQL → Redis →
/// hub) and arrive as server-rendered fragments. Each test uses its own symbols: the app is shared.
/// </summary>
public sealed class LiveStreamTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_receives_fragments_for_its_symbols_only()
    {
        using var client = app.CreateClient();
        await using var stream = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=infy,WIPRO");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType!.MediaType);

        await Quotes.IngestAsync(app, Quotes.Make("INFY", 1_512.35m, 1_500m), Quotes.Make("WIPRO", 251.10m, 250m), Quotes.Make("HCLTECH", 1_640m, 1_600m));
        var seen = new HashSet<string>();
        while (seen.Count < 2)
        {
            var item = await stream.NextAsync(e => e.EventType == "message", what: "for INFY and WIPRO");
            Assert.False(string.IsNullOrEmpty(item.EventId));
            Assert.DoesNotContain("HCLTECH", item.Data, StringComparison.Ordinal);
            var doc = await Html.ParseAsync(item.Data);
            foreach (var last in doc.QuerySelectorAll("span[id$='-last']"))
            {
                // Only the new content travels; the page's element keeps its class and symbol.
                Assert.Equal("innerHTML", last.GetAttribute("hx-swap-oob"));
                if (last.Id == "q-INFY-last" && last.TextContent == "₹1,512.35")
                {
                    Assert.Contains("▲", doc.QuerySelector("#q-INFY-change")!.TextContent, StringComparison.Ordinal);
                    Assert.Contains("+12.35 (+0.82%)", doc.QuerySelector("#q-INFY-change")!.TextContent, StringComparison.Ordinal);
                    Assert.Matches(@"as of \d\d:\d\d:\d\d IST · simulated", doc.QuerySelector("#q-INFY-asof")!.TextContent);
                    seen.Add("INFY");
                }
                if (last.Id == "q-WIPRO-last" && last.TextContent == "₹251.10")
                {
                    seen.Add("WIPRO");
                }
            }
        }
        await Quotes.IngestAsync(app, Quotes.Make("HCLTECH", 1_650m, 1_600m));
        await Task.Delay(300, Ct);
        Assert.DoesNotContain(stream.Drain(), e => e.Data.Contains("HCLTECH", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "Name at least one symbol")]
    [InlineData("RELIANCE,NOSUCH,ALSOBAD", "Unknown symbols: NOSUCH, ALSOBAD.")]
    public async Task Bad_symbol_lists_get_a_400_that_says_what_is_wrong(string symbols, string message)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/stream/quotes?symbols=" + symbols, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_symbols_are_refused()
    {
        using var client = app.CreateClient();
        var symbols = string.Join(",", Enumerable.Range(0, 101).Select(i => "S" + i));
        var response = await client.GetAsync("/stream/quotes?symbols=" + symbols, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("At most 100 symbols", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_may_hold_only_so_many_streams_and_a_closed_one_frees_its_place()
    {
        var ip = AppFixture.NewClientIp();
        var streams = new List<(HttpClient Client, SseConnection Stream)>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var c = app.CreateClient(clientIp: ip);
                streams.Add((c, await SseConnection.OpenAsync(c, "/stream/quotes?symbols=M%26M")));
            }
            using var extra = app.CreateClient(clientIp: ip);
            var refused = await extra.GetAsync("/stream/quotes?symbols=M%26M", HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("already has 20 live streams open", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.NotNull(refused.Headers.RetryAfter);

            var (client, stream) = streams[^1];
            streams.RemoveAt(streams.Count - 1);
            await stream.DisposeAsync();
            client.Dispose();
            var admission = app.Services<StreamAdmission>();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (admission.OpenFor(ip) >= 20 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(25, Ct);
            }
            await using var again = await SseConnection.OpenAsync(extra, "/stream/quotes?symbols=M%26M");
        }
        finally
        {
            foreach (var (c, s) in streams)
            {
                await s.DisposeAsync();
                c.Dispose();
            }
        }
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_resumes_with_the_current_value_of_each_symbol()
    {
        await Quotes.IngestAsync(app, Quotes.Make("TCS", 3_001m, 3_000m), Quotes.Make("TECHM", 1_401m, 1_400m));
        using var client = app.CreateClient();
        string lastId;
        await using (var first = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=TCS,TECHM"))
        {
            var opening = await first.NextAsync(e => e.Data.Contains("₹3,001.00", StringComparison.Ordinal), what: "TCS at 3,001");
            Assert.Equal(TimeSpan.FromSeconds(3), opening.ReconnectionInterval);
            lastId = opening.EventId!;
        }

        // While the client is away, both prices move.
        await Quotes.IngestAsync(app, Quotes.Make("TCS", 2_990.50m, 3_000m), Quotes.Make("TECHM", 1_410m, 1_400m));
        await QuoteWait.UntilAsync(app.Factory.Services, "TECHM", 1_410m);

        await using var resumed = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=TCS,TECHM", lastEventId: lastId);
        // The opening message carries the current value of every subscribed symbol at once.
        var a = await resumed.NextAsync(e => e.EventType == "message");
        var data = a.Data;
        Assert.Contains("₹2,990.50", data, StringComparison.Ordinal);
        Assert.Contains("▼", data, StringComparison.Ordinal);
        Assert.Contains("₹1,410.00", data, StringComparison.Ordinal);
        Assert.True(long.Parse(a.EventId!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(lastId, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Heartbeats_keep_an_idle_stream_alive()
    {
        await Quotes.IngestAsync(app, Quotes.Make("NTPC", 351m, 350m));
        await QuoteWait.UntilAsync(app.Factory.Services, "NTPC", 351m);
        using var client = app.CreateClient();
        await using var stream = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=NTPC");
        Assert.Equal("message", (await stream.NextAsync(what: "the opening snapshot")).EventType);
        app.Services<QuoteHub>().Heartbeat();
        var beat = await stream.NextAsync(e => e.EventType == QuoteStreamEndpoint.HeartbeatEvent, what: "heartbeat");
        Assert.Equal("", beat.Data);
    }

    [Fact]
    public async Task A_slow_client_neither_delays_others_nor_builds_a_backlog()
    {
        var hub = app.Services<QuoteHub>();
        string[] symbols = ["ITC", "SBIN", "LT"];

        // A client that sends its request and then never reads: its socket buffers fill and the server's writes block.
        using var slow = new System.Net.Sockets.TcpClient();
        await slow.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, Ct);
        var request = $"GET /stream/quotes?symbols={string.Join(",", symbols)} HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\nAccept: text/event-stream\r\n\r\n";
        await slow.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), Ct);
        slow.ReceiveBufferSize = 1024;

        using var client = app.CreateClient();
        await using var fast = await SseConnection.OpenAsync(client, "/stream/quotes?symbols=" + string.Join(",", symbols));
        await WaitForSubscribersAsync(hub, symbols.Length * 2);

        // 3 symbols × 3,000 batches of ~0.5 KB fragments: megabytes a non-reading client cannot absorb.
        var last = 0m;
        for (var i = 1; i <= 3_000; i++)
        {
            last = 500m + i / 100m;
            hub.Apply(new TickBatch(symbols.Select(s => Quotes.Make(s, last, 500m) with { Sequence = long.MaxValue / 2 + i }).ToList(), Quotes.Serving()));
            Assert.True(hub.Stats().MaxPending <= symbols.Length, "a subscription held more than one tick per symbol");
        }

        var expected = "₹" + StockVision.Infrastructure.IndianFormat.Number(last);
        await fast.NextAsync(e => e.Data.Contains("q-LT-last", StringComparison.Ordinal) && e.Data.Contains(expected, StringComparison.Ordinal),
            what: "the fast client's newest LT price");
        Assert.True(hub.Stats().MaxPending <= symbols.Length);
    }

    [Fact]
    public async Task Ingested_quotes_are_saved_so_they_survive_a_restart()
    {
        await Quotes.IngestAsync(app, Quotes.Make("COALINDIA", 401.25m, 400m));
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var row = await conn.QuerySingleAsync<(decimal Last, string Source, long Sequence)>(
            "select last, source, sequence from live_quotes where symbol = 'COALINDIA'");
        Assert.Equal(401.25m, row.Last);
        Assert.Equal("simulated", row.Source);

        var (node, address) = AppFixture.StartNode(app.ConnectionString);
        await using (node)
        {
            using var client = AppFixture.CreateClient(address);
            var (_, doc) = await Html.GetAsync(client, "/stocks/COALINDIA");
            Assert.Equal("₹401.25", doc.QuerySelector("#q-COALINDIA-last")!.TextContent);
        }
    }

    [Fact]
    public async Task Ticks_become_one_minute_bars_and_the_stock_page_shows_a_1D_chart()
    {
        var open = new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.FromHours(5.5));
        await Quotes.IngestAsync(app, Quotes.Make("BEL", 300.00m, 298m, open.AddSeconds(5), volume: 1_000));
        await Quotes.IngestAsync(app, Quotes.Make("BEL", 302.50m, 298m, open.AddSeconds(40), volume: 1_600));
        await Quotes.IngestAsync(app, Quotes.Make("BEL", 301.00m, 298m, open.AddSeconds(70), volume: 2_000));
        await QuoteWait.UntilAsync(app.Factory.Services, "BEL", 301.00m);

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var bars = (await conn.QueryAsync<(decimal Open, decimal High, decimal Low, decimal Close, long Volume)>(
            "select open, high, low, close, volume from intraday_bars where symbol = 'BEL' order by minute")).ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal((300.00m, 302.50m, 300.00m, 302.50m), (bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close));
        Assert.Equal((301.00m, 301.00m), (bars[1].Open, bars[1].Close));

        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/BEL");
        var chart = doc.QuerySelector("#intraday-chart")!;
        Assert.Contains("27 Nov 2026", chart.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var summary = chart.QuerySelector("#intraday-summary")!.TextContent;
        Assert.Contains("opened at ₹300.00 (09:15 IST)", summary, StringComparison.Ordinal);
        Assert.Contains("last ₹301.00 at 09:16 IST, up +3.00 (+1.01%) from the previous close of ₹298.00", summary, StringComparison.Ordinal);
        Assert.Contains("high was ₹302.50 at 09:15 IST", summary, StringComparison.Ordinal);
        Assert.NotNull(chart.QuerySelector("svg path.line"));
        // One row per 15-minute block, holding the block's last close: both minutes fall in 09:15–09:29.
        var row = Assert.Single(chart.QuerySelectorAll("tbody tr"));
        Assert.Equal(("09:16", "301.00"), (row.QuerySelector("th")!.TextContent, row.QuerySelector("td")!.TextContent));
    }

    [Fact]
    public async Task The_stock_page_shows_the_live_quote_with_its_provenance_and_a_refresh_link()
    {
        await Quotes.IngestAsync(app, Quotes.Make("ASIANPAINT", 2_480.05m, 2_500m));
        await QuoteWait.UntilAsync(app.Factory.Services, "ASIANPAINT", 2_480.05m);
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/ASIANPAINT");
        Assert.Equal("₹2,480.05", doc.QuerySelector("#q-ASIANPAINT-last")!.TextContent);
        var change = doc.QuerySelector("#q-ASIANPAINT-change")!;
        Assert.Contains("down", change.ClassName, StringComparison.Ordinal);
        Assert.Equal("▼ down -19.95 (-0.80%)", Squash(change.TextContent));
        Assert.Matches(@"^as of \d\d:\d\d:\d\d IST · simulated$", doc.QuerySelector("#q-ASIANPAINT-asof")!.TextContent);
        Assert.Equal("/stream/quotes?symbols=ASIANPAINT", doc.QuerySelector("[data-live-stream]")!.GetAttribute("hx-sse:connect"));
        Assert.Equal("/stocks/ASIANPAINT", doc.QuerySelector(".live-state a")!.GetAttribute("href"));
        Assert.True(doc.QuerySelector("[data-live-pause]")!.HasAttribute("hidden"));
        Assert.Equal("polite", doc.QuerySelector("[data-live-summary]")!.GetAttribute("aria-live"));
    }

    [Fact]
    public async Task Ready_health_reports_the_feed_lag()
    {
        await Quotes.IngestAsync(app, Quotes.Make("ONGC", 241m, 240m));
        await QuoteWait.UntilAsync(app.Factory.Services, "ONGC", 241m);
        using var client = app.CreateClient();
        var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/health/ready", Ct)).RootElement;
        var feed = json.GetProperty("checks").GetProperty("feed");
        Assert.StartsWith("lag ", feed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(feed.GetProperty("data").GetProperty("lagSeconds").GetDouble() >= 0);
        Assert.Equal("simulated", feed.GetProperty("data").GetProperty("source").GetString());
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    private static async Task WaitForSubscribersAsync(QuoteHub hub, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (hub.Stats().SymbolSubscriptions < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }
    }
}
