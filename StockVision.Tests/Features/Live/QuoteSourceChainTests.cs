using StockVision.Engines.Market.Live;
using StockVision.Features.Live;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features.Live;

/// <summary>
/// The chain over scripted stand-ins for network sources. Breaker and staleness run on a clock the test moves; only the
/// per-source timeout uses real (short) time.
/// </summary>
public class QuoteSourceChainTests
{
    private static readonly string[] Symbols = ["RELIANCE"];
    private static readonly DateTimeOffset Open = new(2025, 1, 15, 3, 45, 0, TimeSpan.Zero);

    private readonly SteppingClock clock = new(Open);
    private readonly ScriptedSource finnhub = new(QuoteSources.Finnhub);
    private readonly ScriptedSource twelveData = new(QuoteSources.TwelveData);

    public QuoteSourceChainTests()
    {
        finnhub.Next = _ => Priced(finnhub.Name, clock.GetUtcNow());
        twelveData.Next = _ => Priced(twelveData.Name, clock.GetUtcNow());
    }

    [Fact]
    public async Task The_first_source_serves_when_it_is_healthy()
    {
        var result = await Chain().FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.Finnhub, result.ServedBy);
        Assert.Equal(QuoteSources.Finnhub, result.PreferredSource);
        Assert.Null(result.FallbackReason);
        Assert.Equal(QuoteSources.Finnhub, Assert.Single(result.Quotes).Source);
        Assert.Equal([new SourceState(QuoteSources.Finnhub, "serving", null), new SourceState(QuoteSources.TwelveData, "standby", null)], result.Sources);
        Assert.Equal(0, twelveData.Calls);
    }

    [Fact]
    public async Task A_failing_first_source_hands_over_to_the_next_and_says_why()
    {
        finnhub.Next = _ => throw new QuoteSourceException(QuoteSources.Finnhub, QuoteSourceError.Unauthorized, "HTTP 401: Invalid API key");

        var result = await Chain().FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.TwelveData, result.ServedBy);
        Assert.Equal(QuoteSources.TwelveData, Assert.Single(result.Quotes).Source);
        Assert.Equal("Finnhub refused the API key", result.FallbackReason);
        Assert.Equal("failing", result.Sources[0].State);
        Assert.Equal("finnhub: HTTP 401: Invalid API key", result.Sources[0].LastError);
        Assert.Equal("serving", result.Sources[1].State);
    }

    [Fact]
    public async Task A_rate_limited_source_is_left_alone_until_its_retry_after_has_passed()
    {
        var chain = Chain();
        finnhub.Next = _ => throw new QuoteSourceException(QuoteSources.Finnhub, QuoteSourceError.RateLimited, "HTTP 429", TimeSpan.FromSeconds(30));

        var first = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(10));
        var second = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal("Finnhub is rate-limited; retrying after 30 s", first.FallbackReason);
        Assert.Equal("Finnhub is rate-limited; retrying after 20 s", second.FallbackReason);
        Assert.Equal(QuoteSources.TwelveData, second.ServedBy);
        Assert.Equal(1, finnhub.Calls);

        finnhub.Next = _ => Priced(finnhub.Name, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(20));
        var third = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.Finnhub, third.ServedBy);
        Assert.Null(third.FallbackReason);
    }

    [Fact]
    public async Task A_first_source_that_times_out_hands_over_to_the_next()
    {
        finnhub.Next = async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        };

        var result = await Chain(new ChainOptions { Timeout = TimeSpan.FromMilliseconds(200) }).FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.TwelveData, result.ServedBy);
        Assert.Equal("Finnhub timed out", result.FallbackReason);
        Assert.Equal("failing", result.Sources[0].State);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_the_broken_source_is_no_longer_called()
    {
        var chain = Chain();
        finnhub.Next = _ => throw new QuoteSourceException(QuoteSources.Finnhub, QuoteSourceError.Unavailable, "HTTP 500");

        for (var poll = 0; poll < 5; poll++)
        {
            var result = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
            Assert.Equal(QuoteSources.TwelveData, result.ServedBy);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var broken = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(2, finnhub.Calls);
        Assert.Equal("circuit open", broken.Sources[0].State);
        Assert.Equal("finnhub: HTTP 500", broken.Sources[0].LastError);
        Assert.StartsWith("Finnhub kept failing and is paused", broken.FallbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_break_is_over_and_the_first_source_has_healed_it_serves_again()
    {
        var options = new ChainOptions { BreakDuration = TimeSpan.FromSeconds(15) };
        var chain = Chain(options);
        finnhub.Next = _ => throw new QuoteSourceException(QuoteSources.Finnhub, QuoteSourceError.Unavailable, "HTTP 503");
        await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        finnhub.Next = _ => Priced(finnhub.Name, clock.GetUtcNow());

        clock.Advance(TimeSpan.FromSeconds(10));
        var stillBroken = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(6));
        var healed = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.TwelveData, stillBroken.ServedBy);
        Assert.Equal(QuoteSources.Finnhub, healed.ServedBy);
        Assert.Null(healed.FallbackReason);
        Assert.Equal(QuoteSources.Finnhub, after.ServedBy);
        Assert.Equal([new SourceState(QuoteSources.Finnhub, "serving", null), new SourceState(QuoteSources.TwelveData, "standby", null)], after.Sources);
        Assert.Equal(4, finnhub.Calls);
    }

    [Fact]
    public async Task A_first_source_whose_prices_stop_advancing_while_the_market_is_open_is_stale_and_the_next_serves()
    {
        var chain = Chain();
        var frozen = clock.GetUtcNow();
        finnhub.Next = _ => Priced(finnhub.Name, frozen);

        var fresh = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(20));
        var quiet = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(25));
        var stale = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.Finnhub, fresh.ServedBy);
        Assert.Equal(QuoteSources.Finnhub, quiet.ServedBy);
        Assert.Equal(QuoteSources.TwelveData, stale.ServedBy);
        Assert.Equal("Finnhub stopped updating (no new price for 45 s)", stale.FallbackReason);
        Assert.Equal("stale", stale.Sources[0].State);

        finnhub.Next = _ => Priced(finnhub.Name, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(1));
        var recovered = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.Finnhub, recovered.ServedBy);
        Assert.Null(recovered.FallbackReason);
    }

    [Fact]
    public async Task A_source_that_does_not_advance_while_the_market_is_closed_is_not_stale_and_gets_a_fresh_start_at_the_open()
    {
        var chain = Chain();
        var lastClose = clock.GetUtcNow().AddHours(-18);
        finnhub.Next = _ => Priced(finnhub.Name, lastClose);

        await chain.FetchAsync(Symbols, marketOpen: false, Ct);
        clock.Advance(TimeSpan.FromMinutes(10));
        var closed = await chain.FetchAsync(Symbols, marketOpen: false, Ct);
        clock.Advance(TimeSpan.FromSeconds(20));
        var justOpened = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(20));
        var openAndFrozen = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.Finnhub, closed.ServedBy);
        Assert.Null(closed.FallbackReason);
        Assert.Equal("serving", closed.Sources[0].State);
        Assert.Equal(QuoteSources.Finnhub, justOpened.ServedBy);
        Assert.Equal(QuoteSources.TwelveData, openAndFrozen.ServedBy);
        Assert.Equal("Finnhub stopped updating (no new price for 40 s)", openAndFrozen.FallbackReason);
    }

    [Fact]
    public async Task A_stale_source_still_serves_as_a_last_resort_when_every_other_source_fails()
    {
        var chain = Chain();
        var frozen = clock.GetUtcNow();
        finnhub.Next = _ => Priced(finnhub.Name, frozen);
        twelveData.Next = _ => throw new QuoteSourceException(QuoteSources.TwelveData, QuoteSourceError.Unavailable, "HTTP 500");

        await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(45));
        var result = await chain.FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.Finnhub, result.ServedBy);
        Assert.Equal(frozen, Assert.Single(result.Quotes).SourceTime);
        Assert.Equal("Finnhub stopped updating (no new price for 45 s); Twelve Data is unavailable", result.FallbackReason);
        Assert.Equal(["stale", "failing"], result.Sources.Select(s => s.State));
    }

    [Fact]
    public async Task A_source_that_answers_with_no_prices_hands_over_to_the_next()
    {
        finnhub.Next = _ => Task.FromResult<IReadOnlyList<Quote>>([]);

        var result = await Chain().FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Equal(QuoteSources.TwelveData, result.ServedBy);
        Assert.Equal("Finnhub returned no prices", result.FallbackReason);
    }

    [Fact]
    public async Task When_every_source_fails_the_result_is_empty_and_says_why()
    {
        finnhub.Next = _ => throw new QuoteSourceException(QuoteSources.Finnhub, QuoteSourceError.Unavailable, "request failed");
        twelveData.Next = _ => throw new QuoteSourceException(QuoteSources.TwelveData, QuoteSourceError.BadResponse, "unreadable quote");

        var result = await Chain().FetchAsync(Symbols, marketOpen: true, Ct);

        Assert.Empty(result.Quotes);
        Assert.Null(result.ServedBy);
        Assert.Equal(QuoteSources.Finnhub, result.PreferredSource);
        Assert.Equal("No source is serving: Finnhub is unavailable; Twelve Data sent an answer that could not be read", result.FallbackReason);
        Assert.Equal(["failing", "failing"], result.Sources.Select(s => s.State));
    }

    [Fact]
    public async Task A_poll_cancelled_by_its_caller_throws_instead_of_falling_back()
    {
        finnhub.Next = async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Chain().FetchAsync(Symbols, marketOpen: true, cts.Token));
        Assert.Equal(0, twelveData.Calls);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paced_provider_is_called_once_per_interval_and_is_not_stale_in_between()
    {
        finnhub.MinimumPollInterval = TimeSpan.FromSeconds(60);
        var chain = Chain(new ChainOptions { StaleAfter = TimeSpan.FromSeconds(30) });
        Assert.Equal(QuoteSources.Finnhub, (await chain.FetchAsync(Symbols, marketOpen: true, Ct)).ServedBy);

        // Ticks every 15 s for 45 s: the last answer serves, no call is spent, and 45 s of unchanged prices is not
        // "stale" for a source that is only asked once a minute.
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(15));
            var between = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
            Assert.Equal((QuoteSources.Finnhub, (string?)null), (between.ServedBy, between.FallbackReason));
        }
        Assert.Equal(1, finnhub.Calls);

        clock.Advance(TimeSpan.FromSeconds(16));
        await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        Assert.Equal(2, finnhub.Calls);
        Assert.Equal(0, twelveData.Calls);

        // A provider whose answers stop moving is still found out, after two of its intervals.
        finnhub.Next = _ => Priced(finnhub.Name, Open);
        clock.Advance(TimeSpan.FromSeconds(61));
        await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        clock.Advance(TimeSpan.FromSeconds(61));
        var stale = await chain.FetchAsync(Symbols, marketOpen: true, Ct);
        Assert.Equal(QuoteSources.TwelveData, stale.ServedBy);
        Assert.StartsWith("Finnhub stopped updating", stale.FallbackReason, StringComparison.Ordinal);
    }

    private QuoteSourceChain Chain(ChainOptions? options = null) => new([finnhub, twelveData], options ?? new ChainOptions(), clock);

    private static Task<IReadOnlyList<Quote>> Priced(string source, DateTimeOffset at) => Task.FromResult<IReadOnlyList<Quote>>(
    [
        new Quote
        {
            Symbol = "RELIANCE",
            Source = source,
            Last = 1287.35m,
            PreviousClose = 1299.60m,
            Open = 1299.90m,
            High = 1301.50m,
            Low = 1281.05m,
            Volume = 6843215,
            SourceTime = at,
        },
    ]);
}

/// <summary>A stand-in for a network source: each poll runs whatever the test last scripted, and is counted.</summary>
public sealed class ScriptedSource(string name) : IQuoteSource
{
    private int calls;

    public string Name => name;
    public Func<CancellationToken, Task<IReadOnlyList<Quote>>> Next { get; set; } = _ => Task.FromResult<IReadOnlyList<Quote>>([]);
    public int Calls => Volatile.Read(ref calls);
    public TimeSpan MinimumPollInterval { get; set; } = TimeSpan.Zero;

    public Task<IReadOnlyList<Quote>> FetchAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        Interlocked.Increment(ref calls);
        return Next(ct);
    }
}
