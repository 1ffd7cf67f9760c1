namespace StockVision.Engines.Indicators;

public static partial class Indicator
{
    /// <summary>
    /// On-balance volume: starts at 0 on the first bar, then adds the bar's volume when the close rose, subtracts it
    /// when the close fell and carries it when unchanged.
    /// </summary>
    public static double[] Obv(ReadOnlySpan<Bar> bars)
    {
        var result = new double[bars.Length];
        double obv = 0;
        for (var i = 1; i < bars.Length; i++)
        {
            var change = bars[i].Close - bars[i - 1].Close;
            obv += change > 0 ? bars[i].Volume : change < 0 ? -bars[i].Volume : 0;
            result[i] = obv;
        }
        return result;
    }

    /// <summary>
    /// Money flow index (library default 14): raw money flow = typical price × volume, positive when the typical
    /// price rose from the bar before, negative when it fell, neither when unchanged (nor on the first bar). MFI =
    /// 100 − 100 ÷ (1 + positive flow ÷ negative flow) over the last N bars, first at index N; 100 when there is no
    /// negative flow.
    /// </summary>
    public static double[] Mfi(ReadOnlySpan<Bar> bars, int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = bars.Length;
        var result = NaNs(n);
        var positive = new double[n];
        var negative = new double[n];
        for (var i = 1; i < n; i++)
        {
            var (typical, previous) = (bars[i].Typical, bars[i - 1].Typical);
            var flow = typical * bars[i].Volume;
            positive[i] = typical > previous ? flow : 0;
            negative[i] = typical < previous ? flow : 0;
        }
        for (var i = period; i < n; i++)
        {
            double up = 0, down = 0;
            for (var p = i - period + 1; p <= i; p++)
            {
                up += positive[p];
                down += negative[p];
            }
            result[i] = down == 0 ? 100 : 100 - 100 / (1 + up / down);
        }
        return result;
    }

    /// <summary>
    /// Anchored VWAP: Σ(typical price × volume) ÷ Σ volume from the anchor bar to bar i, NaN before the anchor and
    /// while no volume has traded. Without an anchor it starts at the first bar, as the library does.
    /// <para>
    /// On daily bars a "session" VWAP would be one day's own volume-weighted price, which a daily bar cannot give (it
    /// does not hold the day's trades); so on daily bars this is the anchored VWAP from a chosen day — a listing, a
    /// results date, the start of the chart — which is how daily VWAP is read. Pass the session's first bar as the
    /// anchor for intraday bars.
    /// </para>
    /// </summary>
    public static double[] Vwap(ReadOnlySpan<Bar> bars, DateOnly? anchor = null)
    {
        var result = NaNs(bars.Length);
        double weighted = 0, volume = 0;
        for (var i = 0; i < bars.Length; i++)
        {
            if (anchor is { } from && bars[i].Date < from)
            {
                continue;
            }
            weighted += bars[i].Typical * bars[i].Volume;
            volume += bars[i].Volume;
            result[i] = volume == 0 ? double.NaN : weighted / volume;
        }
        return result;
    }
}
