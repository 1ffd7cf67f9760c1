using System.Globalization;
using System.Net;
using System.Text.Json;

namespace StockVision.Features.Live.Providers;

/// <summary>What both HTTP adapters share: one timeout over a whole fetch, and HTTP failures mapped to <see cref="QuoteSourceError"/>.</summary>
internal static class ProviderHttp
{
    // Long enough for a provider's one-line error message, short enough that an HTML error page stays out of the logs.
    private const int MaxDetailLength = 200;

    public static async Task<T> WithTimeoutAsync<T>(string source, TimeSpan timeout, Func<CancellationToken, Task<T>> fetch, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            return await fetch(timeoutCts.Token);
        }
        // HttpClient.Timeout surfaces as a cancellation too; only the caller's own token means "stop", anything else is slowness.
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new QuoteSourceException(source, QuoteSourceError.Unavailable,
                $"no answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", inner: e);
        }
    }

    /// <summary>Sends the request and returns the body of a 2xx answer; transport failures and error statuses throw.</summary>
    public static async Task<string> SendAsync(HttpClient http, HttpRequestMessage request, string source, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new QuoteSourceException(source, QuoteSourceError.Unavailable, $"request failed: {e.Message}", inner: e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }
            var code = (int)response.StatusCode;
            var detail = ErrorDetail(body);
            throw Error(source, code, detail is null ? $"HTTP {code}" : $"HTTP {code}: {detail}", RetryAfter(response));
        }
    }

    /// <summary>The error for a provider's status code, whether it came as the HTTP status or inside a 200 body.</summary>
    public static QuoteSourceException Error(string source, int code, string message, TimeSpan? retryAfter = null) => code switch
    {
        (int)HttpStatusCode.TooManyRequests => new(source, QuoteSourceError.RateLimited, message, retryAfter),
        (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => new(source, QuoteSourceError.Unauthorized, message),
        (int)HttpStatusCode.RequestTimeout or >= 500 => new(source, QuoteSourceError.Unavailable, message),
        _ => new(source, QuoteSourceError.BadResponse, message),
    };

    public static QuoteSourceException BadResponse(string source, string message, Exception? inner = null) =>
        new(source, QuoteSourceError.BadResponse, message, inner: inner);

    /// <summary>The provider's own words from an error body ({"error": …} for Finnhub, {"message": …} for Twelve Data), if it has any.</summary>
    public static string? ErrorDetail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var name in (ReadOnlySpan<string>)["error", "message"])
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return Truncate(value.GetString()!);
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static decimal Paise(decimal rupees) => Math.Round(rupees, 2, MidpointRounding.AwayFromZero);

    private static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        // An absolute Retry-After is measured against the server's own Date header, so this machine's clock never enters into it.
        { Date: { } at } when response.Headers.Date is { } sent => at > sent ? at - sent : TimeSpan.Zero,
        _ => null,
    };
}
