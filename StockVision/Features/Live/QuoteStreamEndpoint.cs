using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>
/// <c>GET /stream/quotes?symbols=A,B</c>: one unnamed SSE message per changed quote, holding that quote's fragments
/// with <c>hx-swap-oob</c> (htmx 4's hx-sse swaps them in by id). The stream opens with the current quote of every
/// subscribed symbol — which is also how a reconnect carrying <c>Last-Event-ID</c> resumes — and sends a
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
                IHostApplicationLifetime lifetime) =>
            {
                var parsed = Parse(symbols, known, options.Value.MaxSymbolsPerStream, out var error);
                if (error is not null)
                {
                    return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid symbols");
                }
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
        var first = true;
        foreach (var tick in subscription.Snapshot())
        {
            yield return Item(tick, first);
            first = false;
        }
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
            if (ticks.Count == 0)
            {
                yield return new SseItem<string>("", HeartbeatEvent) { ReconnectionInterval = first ? Retry : null };
                first = false;
                continue;
            }
            foreach (var tick in ticks)
            {
                yield return Item(tick, first);
                first = false;
            }
        }
    }

    private static SseItem<string> Item(Tick tick, bool first) =>
        new(tick.Message) { EventId = tick.Quote.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), ReconnectionInterval = first ? Retry : null };
}

/// <summary>The instruments the app knows, loaded once at startup (the bundled universe does not change while it runs).</summary>
public sealed class KnownSymbols
{
    private HashSet<string> symbols = new(StringComparer.Ordinal);

    public bool Contains(string symbol) => symbols.Contains(symbol);

    public IReadOnlyCollection<string> All => symbols;

    internal void Set(IEnumerable<string> all) => symbols = new HashSet<string>(all, StringComparer.Ordinal);
}
