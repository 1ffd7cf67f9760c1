using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StockVision.Features.Live;
using StockVision.Features.Market;

namespace StockVision.Features.Shared;

public sealed record DataStatus(DateOnly? LatestSession, int AgeDays, bool IsStale, FeedStatus Feed);

/// <summary>
/// The footer's word on how old the prices are: the live feed (which source, how far behind) and the bundled
/// end-of-day history, so nobody mistakes either for something it is not.
/// </summary>
public sealed class DataStatusViewComponent(MarketQueries market, ILiveQuotes live, TimeProvider clock, IOptions<MarketOptions> options) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var freshness = await market.FreshnessAsync(HttpContext.RequestAborted);
        var today = Infrastructure.Ist.Today(clock);
        var age = freshness.LatestSession is { } d ? today.DayNumber - d.DayNumber : int.MaxValue;
        return View("~/Features/Shared/_DataStatus.cshtml",
            new DataStatus(freshness.LatestSession, age, age > options.Value.StaleAfterDays, live.Status));
    }
}
