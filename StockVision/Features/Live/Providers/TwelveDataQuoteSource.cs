using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live.Providers;

/// <summary>Bound from "Market:Live:TwelveData". The source stays off until <see cref="ApiKey"/> is set (user secrets or the environment, never the repository).</summary>
public sealed class TwelveDataOptions
{
    public const string Section = "Market:Live:TwelveData";

    public string? ApiKey { get; set; }
    public Uri BaseUrl { get; set; } = new("https://api.twelvedata.com/");
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent as exchange=…, so symbols go out as NSE spells them.</summary>
    public string Exchange { get; set; } = "NSE";

    /// <summary>How late the subscribed plan's prices are; shown beside every price. Assume a free tier's delay until told otherwise.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the chain calls this provider. Twelve Data charges one credit per symbol; set this so symbols × (60 s ÷ interval) stays within the plan's credits per minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    public static bool IsConfigured(TwelveDataOptions options) => !string.IsNullOrWhiteSpace(options.ApiKey);
}

/// <summary>
/// Quotes from Twelve Data's /quote endpoint, all symbols in one batch request. Twelve Data reports most errors as HTTP 200
/// with {"code", "message", "status": "error"}, for the whole request or for one symbol inside a batch.
/// </summary>
public sealed class TwelveDataQuoteSource(HttpClient http, IOptions<TwelveDataOptions> options) : IQuoteSource
{
    public TimeSpan MinimumPollInterval => options.Value.PollInterval;

    public string Name => QuoteSources.TwelveData;

    public async Task<IReadOnlyList<Quote>> FetchAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        var o = options.Value;
        var key = o.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new QuoteSourceException(Name, QuoteSourceError.Unauthorized, "no API key is configured");
        }
        var requested = symbols.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (requested.Count == 0)
        {
            return [];
        }

        var query = "quote?symbol=" + string.Join(',', requested.Select(Uri.EscapeDataString)) + "&exchange=" + Uri.EscapeDataString(o.Exchange);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(o.BaseUrl, query));
        // A header rather than ?apikey=: request URLs end up in logs and traces, header values do not.
        request.Headers.Authorization = new AuthenticationHeaderValue("apikey", key);
        var body = await ProviderHttp.WithTimeoutAsync(Name, o.Timeout, token => ProviderHttp.SendAsync(http, request, Name, token), ct);
        return Parse(requested, body, o.Delay);
    }

    private List<Quote> Parse(List<string> requested, string body, TimeSpan delay)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ProviderHttp.BadResponse(Name, $"expected an object, got {root.ValueKind}");
            }
            if (IsError(root, out var code, out var message))
            {
                // For a single symbol the whole answer is that symbol's; a batch reports an unknown symbol inside its entry instead.
                return requested.Count == 1 && IsUnknownSymbol(code) ? [] : throw ProviderHttp.Error(Name, code, $"code {code}: {message}");
            }
            // One symbol comes back as the quote itself; several come back keyed by symbol.
            if (root.TryGetProperty("symbol", out var single) && single.ValueKind == JsonValueKind.String)
            {
                return [ToQuote(requested[0], root, delay)];
            }

            var quotes = new List<Quote>();
            foreach (var entry in root.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Object)
                {
                    throw ProviderHttp.BadResponse(Name, $"entry \"{entry.Name}\" is not an object");
                }
                if (IsError(entry.Value, out code, out message))
                {
                    if (IsUnknownSymbol(code))
                    {
                        continue;
                    }
                    // A rate limit or a refused key part-way through a batch is the source's trouble, not this symbol's:
                    // a partial batch would quietly freeze the missing symbols, so hand the whole poll to the next source.
                    throw ProviderHttp.Error(Name, code, $"code {code} for {entry.Name}: {message}");
                }
                var symbol = requested.Find(s => string.Equals(s, entry.Name, StringComparison.OrdinalIgnoreCase)) ?? entry.Name;
                quotes.Add(ToQuote(symbol, entry.Value, delay));
            }
            return quotes;
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or InvalidOperationException)
        {
            throw ProviderHttp.BadResponse(Name, $"unreadable quote: {e.Message}", e);
        }
    }

    private static bool IsUnknownSymbol(int code) => code is 400 or 404;

    private static bool IsError(JsonElement element, out int code, out string message)
    {
        var isError = element.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() == "error";
        code = isError && element.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
        message = isError && element.TryGetProperty("message", out var m) ? m.ToString() : "";
        return isError;
    }

    private Quote ToQuote(string symbol, JsonElement q, TimeSpan delay) => new()
    {
        Symbol = symbol,
        Source = Name,
        Exchange = "NSE",
        Last = ProviderHttp.Paise(Number(q, "close", symbol)),
        PreviousClose = ProviderHttp.Paise(Number(q, "previous_close", symbol)),
        Open = ProviderHttp.Paise(Number(q, "open", symbol)),
        High = ProviderHttp.Paise(Number(q, "high", symbol)),
        Low = ProviderHttp.Paise(Number(q, "low", symbol)),
        // Indices carry no volume.
        Volume = q.TryGetProperty("volume", out _) ? (long)Number(q, "volume", symbol) : 0,
        // "timestamp" is when the day's bar opened and stays put all session; "last_quote_at" moves with the price.
        SourceTime = DateTimeOffset.FromUnixTimeSeconds((long)(q.TryGetProperty("last_quote_at", out _)
            ? Number(q, "last_quote_at", symbol)
            : Number(q, "timestamp", symbol))),
        Delay = delay,
    };

    // Twelve Data sends numbers as strings ("2934.19995"); accept real JSON numbers too in case that changes.
    private decimal Number(JsonElement q, string field, string symbol) =>
        !q.TryGetProperty(field, out var value) ? throw ProviderHttp.BadResponse(Name, $"quote for {symbol} has no \"{field}\"")
        : value.ValueKind == JsonValueKind.Number ? value.GetDecimal()
        : value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : throw ProviderHttp.BadResponse(Name, $"quote for {symbol} has no number in \"{field}\"");
}
