using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

public sealed class ChainOptions
{
    /// <summary>How long one source may take to answer one poll.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    public double FailureRatio { get; set; } = 0.5;
    public int MinimumThroughput { get; set; } = 2;
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit keeps a source out before one trial poll (Polly requires at least 500 ms).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>While the market is open, a source whose newest price time has not moved for longer than this is stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <param name="State">"serving", "standby", "failing", "circuit open" or "stale".</param>
public sealed record SourceState(string Name, string State, string? LastError);

/// <param name="FallbackReason">Why the preferred source is not the one serving, in words for the page; null when it is.</param>
public sealed record ChainResult(
    IReadOnlyList<Quote> Quotes,
    string? ServedBy,
    string? PreferredSource,
    string? FallbackReason,
    IReadOnlyList<SourceState> Sources);

/// <summary>
/// Polls sources in order of preference and serves the first healthy answer. Each source has its own circuit breaker (a
/// source that keeps failing is left alone for a while, then given one trial poll) around a timeout. A source whose prices
/// stop advancing while the market is open counts as failed for this poll, but its answer is kept in case nothing better
/// comes. Meant for one polling loop: it remembers per-source state between polls and is not for concurrent calls.
/// </summary>
public sealed class QuoteSourceChain
{
    public const string Serving = "serving";
    public const string Standby = "standby";
    public const string Failing = "failing";
    public const string CircuitOpen = "circuit open";
    public const string Stale = "stale";

    private readonly List<Slot> slots;
    private readonly ChainOptions options;
    private readonly TimeProvider clock;

    public QuoteSourceChain(IEnumerable<IQuoteSource> sources, ChainOptions options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        slots = [.. sources.Select(source => new Slot(source, options, clock))];
    }

    public async Task<ChainResult> FetchAsync(IReadOnlyList<string> symbols, bool marketOpen, CancellationToken ct)
    {
        var states = new string?[slots.Count];
        var reasons = new List<string>();
        int? server = null;
        (int Index, IReadOnlyList<Quote> Quotes)? lastResort = null;
        IReadOnlyList<Quote> served = [];

        for (var i = 0; i < slots.Count && server is null; i++)
        {
            var attempt = await TryAsync(slots[i], symbols, marketOpen, ct);
            states[i] = attempt.State;
            if (attempt.Reason is not null)
            {
                reasons.Add(attempt.Reason);
            }
            if (attempt.State == Serving)
            {
                (server, served) = (i, attempt.Quotes!);
            }
            else if (attempt.Quotes is not null)
            {
                lastResort ??= (i, attempt.Quotes);
            }
        }
        if (server is null && lastResort is { } resort)
        {
            (server, served) = resort;
        }

        var sources = slots.Select((slot, i) => new SourceState(slot.Source.Name, states[i] ?? slot.IdleState, slot.LastError));
        var reason = (server, reasons.Count) switch
        {
            (null, 0) => "No source is configured",
            (null, _) => "No source is serving: " + string.Join("; ", reasons),
            (_, 0) => null,
            _ => string.Join("; ", reasons),
        };
        return new ChainResult(served, server is { } s ? slots[s].Source.Name : null, slots.FirstOrDefault()?.Source.Name, reason, [.. sources]);
    }

