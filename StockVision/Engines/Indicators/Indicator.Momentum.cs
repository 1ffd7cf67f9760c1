namespace StockVision.Engines.Indicators;

public static partial class Indicator
{
    /// <summary>
    /// Wilder's relative strength index. The first bar has no change; the first value is at index
    /// <paramref name="period"/>, from the simple averages of the first period gains and losses, and later averages
    /// are smoothed with 1 ÷ period. An average loss of zero gives 100 (as in the library, even when nothing moved).
    /// </summary>
    public static double[] Rsi(ReadOnlySpan<double> closes, int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = NaNs(closes.Length);
        if (closes.Length <= period)
        {
            return result;
        }
        double gain = 0, loss = 0;
        for (var i = 1; i <= period; i++)
        {
            var change = closes[i] - closes[i - 1];
            gain += Math.Max(change, 0);
            loss += Math.Max(-change, 0);
        }
        gain /= period;
        loss /= period;
        result[period] = RsiOf(gain, loss);
        for (var i = period + 1; i < closes.Length; i++)
        {
            var change = closes[i] - closes[i - 1];
            gain = (gain * (period - 1) + Math.Max(change, 0)) / period;
            loss = (loss * (period - 1) + Math.Max(-change, 0)) / period;
            result[i] = RsiOf(gain, loss);
        }
        return result;
    }

    private static double RsiOf(double averageGain, double averageLoss) =>
        averageLoss > 0 ? 100 - 100 / (1 + averageGain / averageLoss) : 100;

    /// <summary>
    /// MACD = EMA(fast) − EMA(slow), each EMA seeded with its SMA; the signal is the EMA(signal) of MACD seeded with
    /// the SMA of the first signal MACD values; histogram = MACD − signal. With (12, 26, 9) MACD starts at index 25 and
    /// the signal at index 33.
    /// </summary>
    public static MacdSeries Macd(ReadOnlySpan<double> closes, int fast = 12, int slow = 26, int signal = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        var fastEma = Ema(closes, fast);
        var slowEma = Ema(closes, slow);
        var macd = new double[closes.Length];
        for (var i = 0; i < macd.Length; i++)
        {
            macd[i] = fastEma[i] - slowEma[i];
        }
        var signalLine = NaNs(closes.Length);
        if (closes.Length >= slow)
        {
            EmaInto(macd.AsSpan(slow - 1), signal, signalLine.AsSpan(slow - 1));
        }
        var histogram = new double[closes.Length];
        for (var i = 0; i < histogram.Length; i++)
        {
            histogram[i] = macd[i] - signalLine[i];
        }
        return new MacdSeries(macd, signalLine, histogram, fastEma, slowEma);
    }

    /// <summary>Rate of change in percent: 100 × (close − close N bars ago) ÷ close N bars ago; first value at index N.</summary>
    public static double[] Roc(ReadOnlySpan<double> closes, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = NaNs(closes.Length);
        for (var i = period; i < closes.Length; i++)
        {
            var before = closes[i - period];
            result[i] = before == 0 ? double.NaN : 100 * (closes[i] - before) / before;
        }
        return result;
    }

    /// <summary>
    /// Slow stochastic (the library's defaults 14, 3, 3 with simple averages): raw %K = 100 × (close − lowest low) ÷
    /// (highest high − lowest low) over <paramref name="period"/> bars, 0 when the range is zero; %K is its SMA over
    /// <paramref name="smooth"/> bars (first at index N + S − 2), %D the SMA of %K over <paramref name="signal"/> bars,
    /// and %J = 3 %K − 2 %D.
    /// </summary>
    public static StochasticSeries Stochastic(ReadOnlySpan<Bar> bars, int period = 14, int signal = 3, int smooth = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(smooth, 1);
        var raw = RawStochastic(bars, period);
        // A window still holding a warm-up NaN averages to NaN, which gives exactly the library's warm-up lengths.
        var k = smooth == 1 ? raw : Sma(raw, smooth);
        var d = signal == 1 ? k : Sma(k, signal);
        var j = new double[bars.Length];
        for (var i = 0; i < j.Length; i++)
        {
            j[i] = 3 * k[i] - 2 * d[i];
        }
        return new StochasticSeries(k, d, j);
    }

    /// <summary>Williams %R = fast stochastic %K − 100, so −100 (close at the low of the window) … 0 (at the high).</summary>
    public static double[] WilliamsR(ReadOnlySpan<Bar> bars, int period = 14)
    {
        var result = RawStochastic(bars, period);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] -= 100;
        }
        return result;
    }

    private static double[] RawStochastic(ReadOnlySpan<Bar> bars, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = NaNs(bars.Length);
        for (var i = period - 1; i < bars.Length; i++)
        {
            var (high, low) = Range(bars, i - period + 1, i);
            var close = bars[i].Close;
            // The bounds are set exactly rather than computed, so rounding never puts %K a hair outside 0…100.
            result[i] = high == low || close <= low ? 0
                : close >= high ? 100
                : 100 * (close - low) / (high - low);
        }
        return result;
    }

    /// <summary>
    /// Commodity channel index: (typical price − its SMA) ÷ (0.015 × mean absolute deviation from that SMA) over
    /// <paramref name="period"/> bars; first value at index N − 1, NaN when the deviation is zero.
    /// </summary>
    public static double[] Cci(ReadOnlySpan<Bar> bars, int period = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = NaNs(bars.Length);
        var typical = new double[bars.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            typical[i] = bars[i].Typical;
        }
        for (var i = period - 1; i < bars.Length; i++)
        {
            double sum = 0;
            for (var p = i - period + 1; p <= i; p++)
            {
                sum += typical[p];
            }
            var mean = sum / period;
            double deviation = 0;
            for (var p = i - period + 1; p <= i; p++)
            {
                deviation += Math.Abs(typical[p] - mean);
            }
            deviation /= period;
            result[i] = deviation == 0 ? double.NaN : (typical[i] - mean) / (0.015 * deviation);
        }
        return result;
    }
}
