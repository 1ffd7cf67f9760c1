namespace StockVision.Engines.Market.Live;

/// <summary>
/// Geometric Brownian motion in the units the simulation steps in: one trading session (09:15–15:30), not a calendar
/// day or a year. <see cref="DailyDrift"/> is the mean change of ln(price) per session — the log drift μ − σ²/2, not the
/// arithmetic μ — and <see cref="DailyVolatility"/> is the standard deviation of that change per session. Over a fraction
/// f of a session, ln S moves by DailyDrift·f + DailyVolatility·√f·Z with Z standard normal.
/// </summary>
public sealed record GbmParameters(double DailyDrift, double DailyVolatility)
{
    /// <summary>From consecutive session closes, oldest first: mean and sample (n − 1) standard deviation of ln(Cₜ/Cₜ₋₁).</summary>
    public static GbmParameters Estimate(IReadOnlyList<decimal> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        if (closes.Count < 3)
        {
            throw new ArgumentException("Estimating a volatility needs at least three closes (two returns).", nameof(closes));
        }
        if (closes.Any(c => c <= 0))
        {
            throw new ArgumentException("Closes must be positive.", nameof(closes));
        }
        var returns = new double[closes.Count - 1];
        for (var i = 1; i < closes.Count; i++)
        {
            returns[i - 1] = Math.Log((double)closes[i] / (double)closes[i - 1]);
        }
        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1);
        return new GbmParameters(mean, Math.Sqrt(variance));
    }
}
