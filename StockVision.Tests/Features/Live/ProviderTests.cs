using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockVision.Engines.Market.Live;
using StockVision.Features.Live;
using StockVision.Features.Live.Providers;

namespace StockVision.Tests.Features.Live;

/// <summary>
/// The Finnhub and Twelve Data adapters against responses recorded from the providers' documentation (Fixtures/Providers,
/// see SOURCE.md there), served by an in-process transport: nothing here reaches the network.
/// </summary>
public class ProviderTests
{
    private const string FinnhubKey = "fh-test-key-0123456789";
    private const string TwelveDataKey = "td-test-key-9876543210";
    private static readonly DateTimeOffset ElevenFortyTwoIst = new(2025, 1, 15, 6, 12, 0, TimeSpan.Zero);

    [Fact]
    public async Task Finnhub_quote_is_read_exactly_and_the_key_travels_only_in_a_header()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "finnhub-quote.json"));

        var quotes = await Finnhub(transport).FetchAsync(["RELIANCE"], Ct);

        var quote = Assert.Single(quotes);
        Assert.Equal("RELIANCE", quote.Symbol);
        Assert.Equal(QuoteSources.Finnhub, quote.Source);
        Assert.Equal("NSE", quote.Exchange);
        Assert.Equal(1287.35m, quote.Last);
        Assert.Equal(1299.60m, quote.PreviousClose);
        Assert.Equal(1299.90m, quote.Open);
        Assert.Equal(1301.50m, quote.High);
        Assert.Equal(1281.05m, quote.Low);
        Assert.Equal(0, quote.Volume);
        Assert.Equal(ElevenFortyTwoIst, quote.SourceTime);
        Assert.Equal(TimeSpan.FromMinutes(15), quote.Delay);

        var sent = Assert.Single(transport.Requests);
        Assert.Equal("https://finnhub.io/api/v1/quote?symbol=RELIANCE.NS", sent.Uri.AbsoluteUri);
        Assert.Equal(FinnhubKey, sent.Header("X-Finnhub-Token"));
        Assert.DoesNotContain(FinnhubKey, sent.Uri.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finnhub_leaves_out_a_symbol_it_answers_with_zeros()
    {
        var transport = new RecordedTransport(request => request.RequestUri!.Query.Contains("NOSUCHCO", StringComparison.Ordinal)
            ? new Reply(HttpStatusCode.OK, "finnhub-quote-unknown-symbol.json")
            : new Reply(HttpStatusCode.OK, "finnhub-quote.json"));

        var quotes = await Finnhub(transport).FetchAsync(["RELIANCE", "NOSUCHCO"], Ct);

        Assert.Equal("RELIANCE", Assert.Single(quotes).Symbol);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Finnhub_maps_symbols_with_the_configured_suffix_unless_the_symbol_map_says_otherwise()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "finnhub-quote.json"));
        var options = WithFinnhubKey();
        options.SymbolSuffix = ".NSE";
        options.SymbolMap["M&M"] = "MM.NS";

        var quotes = await Finnhub(transport, options).FetchAsync(["TCS", "M&M"], Ct);

        Assert.Equal(["M&M", "TCS"], quotes.Select(q => q.Symbol).Order(StringComparer.Ordinal));
        Assert.Equal(["symbol=MM.NS", "symbol=TCS.NSE"],
            transport.Requests.Select(r => r.Uri.Query.TrimStart('?')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Finnhub_never_has_more_requests_in_flight_than_MaxConcurrency()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "finnhub-quote.json")) { Latency = TimeSpan.FromMilliseconds(20) };
        var options = WithFinnhubKey();
        options.MaxConcurrency = 2;

        var quotes = await Finnhub(transport, options).FetchAsync(["A", "B", "C", "D", "E", "F"], Ct);

        Assert.Equal(6, quotes.Count);
        Assert.Equal(2, transport.MaxInFlight);
    }

    [Fact]
    public async Task Finnhub_429_is_rate_limited_and_carries_the_retry_after_it_was_given()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.TooManyRequests, "finnhub-rate-limited.json", RetryAfter: TimeSpan.FromSeconds(30)));

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => Finnhub(transport).FetchAsync(["RELIANCE"], Ct));

        Assert.Equal(QuoteSourceError.RateLimited, error.Error);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(QuoteSources.Finnhub, error.SourceName);
        Assert.Contains("API limit reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finnhub_429_without_retry_after_is_rate_limited_with_no_wait_given()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.TooManyRequests, "finnhub-rate-limited.json"));

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => Finnhub(transport).FetchAsync(["RELIANCE", "TCS"], Ct));

        Assert.Equal(QuoteSourceError.RateLimited, error.Error);
        Assert.Null(error.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "finnhub-invalid-key.json", QuoteSourceError.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, "finnhub-invalid-key.json", QuoteSourceError.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError, "finnhub-server-error.html", QuoteSourceError.Unavailable)]
    [InlineData(HttpStatusCode.OK, "finnhub-malformed.json", QuoteSourceError.BadResponse)]
    public async Task Finnhub_failures_map_to_the_matching_source_error(HttpStatusCode status, string fixture, QuoteSourceError expected)
    {
        var transport = new RecordedTransport(_ => new Reply(status, fixture));

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => Finnhub(transport).FetchAsync(["RELIANCE"], Ct));

        Assert.Equal(expected, error.Error);
        Assert.DoesNotContain(FinnhubKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finnhub_network_failure_is_unavailable()
    {
        var transport = new RecordedTransport(_ => throw new HttpRequestException("Connection refused (finnhub.io:443)"));

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => Finnhub(transport).FetchAsync(["RELIANCE"], Ct));

        Assert.Equal(QuoteSourceError.Unavailable, error.Error);
    }

    [Fact]
    public async Task Finnhub_that_does_not_answer_within_its_timeout_is_unavailable()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "finnhub-quote.json")) { Latency = Timeout.InfiniteTimeSpan };
        var options = WithFinnhubKey();
        options.Timeout = TimeSpan.FromMilliseconds(100);

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => Finnhub(transport, options).FetchAsync(["RELIANCE"], Ct));

        Assert.Equal(QuoteSourceError.Unavailable, error.Error);
    }

    [Fact]
    public async Task Finnhub_without_a_key_is_unauthorized_and_sends_nothing()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "finnhub-quote.json"));
        var options = WithFinnhubKey();
        options.ApiKey = " ";

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => Finnhub(transport, options).FetchAsync(["RELIANCE"], Ct));

        Assert.Equal(QuoteSourceError.Unauthorized, error.Error);
        Assert.Empty(transport.Requests);
        Assert.False(FinnhubOptions.IsConfigured(options));
        Assert.True(FinnhubOptions.IsConfigured(WithFinnhubKey()));
    }

    [Fact]
    public async Task Twelve_Data_single_quote_is_read_exactly_and_the_key_travels_only_in_a_header()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "twelvedata-quote-single.json"));

        var quotes = await TwelveData(transport).FetchAsync(["RELIANCE"], Ct);

        var quote = Assert.Single(quotes);
        Assert.Equal("RELIANCE", quote.Symbol);
        Assert.Equal(QuoteSources.TwelveData, quote.Source);
        Assert.Equal("NSE", quote.Exchange);
        Assert.Equal(1287.35m, quote.Last);
        Assert.Equal(1299.60m, quote.PreviousClose);
        Assert.Equal(1299.90m, quote.Open);
        Assert.Equal(1301.50m, quote.High);
        Assert.Equal(1281.05m, quote.Low);
        Assert.Equal(6843215, quote.Volume);
        // last_quote_at, not the day bar's timestamp (09:15 IST).
        Assert.Equal(ElevenFortyTwoIst, quote.SourceTime);
        Assert.Equal(TimeSpan.FromMinutes(15), quote.Delay);

        var sent = Assert.Single(transport.Requests);
        Assert.Equal("https://api.twelvedata.com/quote?symbol=RELIANCE&exchange=NSE", sent.Uri.AbsoluteUri);
        Assert.Equal("apikey " + TwelveDataKey, sent.Header("Authorization"));
        Assert.DoesNotContain(TwelveDataKey, sent.Uri.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twelve_Data_batch_is_one_request_read_by_symbol_and_an_unknown_symbol_is_left_out()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "twelvedata-quote-batch.json"));

        var quotes = await TwelveData(transport).FetchAsync(["RELIANCE", "TCS", "NOSUCHCO"], Ct);

        Assert.Equal(["RELIANCE", "TCS"], quotes.Select(q => q.Symbol));
        var tcs = quotes[1];
        Assert.Equal(4105.45m, tcs.Last);
        Assert.Equal(4087.30m, tcs.PreviousClose);
        Assert.Equal(4112.00m, tcs.Open);
        Assert.Equal(4139.95m, tcs.High);
        Assert.Equal(4089.10m, tcs.Low);
        Assert.Equal(1204387, tcs.Volume);
        Assert.Equal(ElevenFortyTwoIst.AddMinutes(-1), tcs.SourceTime);
        var sent = Assert.Single(transport.Requests);
        Assert.Equal("https://api.twelvedata.com/quote?symbol=RELIANCE,TCS,NOSUCHCO&exchange=NSE", sent.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Twelve_Data_single_unknown_symbol_gives_no_quote_rather_than_an_error()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.OK, "twelvedata-unknown-symbol.json"));

        Assert.Empty(await TwelveData(transport).FetchAsync(["NOSUCHCO"], Ct));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "twelvedata-rate-limited.json", QuoteSourceError.RateLimited)]
    [InlineData(HttpStatusCode.OK, "twelvedata-quote-batch-out-of-credits.json", QuoteSourceError.RateLimited)]
    [InlineData(HttpStatusCode.OK, "twelvedata-invalid-key.json", QuoteSourceError.Unauthorized)]
    [InlineData(HttpStatusCode.OK, "twelvedata-server-error.json", QuoteSourceError.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, "twelvedata-server-error.json", QuoteSourceError.Unavailable)]
    [InlineData(HttpStatusCode.OK, "twelvedata-malformed.json", QuoteSourceError.BadResponse)]
    public async Task Twelve_Data_failures_map_to_the_matching_source_error(HttpStatusCode status, string fixture, QuoteSourceError expected)
    {
        var transport = new RecordedTransport(_ => new Reply(status, fixture));

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => TwelveData(transport).FetchAsync(["RELIANCE", "TCS"], Ct));

        Assert.Equal(expected, error.Error);
        Assert.Equal(QuoteSources.TwelveData, error.SourceName);
        Assert.DoesNotContain(TwelveDataKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twelve_Data_http_429_carries_the_retry_after_it_was_given()
    {
        var transport = new RecordedTransport(_ => new Reply(HttpStatusCode.TooManyRequests, "twelvedata-rate-limited.json", RetryAfter: TimeSpan.FromSeconds(42)));

        var error = await Assert.ThrowsAsync<QuoteSourceException>(() => TwelveData(transport).FetchAsync(["RELIANCE"], Ct));

        Assert.Equal(QuoteSourceError.RateLimited, error.Error);
        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
    }

    [Fact]
    public void Both_providers_are_off_until_a_key_is_configured_and_bind_from_their_sections()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Market:Live:Finnhub:SymbolSuffix"] = ".BO",
            ["Market:Live:TwelveData:ApiKey"] = "from-user-secrets",
            ["Market:Live:TwelveData:Delay"] = "00:00:00",
        }).Build();
        using var services = new ServiceCollection().AddQuoteProviders(config).BuildServiceProvider();

        var finnhub = services.GetRequiredService<IOptions<FinnhubOptions>>().Value;
        var twelveData = services.GetRequiredService<IOptions<TwelveDataOptions>>().Value;

        Assert.False(FinnhubOptions.IsConfigured(finnhub));
        Assert.Equal(".BO", finnhub.SymbolSuffix);
        Assert.True(TwelveDataOptions.IsConfigured(twelveData));
        Assert.Equal(TimeSpan.Zero, twelveData.Delay);
        Assert.Equal(QuoteSources.Finnhub, services.GetRequiredService<FinnhubQuoteSource>().Name);
        Assert.Equal(QuoteSources.TwelveData, services.GetRequiredService<TwelveDataQuoteSource>().Name);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FinnhubOptions WithFinnhubKey() => new() { ApiKey = FinnhubKey };

    private static FinnhubQuoteSource Finnhub(RecordedTransport transport, FinnhubOptions? options = null) =>
        new(new HttpClient(transport), Options.Create(options ?? WithFinnhubKey()));

    private static TwelveDataQuoteSource TwelveData(RecordedTransport transport) =>
        new(new HttpClient(transport), Options.Create(new TwelveDataOptions { ApiKey = TwelveDataKey }));
}

public sealed record Reply(HttpStatusCode Status, string Fixture, TimeSpan? RetryAfter = null);

public sealed record SentRequest(Uri Uri, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A fake transport under HttpClient: answers each request with a recorded body and status, and keeps what was sent
/// (URL and headers) so a test can check where the key went.
/// </summary>
public sealed class RecordedTransport(Func<HttpRequestMessage, Reply> reply) : HttpMessageHandler
{
    private readonly List<SentRequest> requests = [];
    private int inFlight;
    private int maxInFlight;

    public TimeSpan Latency { get; init; }

    public IReadOnlyList<SentRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (requests)
        {
            requests.Add(new SentRequest(request.RequestUri!,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
        }
        var now = Interlocked.Increment(ref inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }
            if (Latency != TimeSpan.Zero)
            {
                await Task.Delay(Latency, cancellationToken);
            }

            var answer = reply(request);
            var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Providers", answer.Fixture);
            var mediaType = answer.Fixture.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "application/json";
            var response = new HttpResponseMessage(answer.Status)
            {
                Content = new StringContent(await File.ReadAllTextAsync(path, cancellationToken), Encoding.UTF8, mediaType),
                RequestMessage = request,
            };
            if (answer.RetryAfter is { } wait)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            }
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
