using System.Text.Json;
using Microsoft.Extensions.Options;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live.Providers;

/// <summary>Bound from "Market:Live:Finnhub". The source stays off until <see cref="ApiKey"/> is set (user secrets or the environment, never the repository).</summary>
public sealed class FinnhubOptions
{
    public const string Section = "Market:Live:Finnhub";

    public string? ApiKey { get; set; }
    public Uri BaseUrl { get; set; } = new("https://finnhub.io/api/v1/");

    /// <summary>For one whole fetch, all symbols included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Appended to an NSE symbol to make Finnhub's ("RELIANCE" → "RELIANCE.NS").</summary>
    public string SymbolSuffix { get; set; } = ".NS";

    /// <summary>NSE symbol → Finnhub symbol, for the few that do not follow the suffix rule.</summary>
    public Dictionary<string, string> SymbolMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finnhub's /quote takes one symbol per request; this many run at once.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How late the subscribed plan's prices are; shown beside every price. Assume a free tier's delay until told otherwise.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the chain calls this provider. Finnhub's free tier allows 60 calls a minute and /quote takes one symbol per call: 50 symbols every 60 s fit.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    public static bool IsConfigured(FinnhubOptions options) => !string.IsNullOrWhiteSpace(options.ApiKey);
}

/// <summary>Quotes from Finnhub's /quote endpoint, one request per symbol.</summary>
public sealed class FinnhubQuoteSource(HttpClient http, IOptions<FinnhubOptions> options) : IQuoteSource
{
    public TimeSpan MinimumPollInterval => options.Value.PollInterval;

    public string Name => QuoteSources.Finnhub;

    public async Task<IReadOnlyList<Quote>> FetchAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        var o = options.Value;
        var key = o.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new QuoteSourceException(Name, QuoteSourceError.Unauthorized, "no API key is configured");
        }

        var found = new Quote?[symbols.Count];
        await ProviderHttp.WithTimeoutAsync(Name, o.Timeout, async token =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxConcurrency), CancellationToken = token };
            // The first failure cancels the requests still in flight, and is the exception awaiting the loop rethrows.
            await Parallel.ForEachAsync(Enumerable.Range(0, symbols.Count), parallel, async (i, t) =>
                found[i] = await FetchOneAsync(o, key, symbols[i], t));
            return true;
        }, ct);
        return [.. found.OfType<Quote>()];
    }

    private async Task<Quote?> FetchOneAsync(FinnhubOptions o, string key, string symbol, CancellationToken ct)
    {
        var providerSymbol = o.SymbolMap.TryGetValue(symbol, out var mapped) ? mapped : symbol + o.SymbolSuffix;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(o.BaseUrl, "quote?symbol=" + Uri.EscapeDataString(providerSymbol)));
        // A header rather than ?token=: request URLs end up in logs and traces, header values do not.
        request.Headers.Add("X-Finnhub-Token", key);
        var body = await ProviderHttp.SendAsync(http, request, Name, ct);
        return Parse(symbol, body, o.Delay);
    }

    private Quote? Parse(string symbol, string body, TimeSpan delay)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ProviderHttp.BadResponse(Name, $"expected an object for {symbol}, got {root.ValueKind}");
            }
            if (root.TryGetProperty("error", out var error))
            {
                throw ProviderHttp.BadResponse(Name, $"error for {symbol}: {error}");
            }

            var last = Number(root, "c", symbol);
            var time = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : 0;
            // Finnhub answers an unknown symbol with 200 and zeros rather than a 404.
            if (last == 0 && time == 0)
            {
                return null;
            }
            return new Quote
            {
                Symbol = symbol,
                Source = Name,
                Exchange = "NSE",
                Last = ProviderHttp.Paise(last),
                PreviousClose = ProviderHttp.Paise(Number(root, "pc", symbol)),
                Open = ProviderHttp.Paise(Number(root, "o", symbol)),
                High = ProviderHttp.Paise(Number(root, "h", symbol)),
                Low = ProviderHttp.Paise(Number(root, "l", symbol)),
                // /quote carries no volume.
                Volume = 0,
                SourceTime = DateTimeOffset.FromUnixTimeSeconds(time),
                Delay = delay,
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentOutOfRangeException)
        {
            throw ProviderHttp.BadResponse(Name, $"unreadable quote for {symbol}: {e.Message}", e);
        }
    }

    private decimal Number(JsonElement root, string field, string symbol) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDecimal()
            : throw ProviderHttp.BadResponse(Name, $"quote for {symbol} has no number in \"{field}\"");
}
