using StockVision.Engines.Market.Live;
using StockVision.Features.Live;

namespace StockVision.Tests.Support;

public static class Quotes
{
    /// <summary>A simulated quote for tests: the day's range encloses the previous close and the last price.</summary>
    public static Quote Make(string symbol, decimal last, decimal previousClose = 100m, DateTimeOffset? at = null, long volume = 1_000) => new()
    {
        Symbol = symbol,
        Source = QuoteSources.Simulated,
        Last = last,
        PreviousClose = previousClose,
        Open = previousClose,
        High = Math.Max(last, previousClose),
        Low = Math.Min(last, previousClose),
        Volume = volume,
        Bid = last - 0.05m,
        Ask = last + 0.05m,
        SourceTime = at ?? DateTimeOffset.UtcNow,
    };

    public static FeedStatus Serving(string source = QuoteSources.Simulated) =>
        new(source, source, null, DateTimeOffset.UtcNow, MarketOpen: true, IsStale: false, Lag: TimeSpan.Zero);

    /// <summary>Through the leader's real write path: sequence, database, bus, every node's hub.</summary>
    public static Task<int> IngestAsync(AppFixture app, params Quote[] quotes) =>
        app.Services<QuoteIngest>().IngestAsync(quotes, Serving(), TestContext.Current.CancellationToken);
}

public static class QuoteWait
{
    /// <summary>With Redis the bus is asynchronous: wait until this node's hub holds the expected price.</summary>
    public static async Task UntilAsync(IServiceProvider services, string symbol, decimal last, TimeSpan? timeout = null)
    {
        var hub = (ILiveQuotes)services.GetService(typeof(ILiveQuotes))!;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (hub.Latest(symbol)?.Last != last)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{symbol} never reached {last} on this node (it holds {hub.Latest(symbol)?.Last}).");
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
