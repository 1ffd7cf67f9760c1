namespace StockVision.Engines.Screener;

/// <summary>
/// One company's facts arranged the way ratio formulas ask for them: the latest year and the years before it, the
/// latest quarters, balance sheets at a year end, and the price series. Periods are matched by date, not position,
/// so a gap in the filings gives "no value" rather than a comparison with the wrong year.
/// </summary>
public sealed class RatioContext
{
    private const int ToleranceDays = 20;
    private readonly double[] closes;

    public RatioContext(CompanyFacts facts)
    {
        Facts = facts;
        closes = facts.Prices.Select(p => (double)p.Close).ToArray();
    }

    public CompanyFacts Facts { get; }

    public ResultPeriod? LastYear => Facts.Annual.Count > 0 ? Facts.Annual[^1] : null;

    public ResultPeriod? LatestQuarter => Facts.Quarters.Count > 0 ? Facts.Quarters[^1] : null;

    public IReadOnlyList<double> Closes => closes;

    public PriceBar? LastPrice => Facts.Prices.Count > 0 ? Facts.Prices[^1] : null;

    /// <summary>The annual period ending <paramref name="yearsBack"/> years before the latest one.</summary>
    public ResultPeriod? YearsBack(int yearsBack) =>
        LastYear is { } last ? Near(Facts.Annual, last.PeriodEnd.AddYears(-yearsBack)) : null;

    /// <summary>The quarter ending <paramref name="quartersBack"/> quarters before the latest one.</summary>
    public ResultPeriod? QuartersBack(int quartersBack) =>
        LatestQuarter is { } last ? Near(Facts.Quarters, last.PeriodEnd.AddMonths(-3 * quartersBack)) : null;

    /// <summary>Trailing twelve months: the sum over the latest four consecutive quarters, or null if any is missing.</summary>
    public decimal? Ttm(Func<ResultPeriod, decimal?> metric)
    {
        decimal sum = 0;
        for (var back = 0; back < 4; back++)
        {
            if (QuartersBack(back) is not { } quarter || metric(quarter) is not { } value)
            {
                return null;
            }
            sum += value;
        }
        return sum;
    }

    public BalanceSheet? BalanceAt(DateOnly date) =>
        Facts.BalanceSheets.LastOrDefault(b => Math.Abs(b.AsOf.DayNumber - date.DayNumber) <= ToleranceDays);

    public BalanceSheet? LatestBalance => Facts.BalanceSheets.Count > 0 ? Facts.BalanceSheets[^1] : null;

    /// <summary>
    /// The average of a balance-sheet item at the start and end of the year ending <paramref name="yearEnd"/>; the
    /// closing figure alone when the opening balance sheet was not filed (the XBRL history of corporates starts in 2022).
    /// </summary>
    public decimal? AverageOverYear(DateOnly yearEnd, Func<BalanceSheet, decimal?> item)
    {
        if (BalanceAt(yearEnd) is not { } closing || item(closing) is not { } close)
        {
            return null;
        }
        return BalanceAt(yearEnd.AddYears(-1)) is { } opening && item(opening) is { } open ? (open + close) / 2 : close;
    }

    /// <summary>Shares outstanding from the latest filing that states them (paid-up capital ÷ face value).</summary>
    public decimal? Shares =>
        Facts.Quarters.Concat(Facts.Annual).OrderBy(p => p.PeriodEnd).LastOrDefault(p => p.SharesOutstanding is > 0)?.SharesOutstanding;

    /// <summary>Last close × shares, in ₹ crore.</summary>
    public decimal? MarketCap => LastPrice is { } price && Shares is { } shares ? price.Close * shares / Crore : null;

    public const decimal Crore = 10_000_000m;

    /// <summary>The close on the last session on or before <paramref name="date"/>.</summary>
    public decimal? CloseOnOrBefore(DateOnly date)
    {
        var prices = Facts.Prices;
        int lo = 0, hi = prices.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (prices[mid].Date <= date)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : prices[found].Close;
    }

    private static ResultPeriod? Near(IReadOnlyList<ResultPeriod> periods, DateOnly end)
    {
        for (var i = periods.Count - 1; i >= 0; i--)
        {
            if (Math.Abs(periods[i].PeriodEnd.DayNumber - end.DayNumber) <= ToleranceDays)
            {
                return periods[i];
            }
        }
        return null;
    }
}
