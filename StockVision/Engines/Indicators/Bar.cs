namespace StockVision.Engines.Indicators;

/// <summary>
/// One bar of a price series, oldest first in every input. Indicators are ratios and statistics of prices, so they work
/// in <see cref="double"/>; money amounts stay <see cref="decimal"/> elsewhere in the app.
/// </summary>
public readonly record struct Bar(DateOnly Date, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>(High + Low + Close) ÷ 3, the price MFI, CCI and VWAP weigh.</summary>
    public double Typical => (High + Low + Close) / 3;

    public static double[] Closes(ReadOnlySpan<Bar> bars)
    {
        var closes = new double[bars.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            closes[i] = bars[i].Close;
        }
        return closes;
    }
}
