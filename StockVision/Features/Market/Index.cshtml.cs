using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Charting;
using StockVision.Engines.Market;
using StockVision.Features.Shared;
using StockVision.Infrastructure;

namespace StockVision.Features.Market;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = WebPages.MarketPagesPolicy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(MarketQueries market) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tf")]
    public string? TimeframeCode { get; set; }

    public PricePoint? IndexLatest { get; private set; }
    public PricePoint? IndexPrevious { get; private set; }
    public PriceChartModel Chart { get; private set; } = null!;
    public DateOnly? Session { get; private set; }
    public MarketBreadth Breadth { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var history = await market.IndexHistoryAsync(ct);
        var timeframe = Timeframes.Parse(TimeframeCode, Timeframe.OneYear);
        Chart = new PriceChartModel
        {
            Id = "index-chart",
            Title = "NIFTY 50 · index level",
            Subject = "the NIFTY 50",
            IsRupees = false,
            Timeframe = timeframe,
            Points = PriceChartModel.Window(history, timeframe),
            Links = Timeframes.All.Select(tf => new TimeframeLink(tf, Url.Page("/Market/Index", new { tf = tf.Code() })!, tf == timeframe)).ToList(),
        };
        Response.VaryOnHtmx();
        if (Request.IsHtmx())
        {
            return Partial("_PriceChart", Chart);
        }

        if (history.Count > 0)
        {
            IndexLatest = history[^1];
            IndexPrevious = history.Count > 1 ? history[^2] : null;
        }
        var moves = await market.LatestSessionMovesAsync(ct);
        Session = moves.Session;
        Breadth = Engines.Market.Breadth.Compute(moves.Moves);
        return Page();
    }
}
