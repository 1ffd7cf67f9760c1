namespace StockVision.Engines.Indicators;

public static partial class Indicator
{
    /// <summary>
    /// Bollinger Bands: middle = SMA(<paramref name="period"/>), bands = middle ± <paramref name="deviations"/> ×
    /// the population standard deviation (divided by N, as the library and Bollinger himself do, not N − 1);
    /// %B = (close − lower) ÷ (upper − lower), z-score = (close − middle) ÷ σ, width = (upper − lower) ÷ middle.
    /// First value at index N − 1; %B and z-score are NaN when σ is zero.
    /// </summary>
    public static BollingerSeries Bollinger(ReadOnlySpan<double> closes, int period = 20, double deviations = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = closes.Length;
        var (middle, upper, lower, percentB, zScore, width) = (NaNs(n), NaNs(n), NaNs(n), NaNs(n), NaNs(n), NaNs(n));
        for (var i = period - 1; i < n; i++)
        {
            double sum = 0;
            for (var p = i - period + 1; p <= i; p++)
            {
                sum += closes[p];
            }
            var mean = sum / period;
            // Two passes over the window (mean, then squared deviations) rather than E[x²] − E[x]², which loses
            // most of its digits when σ is small next to the price.
            double squares = 0;
            for (var p = i - period + 1; p <= i; p++)
            {
                var d = closes[p] - mean;
                squares += d * d;
            }
            var sigma = Math.Sqrt(squares / period);
            middle[i] = mean;
            upper[i] = mean + deviations * sigma;
            lower[i] = mean - deviations * sigma;
            percentB[i] = upper[i] == lower[i] ? double.NaN : (closes[i] - lower[i]) / (upper[i] - lower[i]);
            zScore[i] = sigma == 0 ? double.NaN : (closes[i] - mean) / sigma;
            width[i] = mean == 0 ? double.NaN : (upper[i] - lower[i]) / mean;
        }
        return new BollingerSeries(middle, upper, lower, percentB, zScore, width);
    }

    /// <summary>
    /// True range: the largest of high − low, |high − previous close| and |low − previous close|. The first bar has
    /// no previous close and so no true range (NaN), as in the library.
    /// </summary>
    public static double[] TrueRange(ReadOnlySpan<Bar> bars)
    {
        var result = NaNs(bars.Length);
        for (var i = 1; i < bars.Length; i++)
        {
            var (high, low, previousClose) = (bars[i].High, bars[i].Low, bars[i - 1].Close);
            result[i] = Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));
        }
        return result;
    }

    /// <summary>
    /// Wilder's average true range: the first value, at index <paramref name="period"/>, is the simple average of the
    /// true ranges of bars 1…N; then ATR = (previous ATR × (N − 1) + TR) ÷ N. ATR% = ATR ÷ close × 100.
    /// </summary>
    public static AtrSeries Atr(ReadOnlySpan<Bar> bars, int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var tr = TrueRange(bars);
        var atr = NaNs(bars.Length);
        var percent = NaNs(bars.Length);
        if (bars.Length <= period)
        {
            return new AtrSeries(tr, atr, percent);
        }
        double sum = 0;
        for (var i = 1; i <= period; i++)
        {
            sum += tr[i];
        }
        var average = sum / period;
        for (var i = period; i < bars.Length; i++)
        {
            if (i > period)
            {
                average = (average * (period - 1) + tr[i]) / period;
            }
            atr[i] = average;
            percent[i] = bars[i].Close == 0 ? double.NaN : average / bars[i].Close * 100;
        }
        return new AtrSeries(tr, atr, percent);
    }

    /// <summary>
    /// Supertrend (library defaults 10, 3): basic bands = (high + low) ÷ 2 ± multiplier × ATR(N). The upper band only
    /// moves down, and the lower band only up, unless the previous close broke through it. The trend turns bearish when
    /// the close is at or below the band that currently holds (the lower one in an uptrend) and bullish when it closes
    /// above the upper band. First value at index N (the first ATR); the first trend is bullish when that close is at
    /// or above the midpoint — a guess, so the line before the first flip is not to be trusted.
    /// </summary>
    public static SupertrendSeries Supertrend(ReadOnlySpan<Bar> bars, int period = 10, double multiplier = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(multiplier, 0);
        var atr = Atr(bars, period).Atr;
        var (line, upperOnly, lowerOnly) = (NaNs(bars.Length), NaNs(bars.Length), NaNs(bars.Length));
        var bullish = true;
        double upper = 0, lower = 0;
        for (var i = period; i < bars.Length; i++)
        {
            var bar = bars[i];
            var mid = (bar.High + bar.Low) / 2;
            var upperBasic = mid + multiplier * atr[i];
            var lowerBasic = mid - multiplier * atr[i];
            if (i == period)
            {
                bullish = bar.Close >= mid;
                (upper, lower) = (upperBasic, lowerBasic);
            }
            var previousClose = bars[i - 1].Close;
            if (upperBasic < upper || previousClose > upper)
            {
                upper = upperBasic;
            }
            if (lowerBasic > lower || previousClose < lower)
            {
                lower = lowerBasic;
            }
            bullish = bar.Close > (bullish ? lower : upper);
            line[i] = bullish ? lower : upper;
            (bullish ? lowerOnly : upperOnly)[i] = line[i];
        }
        return new SupertrendSeries(line, upperOnly, lowerOnly);
    }
}
