using StockVision.Engines.Charting;

namespace StockVision.Features.Shared;

public sealed record TimeframeLink(Timeframe Timeframe, string Url, bool Selected);

/// <summary>The model of _PriceChart: a line chart with its sentence, its timeframe links and its data table.</summary>
public sealed class PriceChartModel
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>What the summary sentence is about: "NIFTY 50", "RELIANCE".</summary>
    public required string Subject { get; init; }
    /// <summary>What the values are, for the summary and the table header: "₹" for prices, "points" for an index.</summary>
    public required bool IsRupees { get; init; }
    public required Timeframe Timeframe { get; init; }
    public required IReadOnlyList<PricePoint> Points { get; init; }
    public required IReadOnlyList<TimeframeLink> Links { get; init; }

    public LineChartLayout? Layout => layout ??= Points.Count == 0 ? null
        : LineChart.Layout(Series.Sample(Points, Series.ChartPeriod(Points.Count)), new ChartSize());

    public SeriesSummary? Summary => Points.Count == 0 ? null : summary ??= Series.Summarise(Points);

    public SamplePeriod TablePeriod => Series.TablePeriod(Points.Count);

    public IReadOnlyList<PricePoint> TableRows => tableRows ??= Series.Sample(Points, TablePeriod).Reverse().ToList();

    private LineChartLayout? layout;
    private SeriesSummary? summary;
    private IReadOnlyList<PricePoint>? tableRows;

    /// <summary>SVG coordinates: invariant culture, one decimal.</summary>
    public static string Svg(double v) => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<PricePoint> Window(IReadOnlyList<PricePoint> all, Timeframe timeframe)
    {
        if (all.Count == 0 || timeframe.StartFrom(all[^1].Date) is not { } start)
        {
            return all;
        }
        return all.Where(p => p.Date > start).ToList();
    }
}
