namespace StockVision.Engines.Indicators;

/// <summary>
/// Technical indicators over a price series, oldest bar first. Every result is an array aligned with the input
/// (result[i] belongs to bar i) and holds <see cref="double.NaN"/> wherever the indicator has no value: during its
/// warm-up and wherever its formula is undefined (a division by a zero range). NaN rather than <c>double?</c> keeps
/// the arrays flat for charting and lets arithmetic on a missing value stay missing without checks.
/// <para>
/// Warm-up lengths, seeding and edge cases follow Skender.Stock.Indicators (v3, the peer library whose published
/// values the tests check; see StockVision.Tests/Data/indicators-golden/SOURCE.md), so a value here can be compared
/// with theirs bar for bar. Each method says which of the library's conventions it follows.
/// </para>
/// </summary>
public static partial class Indicator
{
    private static double[] NaNs(int length)
    {
        var result = new double[length];
        Array.Fill(result, double.NaN);
        return result;
    }

    /// <summary>Highest high and lowest low of bars[from..to], both inclusive.</summary>
    private static (double High, double Low) Range(ReadOnlySpan<Bar> bars, int from, int to)
    {
        var high = double.MinValue;
        var low = double.MaxValue;
        for (var p = from; p <= to; p++)
        {
            high = Math.Max(high, bars[p].High);
            low = Math.Min(low, bars[p].Low);
        }
        return (high, low);
    }
}
