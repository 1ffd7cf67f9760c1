using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Charting;
using StockVision.Engines.Market.Live;
using StockVision.Features.Live;
using StockVision.Features.Screener;
using StockVision.Engines.Text;
using StockVision.Features.Shared;
using StockVision.Infrastructure;

namespace StockVision.Features.Stocks;

public sealed record SessionRow(DailyBar Bar, decimal? Change, double? ChangePercent);

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = WebPages.LivePagesPolicy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class DetailModel(StockQueries stocks, ILiveQuotes live, LiveStore liveStore, NseCalendar calendar, ScreenerData screener, TimeProvider clock) : PageModel
{
    public const int RecentSessions = 30;

    [BindProperty(SupportsGet = true)]
    public string Symbol { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "tf")]
    public string? TimeframeCode { get; set; }

    public Instrument? Instrument { get; private set; }
    public IReadOnlyList<Candidate> Suggestions { get; private set; } = [];
    public DailyBar? Latest { get; private set; }
    public DailyBar? Previous { get; private set; }
    public DailyBar? YearHigh { get; private set; }
    public DailyBar? YearLow { get; private set; }
    public long? AverageVolume20 { get; private set; }
    public PriceChartModel? Chart { get; private set; }
    public IReadOnlyList<SessionRow> Recent { get; private set; } = [];
    public Quote? Quote { get; private set; }
    public LiveQuotesModel? Live { get; private set; }
    public IntradayChartModel? Intraday { get; private set; }
    public PeersModel? Peers { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Instrument = await stocks.InstrumentAsync(Symbol, ct);
        if (Instrument is null)
        {
            Suggestions = await stocks.SuggestAsync(Symbol, ct);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (!string.Equals(Instrument.Symbol, Symbol, StringComparison.Ordinal))
        {
            return RedirectToPagePermanent("/Stocks/Detail", new { symbol = Instrument.Symbol, tf = TimeframeCode });
        }

        var bars = await stocks.DailyBarsAsync(Instrument.Symbol, ct);
        var timeframe = Timeframes.Parse(TimeframeCode, Timeframe.OneYear);
        var closes = bars.Select(b => new PricePoint(b.Date, b.Close)).ToList();
        Chart = new PriceChartModel
        {
            Id = "price-chart",
            Title = $"{Instrument.Symbol} · closing price",
            Subject = Instrument.Symbol,
            IsRupees = true,
            Timeframe = timeframe,
            Points = PriceChartModel.Window(closes, timeframe),
            Links = Timeframes.All.Select(tf => new TimeframeLink(tf, Url.Page("/Stocks/Detail", new { symbol = Instrument.Symbol, tf = tf.Code() })!, tf == timeframe)).ToList(),
        };
        Response.VaryOnHtmx();
        if (Request.IsHtmx())
        {
            return Partial("_PriceChart", Chart);
        }

        Peers = PeersModel.Create(await screener.CurrentAsync(ct), Instrument.Symbol);
        Quote = live.Latest(Instrument.Symbol);
        Live = new LiveQuotesModel([Instrument.Symbol], Url.Page("/Stocks/Detail", new { symbol = Instrument.Symbol, tf = TimeframeCode })!, live.Status, clock.GetUtcNow());
        Intraday = IntradayChartModel.Create(Instrument.Symbol, await liveStore.LatestSessionBarsAsync(Instrument.Symbol, ct), Quote, calendar);
        if (bars.Count > 0)
        {
            Latest = bars[^1];
            Previous = bars.Count > 1 ? bars[^2] : null;
            var yearStart = Latest.Date.AddYears(-1);
            var year = bars.Where(b => b.Date > yearStart).ToList();
            YearHigh = year.Aggregate((a, b) => b.High > a.High ? b : a);
            YearLow = year.Aggregate((a, b) => b.Low < a.Low ? b : a);
            AverageVolume20 = (long)Math.Round(bars.TakeLast(20).Average(b => (double)b.Volume));
            Recent = bars.Select((b, i) => (b, prev: i > 0 ? bars[i - 1] : null))
                .TakeLast(RecentSessions)
                .Reverse()
                .Select(x => new SessionRow(x.b, x.prev is null ? null : x.b.Close - x.prev.Close,
                    x.prev is null ? null : (double)((x.b.Close - x.prev.Close) / x.prev.Close) * 100))
                .ToList();
        }
        return Page();
    }
}
