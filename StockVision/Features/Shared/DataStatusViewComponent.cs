using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StockVision.Features.Market;

namespace StockVision.Features.Shared;

public sealed record DataStatus(DateOnly? LatestSession, int AgeDays, bool IsStale);

/// <summary>The footer's word on how old the prices are, so nobody mistakes bundled history for a live market.</summary>
public sealed class DataStatusViewComponent(MarketQueries market, TimeProvider clock, IOptions<MarketOptions> options) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var freshness = await market.FreshnessAsync(HttpContext.RequestAborted);
        var today = Infrastructure.Ist.Today(clock);
        var age = freshness.LatestSession is { } d ? today.DayNumber - d.DayNumber : int.MaxValue;
        return View("~/Features/Shared/_DataStatus.cshtml",
            new DataStatus(freshness.LatestSession, age, age > options.Value.StaleAfterDays));
    }
}
