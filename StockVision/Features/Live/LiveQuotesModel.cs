using StockVision.Infrastructure;

namespace StockVision.Features.Live;

/// <summary>What <c>_LiveQuotes</c> needs: the symbols this page shows (and nothing else is subscribed), where Refresh goes, and the feed's state.</summary>
public sealed record LiveQuotesModel(IReadOnlyList<string> Symbols, string RefreshUrl, FeedStatus Status, DateTimeOffset RenderedAt)
{
    public string StreamUrl => QuoteStreamEndpoint.Path + "?symbols=" + string.Join(",", Symbols.Select(Uri.EscapeDataString));

    public string RenderedAtIst => Ist.ToIst(RenderedAt).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " IST";
}
