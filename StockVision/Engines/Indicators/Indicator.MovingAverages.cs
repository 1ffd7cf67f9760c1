namespace StockVision.Engines.Indicators;

public static partial class Indicator
{
    /// <summary>Simple moving average; the first value is at index <paramref name="period"/> − 1.</summary>
    public static double[] Sma(ReadOnlySpan<double> values, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = NaNs(values.Length);
        for (var i = period - 1; i < values.Length; i++)
        {
            // Each window is summed afresh rather than kept as a running sum: a running sum drifts by a few ulps over
            // thousands of bars, and this way the result matches the peer library's to the last digit.
            double sum = 0;
            for (var p = i - period + 1; p <= i; p++)
            {
                sum += values[p];
            }
            result[i] = sum / period;
        }
        return result;
    }

    /// <summary>
    /// Exponential moving average with k = 2 ÷ (period + 1), seeded with the SMA of the first
    /// <paramref name="period"/> values, so the first value is at index period − 1 (the library's convention; some
    /// platforms seed with the first value instead, which differs for the first few dozen bars).
    /// </summary>
    public static double[] Ema(ReadOnlySpan<double> values, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = NaNs(values.Length);
        EmaInto(values, period, result);
        return result;
    }

    /// <summary>EMA of <paramref name="values"/> written to the same positions of <paramref name="into"/>.</summary>
    private static void EmaInto(ReadOnlySpan<double> values, int period, Span<double> into)
    {
        if (values.Length < period)
        {
            return;
        }
        double sum = 0;
        for (var i = 0; i < period; i++)
        {
            sum += values[i];
        }
        var ema = sum / period;
        into[period - 1] = ema;
        var k = 2d / (period + 1);
        for (var i = period; i < values.Length; i++)
        {
            ema += k * (values[i] - ema);
            into[i] = ema;
        }
    }

    /// <summary>
    /// Linearly weighted moving average: the newest value weighs <paramref name="period"/>, the oldest 1, divided by
    /// period × (period + 1) ÷ 2. First value at index period − 1.
    /// </summary>
    public static double[] Wma(ReadOnlySpan<double> values, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = NaNs(values.Length);
        var divisor = period * (period + 1) / 2d;
        for (var i = period - 1; i < values.Length; i++)
        {
            double sum = 0;
            for (var w = 1; w <= period; w++)
            {
                sum += w * values[i - period + w];
            }
            result[i] = sum / divisor;
        }
        return result;
    }
}
