using StockVision.Engines.Charting;
using StockVision.Engines.Market.Live;

namespace StockVision.Features.Live;

/// <summary>The 1D view of a stock page: one-minute closes of the latest session held, with its summary and table.</summary>
public sealed class IntradayChartModel
{
    public required string Symbol { get; init; }
    public required DateOnly Session { get; init; }
    public required IReadOnlyList<IntradayPoint> Points { get; init; }
    public required IntradayLayout Layout { get; init; }
    public required IntradaySummary Summary { get; init; }
    public required IReadOnlyList<IntradayPoint> TableRows { get; init; }
    public required decimal? PreviousClose { get; init; }
    public required string Source { get; init; }

    public static IntradayChartModel? Create(string symbol, IReadOnlyList<IntradayBar> bars, Quote? quote, NseCalendar calendar)
    {
        if (bars.Count == 0)
        {
            return null;
        }
        var points = bars.Select(b => new IntradayPoint(b.Minute, b.Close)).ToList();
        var session = calendar.SessionDate(bars[0].Minute);
        // The always-open demo trades outside NSE hours: widen the axis to whatever the bars cover.
        var open = Min(calendar.SessionOpen(session), bars[0].Minute);
        var close = Max(calendar.SessionClose(session), bars[^1].Minute.AddMinutes(1));
        var previousClose = quote is not null && calendar.SessionDate(quote.SourceTime) == session ? quote.PreviousClose : (decimal?)null;
        return new IntradayChartModel
        {
            Symbol = symbol,
            Session = session,
            Points = points,
            Layout = IntradayChart.Layout(points, open, close, previousClose, new ChartSize()),
            Summary = IntradayChart.Summarise(bars.Select(b => new IntradayBarPoint(b.Minute, b.Open, b.High, b.Low, b.Close)).ToList(), previousClose),
            TableRows = IntradayChart.Sample(points, open).Reverse().ToList(),
            PreviousClose = previousClose,
            Source = bars[^1].Source,
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