    /// <summary>One source's poll. Quotes come back whenever it answered; Reason (in words) says why it should not serve.</summary>
    private async Task<Attempt> TryAsync(Slot slot, IReadOnlyList<string> symbols, bool marketOpen, CancellationToken ct)
    {
        var name = QuoteSources.DisplayName(slot.Source.Name);
        var now = clock.GetUtcNow();
        // Asking again before the provider's Retry-After only spends more of the quota it says is gone.
        if (slot.RetryNotBefore is { } notBefore && now < notBefore)
        {
            return new(null, Failing, $"{name} is rate-limited; retrying after {Seconds(notBefore - now)} s");
        }

        var interval = slot.Source.MinimumPollInterval;
        if (interval > TimeSpan.Zero && slot.LastAnswer is { } cached && now - slot.LastAnswerAt < interval && cached.Count > 0)
        {
            return Judge(slot, cached, marketOpen, name, interval);
        }

        IReadOnlyList<Quote> quotes;
        try
        {
            quotes = await slot.Pipeline.ExecuteAsync(async token => await slot.Source.FetchAsync(symbols, token), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException e)
        {
            var retry = e.RetryAfter is { } after ? $"; next try in {Seconds(after)} s" : "";
            return new(null, CircuitOpen, $"{name} kept failing and is paused{retry}");
        }
        // A source is code talking to the outside world: whatever it throws, the next source gets its turn.
        catch (Exception e)
        {
            slot.LastError = e.Message;
            if (e is QuoteSourceException { Error: QuoteSourceError.RateLimited, RetryAfter: { } wait })
            {
                slot.RetryNotBefore = clock.GetUtcNow() + wait;
                return new(null, Failing, $"{name} is rate-limited; retrying after {Seconds(wait)} s");
            }
            return new(null, Failing, Describe(name, e));
        }

        slot.RetryNotBefore = null;
        if (quotes.Count == 0)
        {
            if (symbols.Count == 0)
            {
                return new(quotes, Serving, null);
            }
            slot.LastError = "no quote for any requested symbol";
            return new(null, Failing, $"{name} returned no prices");
        }

        (slot.LastAnswer, slot.LastAnswerAt) = (quotes, clock.GetUtcNow());
        return Judge(slot, quotes, marketOpen, name, interval);
    }

    /// <summary>Serving, or stale when its newest price time has not moved for too long while the market is open.</summary>
    private Attempt Judge(Slot slot, IReadOnlyList<Quote> quotes, bool marketOpen, string name, TimeSpan interval)
    {
        var now = clock.GetUtcNow();
        var newest = quotes.Max(q => q.SourceTime);
        if (slot.Newest is null || newest > slot.Newest)
        {
            (slot.Newest, slot.AdvancedAt) = (newest, now);
        }
        else if (!marketOpen)
        {
            // Time with the market shut does not count: at the open, a source gets StaleAfter to show its first new price.
            slot.AdvancedAt = now;
        }

        var quiet = now - slot.AdvancedAt;
        // A paced provider cannot show a new price between its calls: it gets two intervals before it counts as stale.
        var staleAfter = options.StaleAfter > 2 * interval ? options.StaleAfter : 2 * interval;
        if (marketOpen && quiet > staleAfter)
        {
            slot.LastError = $"newest price time {slot.Newest:O} unchanged for {Seconds(quiet)} s";
            return new(quotes, Stale, $"{name} stopped updating (no new price for {Seconds(quiet)} s)");
        }
        slot.LastError = null;
        return new(quotes, Serving, null);
    }

    private static string Describe(string name, Exception e) => e switch
    {
        QuoteSourceException { Error: QuoteSourceError.RateLimited } => $"{name} is rate-limited",
        QuoteSourceException { Error: QuoteSourceError.Unauthorized } => $"{name} refused the API key",
        QuoteSourceException { Error: QuoteSourceError.BadResponse } => $"{name} sent an answer that could not be read",
        QuoteSourceException { Error: QuoteSourceError.Unavailable } => $"{name} is unavailable",
        TimeoutRejectedException => $"{name} timed out",
        HttpRequestException => $"{name} could not be reached",
        _ => $"{name} failed",
    };

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private sealed record Attempt(IReadOnlyList<Quote>? Quotes, string State, string? Reason);

    /// <summary>A source, its resilience pipeline, and what the chain remembers about it between polls.</summary>
    private sealed class Slot
    {
        private readonly CircuitBreakerStateProvider breaker = new();

        public Slot(IQuoteSource source, ChainOptions options, TimeProvider clock)
        {
            Source = source;
            Pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = options.FailureRatio,
                    MinimumThroughput = options.MinimumThroughput,
                    SamplingDuration = options.SamplingDuration,
                    BreakDuration = options.BreakDuration,
                    StateProvider = breaker,
                    ShouldHandle = new PredicateBuilder()
                        .Handle<QuoteSourceException>()
                        .Handle<TimeoutRejectedException>()
                        .Handle<HttpRequestException>(),
                })
                .AddTimeout(options.Timeout)
                .Build();
        }

        public IQuoteSource Source { get; }
        public ResiliencePipeline Pipeline { get; }
        public string? LastError { get; set; }
        public DateTimeOffset? Newest { get; set; }
        public DateTimeOffset AdvancedAt { get; set; }
        public DateTimeOffset? RetryNotBefore { get; set; }
        public IReadOnlyList<Quote>? LastAnswer { get; set; }
        public DateTimeOffset LastAnswerAt { get; set; }

        /// <summary>The state of a source this poll did not reach.</summary>
        public string IdleState => breaker.CircuitState is CircuitState.Open or CircuitState.Isolated ? CircuitOpen : Standby;
    }
}
