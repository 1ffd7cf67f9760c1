using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Charting;
using StockVision.Engines.Indicators;
using StockVision.Features.Stocks;
using StockVision.Infrastructure;

namespace StockVision.Features.Charts;

/// <summary>
/// /stocks/{symbol}/chart?tf=1Y&amp;o=sma50&amp;o=bb&amp;p=rsi&amp;set=1: a GET form of checkboxes, so every chart is a link and
/// works without JavaScript; htmx redraws the chart in place when a box changes. Without <c>set</c> the chart opens with
/// the 50- and 200-day averages, RSI and volume.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = WebPages.MarketPagesPolicy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ChartModel(StockQueries stocks) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Symbol { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "tf")] public string? TimeframeCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "o")] public string[] Overlays { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "p")] public string[] Panes { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "set")] public string? Set { get; set; }

    public Instrument? Instrument { get; private set; }
    public IndicatorChartModel? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Instrument = await stocks.InstrumentAsync(Symbol, ct);
        if (Instrument is null)
        {
            return NotFound();
        }
        if (!string.Equals(Instrument.Symbol, Symbol, StringComparison.Ordinal))
        {
            return RedirectPermanent($"/stocks/{Uri.EscapeDataString(Instrument.Symbol)}/chart{Request.QueryString}");
        }
        var overlays = Set is null ? ["sma50", "sma200"] : Overlays.Where(o => IndicatorChartModel.Overlays.Any(x => x.Key == o)).Distinct().ToList();
        var panes = Set is null ? ["rsi", "volume"] : Panes.Where(p => IndicatorChartModel.Panes.Any(x => x.Key == p)).Distinct().ToList();
        var bars = (await stocks.DailyBarsAsync(Instrument.Symbol, ct))
            .Select(b => new Bar(b.Date, (double)b.Open, (double)b.High, (double)b.Low, (double)b.Close, b.Volume))
            .ToList();
        if (bars.Count > 0)
        {
            Chart = IndicatorChartModel.Create(Instrument.Symbol, bars, Timeframes.Parse(TimeframeCode, Timeframe.OneYear), overlays, panes);
        }
        Response.VaryOnHtmx();
        return Request.IsHtmx() && Chart is not null ? Partial("_IndicatorChart", Chart) : Page();
    }
}
