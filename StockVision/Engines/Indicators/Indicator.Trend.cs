namespace StockVision.Engines.Indicators;

public static partial class Indicator
{
    /// <summary>
    /// Wilder's directional movement (library default 14). From bar 1: up = high − previous high, down = previous
    /// low − low; +DM = up when up &gt; down and up &gt; 0, −DM = down when down &gt; up and down &gt; 0. TR, +DM and
    /// −DM are Wilder-smoothed (first value the sum of bars 1…N, then S − S ÷ N + current); +DI = 100 × +DM ÷ TR,
    /// −DI likewise, both first at index N; DX = 100 × |+DI − −DI| ÷ (+DI + −DI); ADX is first the average of the N
    /// DX values ending at index 2N − 1, then (previous ADX × (N − 1) + DX) ÷ N.
    /// </summary>
    public static AdxSeries Adx(ReadOnlySpan<Bar> bars, int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = bars.Length;
        var (plusDi, minusDi, dx, adx) = (NaNs(n), NaNs(n), NaNs(n), NaNs(n));
        double tr = 0, plus = 0, minus = 0, dxSum = 0, average = 0;
        for (var i = 1; i < n; i++)
        {
            var (bar, previous) = (bars[i], bars[i - 1]);
            var up = bar.High - previous.High;
            var down = previous.Low - bar.Low;
            var plusDm = up > down && up > 0 ? up : 0;
            var minusDm = down > up && down > 0 ? down : 0;
            var range = Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - previous.Close), Math.Abs(bar.Low - previous.Close)));
            if (i <= period)
            {
                (tr, plus, minus) = (tr + range, plus + plusDm, minus + minusDm);
                if (i < period)
                {
                    continue;
                }
            }
            else
            {
                tr = tr - tr / period + range;
                plus = plus - plus / period + plusDm;
                minus = minus - minus / period + minusDm;
            }
            // A window with no range at all has no direction: DI and DX are 0 rather than NaN, because a NaN DX would
            // poison every later ADX through the smoothing.
            plusDi[i] = tr == 0 ? 0 : 100 * plus / tr;
            minusDi[i] = tr == 0 ? 0 : 100 * minus / tr;
            var diSum = plusDi[i] + minusDi[i];
            dx[i] = diSum == 0 ? 0 : 100 * Math.Abs(plusDi[i] - minusDi[i]) / diSum;
            if (i < 2 * period - 1)
            {
                dxSum += dx[i];
            }
            else if (i == 2 * period - 1)
            {
                average = (dxSum + dx[i]) / period;
                adx[i] = average;
            }
            else
            {
                average = (average * (period - 1) + dx[i]) / period;
                adx[i] = average;
            }
        }
        return new AdxSeries(plusDi, minusDi, dx, adx);
    }

    /// <summary>
    /// Aroon (library default 25) over the N + 1 bars ending at bar i, first at index N: up = 100 × (N − bars since
    /// the highest high) ÷ N, down likewise with the lowest low; on a tie the earlier bar counts, as in the library.
    /// </summary>
    public static AroonSeries Aroon(ReadOnlySpan<Bar> bars, int period = 25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = bars.Length;
        var (up, down, oscillator) = (NaNs(n), NaNs(n), NaNs(n));
        int highAt = -1, lowAt = -1;
        for (var i = period; i < n; i++)
        {
            // The extreme is carried from bar to bar and the window rescanned only when it slides out, which keeps a
            // long lookback from costing a full scan per bar. A new bar must beat the extreme strictly, so a tie keeps
            // the earlier bar, as in the library.
            var from = i - period;
            if (highAt < from)
            {
                highAt = from;
                for (var p = from + 1; p < i; p++)
                {
                    highAt = bars[p].High > bars[highAt].High ? p : highAt;
                }
            }
            if (lowAt < from)
            {
                lowAt = from;
                for (var p = from + 1; p < i; p++)
                {
                    lowAt = bars[p].Low < bars[lowAt].Low ? p : lowAt;
                }
            }
            highAt = bars[i].High > bars[highAt].High ? i : highAt;
            lowAt = bars[i].Low < bars[lowAt].Low ? i : lowAt;
            up[i] = 100d * (period - (i - highAt)) / period;
            down[i] = 100d * (period - (i - lowAt)) / period;
            oscillator[i] = up[i] - down[i];
        }
        return new AroonSeries(up, down, oscillator);
    }
}
