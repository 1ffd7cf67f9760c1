using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>
/// <c>GET /stream/quotes?symbols=A,B</c>: unnamed SSE messages holding the fragments of the quotes that changed
/// with <c>hx-swap-oob</c> (htmx 4's hx-sse swaps them in by id). The stream opens with the current quote of every
/// subscribed symbol in one message — which is also how a reconnect carrying <c>Last-Event-ID</c> resumes — and sends a
/// <c>heartbeat</c> event every <see cref="LiveOptions.Heartbeat"/> so proxies keep it open.
/// </summary>
public static class QuoteStreamEndpoint
{
    public const string Path = "/stream/quotes";
    public const string HeartbeatEvent = "heartbeat";
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapQuoteStream(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Results<ServerSentEventsResult<string>, ProblemHttpResult> (
                string? symbols, HttpContext http, QuoteHub hub, KnownSymbols known, Microsoft.Extensions.Options.IOptions<LiveOptions> options,
                IHostApplicationLifetime lifetime, StreamAdmission admission) =>
            {
                var parsed = Parse(symbols, known, options.Value.MaxSymbolsPerStream, out var error);
                if (error is not null)
                {
                    return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid symbols");
                }
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (!admission.TryEnter(client, out var limit))
                {
                    http.Response.Headers.RetryAfter = "30";
                    return TypedResults.Problem($"This address already has {limit} live streams open; close a tab or try again shortly.",
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many live streams");
                }
                // Released when the request ends, whether or not the stream ever started.
                http.Response.RegisterForDispose(admission.Ticket(client));
                http.Response.Headers.CacheControl = "no-store";
                // nginx and similar proxies buffer responses unless told not to; a buffered stream is a dead stream.
                http.Response.Headers["X-Accel-Buffering"] = "no";
                // A stopping node ends its streams at once, so clients reconnect (through the balancer) to one that stays.
                var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
                http.Response.RegisterForDispose(ended);
                return TypedResults.ServerSentEvents(Events(hub, parsed, ended.Token));
            })
            .AllowAnonymous()
            .WithName("QuoteStream");
        return app;
    }

    /// <summary>Comma-separated NSE symbols, case-insensitive, each known; duplicates collapse.</summary>
    public static IReadOnlyList<string> Parse(string? symbols, KnownSymbols known, int max, out string? error)
    {
        error = null;
        var list = (symbols ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0)
        {
            error = "Name at least one symbol: /stream/quotes?symbols=RELIANCE,TCS";
            return [];
        }
        if (list.Count > max)
        {
            error = $"At most {max} symbols per stream; this request names {list.Count}.";
            return [];
        }
        var unknown = list.Where(s => !known.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            error = $"Unknown symbol{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Take(10))}.";
            return [];
        }
        return list;
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(QuoteHub hub, IReadOnlyList<string> symbols, [EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = hub.Subscribe(symbols);
        var snapshot = subscription.Snapshot();
        yield return snapshot.Count > 0
            ? Message(snapshot) with { ReconnectionInterval = Retry }
            : new SseItem<string>("", HeartbeatEvent) { ReconnectionInterval = Retry };
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<Tick> ticks;
            try
            {
                ticks = await subscription.ReadAsync(ct);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return ticks.Count == 0 ? new SseItem<string>("", HeartbeatEvent) : Message(ticks);
        }
    }

    /// <summary>
    /// Everything new since the connection last wrote, as one message: one write and one flush per wake-up however
    /// many symbols moved (htmx applies every out-of-band fragment in it). The id is the newest sequence included.
    /// </summary>
    private static SseItem<string> Message(IReadOnlyList<Tick> ticks)
    {
        if (ticks.Count == 1)
        {
            return new SseItem<string>(ticks[0].Message) { EventId = ticks[0].EventId };
        }
        var newest = ticks[0];
        var length = 0;
        foreach (var t in ticks)
        {
            length += t.Message.Length;
            newest = t.Quote.Sequence > newest.Quote.Sequence ? t : newest;
        }
        var data = new System.Text.StringBuilder(length);
        foreach (var t in ticks)
        {
            data.Append(t.Message);
        }
        return new SseItem<string>(data.ToString()) { EventId = newest.EventId };
    }
}

/// <summary>The instruments the app knows, loaded once at startup (the bundled universe does not change while it runs).</summary>
public sealed class KnownSymbols
{
    private HashSet<string> symbols = new(StringComparer.Ordinal);

    public bool Contains(string symbol) => symbols.Contains(symbol);

    public IReadOnlyCollection<string> All => symbols;

    internal void Set(IEnumerable<string> all) => symbols = new HashSet<string>(all, StringComparer.Ordinal);
}

/// <summary>Counts open streams per client address on this node, so one client cannot hold thousands of them.</summary>
public sealed class StreamAdmission(Microsoft.Extensions.Options.IOptions<LiveOptions> options)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    public bool TryEnter(string client, out int limit)
    {
        limit = options.Value.MaxStreamsPerClient;
        if (open.AddOrUpdate(client, 1, (_, n) => n + 1) <= limit)
        {
            return true;
        }
        Leave(client);
        return false;
    }

    public IDisposable Ticket(string client) => new Release(this, client);

    public int OpenFor(string client) => open.TryGetValue(client, out var n) ? n : 0;

    private void Leave(string client)
    {
        if (open.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
        {
            open.TryRemove(new KeyValuePair<string, int>(client, 0));
        }
    }

    private sealed class Release(StreamAdmission admission, string client) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                admission.Leave(client);
            }
        }
    }
}
