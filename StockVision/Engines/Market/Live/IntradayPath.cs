namespace StockVision.Engines.Market.Live;

/// <summary>
/// One session's invented path through a real daily bar. Straight legs Open → first extreme → second extreme → Close
/// meet at waypoints on whole minutes (so a once-a-minute sampler sees the extremes exactly), each leg carrying a
/// Brownian bridge that is pinned to zero at both ends. The path is stored at knots every 15 session seconds and is a
/// straight line between them, so the running high and low up to any instant are a prefix maximum and minimum away.
/// </summary>
internal sealed class IntradayPath
{
    private static readonly long SessionTicks = TimeSpan.FromSeconds(22_500).Ticks;
    private static readonly long KnotTicks = TimeSpan.FromSeconds(15).Ticks;
    private const int Knots = 1500; // 22,500 s / 15 s
    private const int KnotsPerMinute = 4;

    // How far the bridge wanders mid-leg, as one standard deviation in shares of the day's range.
    private const double BridgeShareOfRange = 0.12;

    private readonly ReplayDay bar;
    private readonly decimal low, high;
    private readonly int highKnot, lowKnot;
    private readonly double[] knots = new double[Knots + 1];
    private readonly double[] maxSoFar = new double[Knots + 1];
    private readonly double[] minSoFar = new double[Knots + 1];

    public IntradayPath(ReplayDay bar, ulong seed)
    {
        this.bar = bar;
        (low, high) = (Math.Min(bar.Low, bar.High), Math.Max(bar.Low, bar.High));
        var random = new DeterministicRandom(seed);
        const int Minutes = 375;
        var firstKnot = (int)(Minutes * (0.15 + 0.25 * random.NextDouble())) * KnotsPerMinute;
        var secondKnot = (int)(Minutes * (0.60 + 0.25 * random.NextDouble())) * KnotsPerMinute;
        var upDay = bar.Close >= bar.Open;
        (lowKnot, highKnot) = upDay ? (firstKnot, secondKnot) : (secondKnot, firstKnot);

        var range = (double)(high - low);
        var legs = new (int From, decimal A, int To, decimal B)[]
        {
            (0, bar.Open, firstKnot, upDay ? low : high),
            (firstKnot, upDay ? low : high, secondKnot, upDay ? high : low),
            (secondKnot, upDay ? high : low, Knots, bar.Close),
        };
        foreach (var (from, a, to, b) in legs)
        {
            var n = to - from;
            // Step size chosen so the bridge's standard deviation mid-leg, step·√n / 2, is the share of the range.
            var step = 2 * BridgeShareOfRange * range / Math.Sqrt(n);
            var walk = new double[n + 1];
            for (var j = 1; j <= n; j++)
            {
                walk[j] = walk[j - 1] + step * random.NextGaussian();
            }
            for (var j = 0; j <= n; j++)
            {
                var x = (double)j / n;
                var bridge = walk[j] - x * walk[n];
                knots[from + j] = (double)a + ((double)b - (double)a) * x + bridge;
            }
            knots[from] = (double)a;
            knots[to] = (double)b;
        }
        // Fold excursions beyond the bar back inside rather than clamping them, which would leave the price stuck flat
        // at the high or low for minutes on end. The straight lines between knots then stay inside the bar as well.
        var (lo, hi) = ((double)low, (double)high);
        for (var k = 0; k <= Knots; k++)
        {
            var x = knots[k];
            x = x > hi ? 2 * hi - x : x;
            x = x < lo ? 2 * lo - x : x;
            knots[k] = Math.Clamp(x, lo, hi);
        }
        maxSoFar[0] = minSoFar[0] = knots[0];
        for (var k = 1; k <= Knots; k++)
        {
            maxSoFar[k] = Math.Max(maxSoFar[k - 1], knots[k]);
            minSoFar[k] = Math.Min(minSoFar[k - 1], knots[k]);
        }
    }

    /// <summary>The price <paramref name="elapsed"/> ticks into the session, with the session's high and low so far.</summary>
    public (decimal Last, decimal High, decimal Low) At(long elapsed)
    {
        if (elapsed <= 0)
        {
            return (bar.Open, bar.Open, bar.Open);
        }
        if (elapsed >= SessionTicks)
        {
            return (bar.Close, Math.Max(high, bar.Open), Math.Min(low, bar.Open));
        }
        var k = (int)(elapsed / KnotTicks);
        var t = (double)(elapsed % KnotTicks) / KnotTicks;
        var raw = knots[k] + (knots[k + 1] - knots[k]) * t;
        var last = Price(raw, k, t);
        // Between knots the path is a straight line, so its extremes so far are at a knot or at this instant.
        var runningHigh = k >= highKnot ? high : Math.Max(Price(maxSoFar[k], -1, 0), last);
        var runningLow = k >= lowKnot ? low : Math.Min(Price(minSoFar[k], -1, 0), last);
        return (last, Math.Max(runningHigh, bar.Open), Math.Min(runningLow, bar.Open));
    }

    private decimal Price(double raw, int knot, double t)
    {
        // Waypoints print the bar's own figures, not a double's rounding of them.
        if (t == 0 && knot == highKnot)
        {
            return high;
        }
        if (t == 0 && knot == lowKnot)
        {
            return low;
        }
        return Math.Clamp(NseTick.Round((decimal)raw), low, high);
    }
}
