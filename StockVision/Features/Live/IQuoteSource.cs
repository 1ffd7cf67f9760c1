using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>
/// A market-data source the ingest leader polls. Sources are tried in the configured order by <c>QuoteSourceChain</c>;
/// a source that throws, times out or stops advancing its timestamps hands over to the next one.
/// </summary>
public interface IQuoteSource
{
    /// <summary>A <see cref="QuoteSources"/> name.</summary>
    string Name { get; }

    /// <summary>
    /// The latest quote of each symbol the source knows (unknown symbols are left out, not an error). Failures throw
    /// <see cref="QuoteSourceException"/>; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<IReadOnlyList<Quote>> FetchAsync(IReadOnlyList<string> symbols, CancellationToken ct);

    /// <summary>
    /// The chain asks no more often than this and serves the last answer in between: a provider's quota, not the
    /// tick interval, sets how often it is called. Zero (the default) means every tick.
    /// </summary>
    TimeSpan MinimumPollInterval => TimeSpan.Zero;
}

public enum QuoteSourceError
{
    /// <summary>Network failure, timeout or a 5xx: worth retrying later.</summary>
    Unavailable,

    /// <summary>The provider's rate limit (HTTP 429 or its own limit message); <see cref="QuoteSourceException.RetryAfter"/> when it says.</summary>
    RateLimited,

    /// <summary>The API key is missing, wrong or lacks access to this data (401/403).</summary>
    Unauthorized,

    /// <summary>The response could not be understood.</summary>
    BadResponse,
}

public sealed class QuoteSourceException(string source, QuoteSourceError error, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception($"{source}: {message}", inner)
{
    public string SourceName { get; } = source;
    public QuoteSourceError Error { get; } = error;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
