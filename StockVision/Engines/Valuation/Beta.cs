namespace StockVision.Engines.Valuation;

public sealed record DailyClose(DateOnly Date, decimal Close);

public enum ReturnKind
{
    /// <summary>r = P_t / P_{t−1} − 1.</summary>
    Simple,

    /// <summary>r = ln(P_t / P_{t−1}).</summary>
    Log,
}

/// <summary>
/// Beta of a stock against an index over the window First..Last (dates of the first and last aligned closes, so
/// <see cref="Returns"/> = aligned closes − 1). Covariance and variance are both sample statistics (÷ n − 1); the divisor
/// cancels in beta but the two are reported for display. <see cref="AdjustedBeta"/> is Blume's 0.67 β + 0.33, which pulls
/// estimates toward the market's 1. Statistics are double; prices stay decimal until they become returns.
/// </summary>
public sealed record BetaEstimate(
    double Beta,
    double AdjustedBeta,
    double Covariance,
    double MarketVariance,
    double Correlation,
    DateOnly First,
    DateOnly Last,
    int Returns,
    ReturnKind Kind);

public static class Beta
{
    /// <summary>
    /// Closes are aligned by date (a day missing from either series is dropped from both), so each return spans two
    /// consecutive common trading days. Null with fewer than 2 returns, a non-positive close, or a flat index.
    /// </summary>
    public static BetaEstimate? Estimate(
        IEnumerable<DailyClose> stock,
        IEnumerable<DailyClose> index,
        ReturnKind kind = ReturnKind.Simple,
        DateOnly? from = null,
        DateOnly? to = null)
    {
        var indexByDate = index
            .Where(c => InWindow(c.Date, from, to))
            .GroupBy(c => c.Date)
            .ToDictionary(g => g.Key, g => g.Last().Close);
        var aligned = stock
            .Where(c => InWindow(c.Date, from, to) && indexByDate.ContainsKey(c.Date))
            .GroupBy(c => c.Date)
            .Select(g => (Date: g.Key, Stock: g.Last().Close, Index: indexByDate[g.Key]))
            .OrderBy(a => a.Date)
            .ToList();
        if (aligned.Count < 3 || aligned.Any(a => a.Stock <= 0 || a.Index <= 0))
        {
            return null;
        }

        var n = aligned.Count - 1;
        var rs = new double[n];
        var rm = new double[n];
        for (var i = 0; i < n; i++)
        {
            rs[i] = Return(aligned[i].Stock, aligned[i + 1].Stock, kind);
            rm[i] = Return(aligned[i].Index, aligned[i + 1].Index, kind);
        }

        var meanS = rs.Average();
        var meanM = rm.Average();
        double cov = 0, varM = 0, varS = 0;
        for (var i = 0; i < n; i++)
        {
            cov += (rs[i] - meanS) * (rm[i] - meanM);
            varM += (rm[i] - meanM) * (rm[i] - meanM);
            varS += (rs[i] - meanS) * (rs[i] - meanS);
        }
        if (varM == 0)
        {
            return null;
        }
        var beta = cov / varM;
        var correlation = varS == 0 ? 0 : cov / Math.Sqrt(varS * varM);
        return new BetaEstimate(beta, 0.67 * beta + 0.33, cov / (n - 1), varM / (n - 1), correlation,
            aligned[0].Date, aligned[^1].Date, n, kind);
    }

    private static bool InWindow(DateOnly date, DateOnly? from, DateOnly? to) =>
        (from is null || date >= from) && (to is null || date <= to);

    private static double Return(decimal previous, decimal current, ReturnKind kind)
    {
        // The ratio is taken in decimal so a ₹0.05 tick on a ₹3,000 stock keeps every digit before becoming a double.
        var ratio = (double)(current / previous);
        return kind == ReturnKind.Log ? Math.Log(ratio) : ratio - 1;
    }
}
