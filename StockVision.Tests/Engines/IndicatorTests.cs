using StockVision.Engines.Indicators;

namespace StockVision.Tests.Engines;

/// <summary>
/// The indicators without published values here, worked by hand on a few bars (every expected value is written as the
/// arithmetic that gives it), and properties that must hold on any series.
/// </summary>
public class IndicatorTests
{
    private const int Digits = 10;

    private static Bar[] Bars(params (double High, double Low, double Close)[] hlc) =>
        [.. hlc.Select((b, i) => new Bar(new DateOnly(2026, 1, 1).AddDays(i), b.Close, b.High, b.Low, b.Close, 0))];

    private static void Same(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(double.IsNaN(expected[i]) ? double.IsNaN(actual[i]) : Math.Round(expected[i] - actual[i], Digits) == 0,
                $"bar {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private const double None = double.NaN;

    [Fact]
    public void Sma_and_Wma_average_each_window_with_flat_and_linear_weights()
    {
        double[] values = [1, 2, 3, 4, 5];
        Same([None, None, (1 + 2 + 3) / 3d, (2 + 3 + 4) / 3d, (3 + 4 + 5) / 3d], Indicator.Sma(values, 3));
        // Weights 1, 2, 3 (newest heaviest) over 1 + 2 + 3 = 6.
        Same([None, None, (1 * 1 + 2 * 2 + 3 * 3) / 6d, (1 * 2 + 2 * 3 + 3 * 4) / 6d, (1 * 3 + 2 * 4 + 3 * 5) / 6d], Indicator.Wma(values, 3));
    }

    [Fact]
    public void Ema_is_seeded_with_the_simple_average_of_its_first_window()
    {
        // k = 2 / (3 + 1) = 0.5; seed (1 + 2 + 6) / 3 = 3 at bar 2.
        Same([None, None, 3, 3 + 0.5 * (4 - 3), 3.5 + 0.5 * (8 - 3.5)], Indicator.Ema([1, 2, 6, 4, 8], 3));
    }

    [Fact]
    public void Rsi_uses_Wilder_smoothing_after_a_simple_average_seed()
    {
        // Changes +1, −0.5, +1.5, −1. Seed at bar 3: gain (1 + 0 + 1.5)/3, loss (0 + 0.5 + 0)/3.
        var (gain, loss) = (2.5 / 3, 0.5 / 3);
        var first = 100 - 100 / (1 + gain / loss);
        // Bar 4 (change −1): gain (g × 2 + 0)/3, loss (l × 2 + 1)/3.
        var second = 100 - 100 / (1 + (gain * 2 / 3) / ((loss * 2 + 1) / 3));
        Same([None, None, None, first, second], Indicator.Rsi([10, 11, 10.5, 12, 11], 3));
        Assert.Equal(100, Indicator.Rsi([1, 2, 3, 4], 2)[^1]);
    }

    [Fact]
    public void Roc_is_the_percent_change_over_the_period()
    {
        Same([None, None, 100 * (121 - 100) / 100d, 100 * (99 - 110) / 110d], Indicator.Roc([100, 110, 121, 99], 2));
    }

    [Fact]
    public void True_range_reaches_back_to_the_previous_close_across_a_gap_and_Atr_smooths_it_Wilder_style()
    {
        var bars = Bars((10, 8, 9), (11, 9.5, 10.5), (9, 8, 8.5), (9.2, 8.6, 9));
        // Bar 1: max(11 − 9.5, |11 − 9|, |9.5 − 9|) = 2. Bar 2 gaps down: max(1, |9 − 10.5|, |8 − 10.5|) = 2.5.
        // Bar 3: max(9.2 − 8.6, |9.2 − 8.5|, |8.6 − 8.5|) = 9.2 − 8.5.
        var atr = Indicator.Atr(bars, 2);
        Same([None, 2, 2.5, 9.2 - 8.5], atr.TrueRange);
        // ATR(2): seed (2 + 2.5)/2 at bar 2, then (2.25 × 1 + 0.7)/2.
        Same([None, None, (2 + 2.5) / 2, ((2 + 2.5) / 2 * 1 + (9.2 - 8.5)) / 2], atr.Atr);
        Assert.Equal((2 + 2.5) / 2 / 8.5 * 100, atr.AtrPercent[2], Digits);
    }

    [Fact]
    public void Adx_seeds_with_summed_movement_and_averages_the_first_period_of_dx()
    {
        var bars = Bars((10, 8, 9), (11, 9, 10), (12, 10, 11), (11.5, 9, 9.5), (11, 7, 7.5));
        var adx = Indicator.Adx(bars, 2);
        // Bars 1, 2: up = +1, down = −1 → +DM 1, −DM 0; TR 2 each. At bar 2: TR 4, +DM 2, −DM 0 → +DI 50, −DI 0, DX 100.
        // Bar 3: up −0.5, down 1 → −DM 1; TR max(2.5, 0.5, 2) = 2.5. TR 4 − 4/2 + 2.5 = 4.5, +DM 2 − 1 = 1, −DM 0 + 1 = 1.
        // Bar 4: up −0.5, down 2 → −DM 2; TR max(4, 1.5, 2.5) = 4. TR 4.5 − 2.25 + 4 = 6.25, +DM 1 − 0.5 = 0.5, −DM 1 − 0.5 + 2 = 2.5.
        Same([None, None, 100 * 2 / 4d, 100 * 1 / 4.5, 100 * 0.5 / 6.25], adx.PlusDi);
        Same([None, None, 0, 100 * 1 / 4.5, 100 * 2.5 / 6.25], adx.MinusDi);
        var dx4 = 100 * Math.Abs(8 - 40d) / (8 + 40);
        Same([None, None, 100, 0, dx4], adx.Dx);
        // ADX first at 2N − 1 = 3: (100 + 0)/2; then (50 × 1 + DX)/2.
        Same([None, None, None, (100 + 0) / 2d, (50 * 1 + dx4) / 2], adx.Adx);
    }

    private static readonly Bar[] StochasticBars = Bars((10, 8, 9), (11, 9, 10), (12, 10, 11), (11, 9, 9), (13, 10, 13), (12, 11, 11.5));

    [Fact]
    public void Stochastic_smooths_raw_K_and_signals_it_with_simple_averages_and_J_is_3K_minus_2D()
    {
        // Raw %K(3): bar 2: 100 × (11 − 8)/(12 − 8) = 75; bar 3: close 9 at the low 9 → 0; bar 4: close 13 at the high → 100;
        // bar 5: 100 × (11.5 − 9)/(13 − 9) = 62.5.
        var s = Indicator.Stochastic(StochasticBars, period: 3, signal: 2, smooth: 2);
        double[] k = [None, None, None, (75 + 0) / 2d, (0 + 100) / 2d, (100 + 62.5) / 2d];
        Same(k, s.K);
        Same([None, None, None, None, (37.5 + 50) / 2d, (50 + 81.25) / 2d], s.D);
        Same([None, None, None, None, 3 * 50 - 2 * 43.75, 3 * 81.25 - 2 * 65.625], s.J);
    }

    [Fact]
    public void Williams_R_is_the_fast_stochastic_shifted_down_by_100()
    {
        Same([None, None, 75 - 100, 0 - 100, 100 - 100, 62.5 - 100], Indicator.WilliamsR(StochasticBars, 3));
    }

    [Fact]
    public void Cci_divides_the_distance_from_the_mean_typical_price_by_its_mean_deviation()
    {
        // Typical prices (H + L + C)/3: 10, 11, 13, 12.
        var bars = Bars((11, 9, 10), (12, 10, 11), (15, 12, 12), (13, 11, 12));
        // Bar 2: mean 34/3, mean deviation (4/3 + 1/3 + 5/3)/3 = 10/9 → (13 − 34/3)/(0.015 × 10/9) = 100.
        // Bar 3: mean (11 + 13 + 12)/3 = 12 → 0.
        Same([None, None, (13 - 34 / 3d) / (0.015 * 10 / 9), 0], Indicator.Cci(bars, 3));
        Assert.Equal(100, Indicator.Cci(bars, 3)[2], Digits);
    }

    private static Bar[] FlatBars(params (double Price, double Volume)[] bars) =>
        [.. bars.Select((b, i) => new Bar(new DateOnly(2026, 1, 1).AddDays(i), b.Price, b.Price, b.Price, b.Price, b.Volume))];

    [Fact]
    public void Obv_adds_volume_on_up_closes_subtracts_it_on_down_closes_and_carries_it_on_unchanged_ones()
    {
        var bars = FlatBars((10, 100), (11, 200), (11, 300), (10.5, 400), (12, 500));
        Same([0, 200, 200, 200 - 400, 200 - 400 + 500], Indicator.Obv(bars));
    }

    [Fact]
    public void Mfi_compares_positive_with_negative_money_flow_over_the_period()
    {
        // Typical price = the flat price. Flows: bar 1 up 11 × 200 = 2200, bar 2 down 10.5 × 300 = 3150, bar 3 unchanged,
        // bar 4 up 12 × 100 = 1200.
        var bars = FlatBars((10, 100), (11, 200), (10.5, 300), (10.5, 400), (12, 100));
        Same([None, None, 100 - 100 / (1 + 2200 / 3150d), 100 - 100 / (1 + 0 / 3150d), 100], Indicator.Mfi(bars, 2));
    }

    [Fact]
    public void Aroon_counts_bars_since_the_extreme_over_period_plus_one_bars_and_takes_the_earlier_of_a_tie()
    {
        double[] highs = [5, 7, 6, 8, 4, 3, 2];
        double[] lows = [3, 2, 4, 5, 1, 2, 0.5];
        var bars = highs.Select((h, i) => new Bar(new DateOnly(2026, 1, 1).AddDays(i), h, h, lows[i], h, 0)).ToArray();
        var aroon = Indicator.Aroon(bars, 3);
        // Bar 3 sees bars 0…3: high 8 zero bars ago, low 2 two bars ago. Bar 6 sees 3…6: high 8 three bars ago, low 0.5 now.
        Same([None, None, None, 100 * (3 - 0) / 3d, 100 * (3 - 1) / 3d, 100 * (3 - 2) / 3d, 100 * (3 - 3) / 3d], aroon.Up);
        Same([None, None, None, 100 * (3 - 2) / 3d, 100 * (3 - 0) / 3d, 100 * (3 - 1) / 3d, 100 * (3 - 0) / 3d], aroon.Down);
        Assert.Equal(100 * (3 - 0) / 3d - 100 * (3 - 2) / 3d, aroon.Oscillator[3], Digits);

        var flat = FlatBars((5, 0), (5, 0), (5, 0), (5, 0));
        Assert.Equal(100 * (3 - 3) / 3d, Indicator.Aroon(flat, 3).Up[3]);
    }

    [Fact]
    public void Vwap_accumulates_typical_price_times_volume_from_the_anchor()
    {
        var bars = FlatBars((10, 100), (12, 300), (11, 0), (13, 100));
        Same([10, (10 * 100 + 12 * 300) / 400d, (10 * 100 + 12 * 300) / 400d, (10 * 100 + 12 * 300 + 13 * 100) / 500d], Indicator.Vwap(bars));
        Same([None, 12, 12, (12 * 300 + 13 * 100) / 400d], Indicator.Vwap(bars, anchor: bars[1].Date));
        Same([None, None, 11], Indicator.Vwap(FlatBars((10, 0), (12, 0), (11, 5))));
    }

    [Fact]
    public void Supertrend_flips_bearish_when_the_close_falls_through_the_lower_band_and_back_when_it_rises_through_the_upper()
    {
        var bars = Bars((10, 9, 9.5), (11, 10, 10.5), (12, 11, 11.5), (13, 12, 12.5), (12, 9, 9.5), (10, 9, 9.8), (13, 11, 12.5));
        var st = Indicator.Supertrend(bars, period: 2, multiplier: 1);
        // TR: 1.5, 1.5, 1.5, 3.5, 1, 13 − 9.8. ATR(2): 1.5 at bar 2, then 1.5, 2.5, 1.75, (1.75 + 3.2)/2.
        // Bar 2: mid 11.5, bands 13 / 10; close 11.5 ≥ mid → bullish, line = lower 10.
        // Bar 3: mid 12.5, basic 14 / 11; upper stays 13, lower rises to 11; close 12.5 > 11 → bullish, line 11.
        // Bar 4: mid 10.5, basic 13 / 8; upper stays 13, lower stays 11; close 9.5 ≤ 11 → bearish, line = upper 13.
        // Bar 5: mid 9.5, basic 11.25 / 7.75; upper falls to 11.25; close 9.8 ≤ 11.25 → still bearish, line 11.25.
        // Bar 6: mid 12, basic 12 ± 2.475; upper stays 11.25, lower 9.525; close 12.5 > 11.25 → bullish, line = lower.
        var lower6 = 12 - (1.75 + (13 - 9.8)) / 2;
        Same([None, None, 10, 11, 13, 11.25, lower6], st.Supertrend);
        Same([None, None, None, None, 13, 11.25, None], st.UpperBand);
        Same([None, None, 10, 11, None, None, lower6], st.LowerBand);
    }

    [Fact]
    public void Supertrend_turns_bearish_when_the_close_only_touches_the_lower_band()
    {
        var bars = Bars((10, 9, 9.5), (11, 10, 10.5), (10, 9, 9));
        // ATR(1) = TR. Bar 1: TR 1.5, mid 10.5, bands 12 / 9, close at mid → bullish, line 9.
        // Bar 2: TR max(1, 0.5, 1.5) = 1.5, mid 9.5, basic 11 / 8; lower stays 9; close 9 ≤ 9 → bearish, line = upper 11.
        var st = Indicator.Supertrend(bars, period: 1, multiplier: 1);
        Same([None, 9, 11], st.Supertrend);
        Same([None, None, 11], st.UpperBand);
    }

    private static Bar[] RandomWalk(int count, int seed)
    {
        var random = new Random(seed);
        var bars = new Bar[count];
        var close = 500.0;
        for (var i = 0; i < count; i++)
        {
            var open = close;
            close = open * Math.Exp(0.02 * (random.NextDouble() - 0.5));
            // Every tenth bar is flat, so zero ranges and unchanged closes occur.
            if (i % 10 == 9)
            {
                bars[i] = new Bar(new DateOnly(2020, 1, 1).AddDays(i), open, open, open, close = open, random.Next(0, 1_000));
                continue;
            }
            var high = Math.Max(open, close) * (1 + random.NextDouble() * 0.01);
            var low = Math.Min(open, close) * (1 - random.NextDouble() * 0.01);
            bars[i] = new Bar(new DateOnly(2020, 1, 1).AddDays(i), open, high, low, close, random.Next(0, 1_000));
        }
        return bars;
    }

    public static TheoryData<int> Seeds => [1, 7, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Bounded_indicators_stay_within_their_bounds_on_any_series(int seed)
    {
        var bars = RandomWalk(400, seed);
        var closes = Bar.Closes(bars);
        static void Within(double[] values, double low, double high, int warmUp)
        {
            Assert.All(values[..warmUp], v => Assert.True(double.IsNaN(v)));
            Assert.All(values[warmUp..], v => Assert.InRange(v, low, high));
        }
        var stochastic = Indicator.Stochastic(bars);
        Within(stochastic.K, 0, 100, warmUp: 14 + 3 - 2);
        Within(stochastic.D, 0, 100, warmUp: 14 + 3 + 3 - 3);
        Within(Indicator.WilliamsR(bars), -100, 0, warmUp: 14 - 1);
        Within(Indicator.Rsi(closes), 0, 100, warmUp: 14);
        Within(Indicator.Mfi(bars), 0, 100, warmUp: 14);
        var aroon = Indicator.Aroon(bars);
        Within(aroon.Up, 0, 100, warmUp: 25);
        Within(aroon.Down, 0, 100, warmUp: 25);
        Within(aroon.Oscillator, -100, 100, warmUp: 25);
        var adx = Indicator.Adx(bars);
        Within(adx.PlusDi, 0, 100, warmUp: 14);
        Within(adx.MinusDi, 0, 100, warmUp: 14);
        Within(adx.Adx, 0, 100, warmUp: 2 * 14 - 1);
        var atr = Indicator.Atr(bars);
        Within(atr.Atr, 0, double.MaxValue, warmUp: 14);
        Within(atr.TrueRange, 0, double.MaxValue, warmUp: 1);
        Assert.All(Enumerable.Range(1, bars.Length - 1), i => Assert.True(atr.TrueRange[i] >= bars[i].High - bars[i].Low));
        var bollinger = Indicator.Bollinger(closes);
        Assert.All(Enumerable.Range(19, bars.Length - 19), i => Assert.True(bollinger.Lower[i] <= bollinger.Middle[i] && bollinger.Middle[i] <= bollinger.Upper[i]));
        Within(Indicator.Supertrend(bars).Supertrend, 0, double.MaxValue, warmUp: 10);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aroon_agrees_with_a_plain_scan_of_every_window(int seed)
    {
        var bars = RandomWalk(400, seed);
        var aroon = Indicator.Aroon(bars, 25);
        for (var i = 25; i < bars.Length; i++)
        {
            var window = bars[(i - 25)..(i + 1)];
            var highAt = Array.FindIndex(window, b => b.High == window.Max(w => w.High));
            var lowAt = Array.FindIndex(window, b => b.Low == window.Min(w => w.Low));
            Assert.Equal(100d * highAt / 25, aroon.Up[i], Digits);
            Assert.Equal(100d * lowAt / 25, aroon.Down[i], Digits);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Obv_moves_by_exactly_the_bar_volume_in_the_direction_of_the_close(int seed)
    {
        var bars = RandomWalk(400, seed);
        var obv = Indicator.Obv(bars);
        Assert.Equal(0, obv[0]);
        for (var i = 1; i < bars.Length; i++)
        {
            Assert.Equal(Math.Sign(bars[i].Close - bars[i - 1].Close) * bars[i].Volume, obv[i] - obv[i - 1]);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Supertrend_ratchets_toward_the_close_and_flips_whenever_a_close_crosses_the_line(int seed)
    {
        var bars = RandomWalk(400, seed);
        var st = Indicator.Supertrend(bars);
        var flips = 0;
        for (var i = 10; i < bars.Length; i++)
        {
            var bullish = !double.IsNaN(st.LowerBand[i]);
            Assert.NotEqual(bullish, !double.IsNaN(st.UpperBand[i]));
            Assert.True(bullish ? bars[i].Close > st.Supertrend[i] : bars[i].Close <= st.Supertrend[i], $"bar {i}");
            if (i == 10)
            {
                continue;
            }
            var wasBullish = !double.IsNaN(st.LowerBand[i - 1]);
            var crossed = wasBullish ? bars[i].Close <= st.Supertrend[i - 1] : bars[i].Close > st.Supertrend[i - 1];
            if (crossed)
            {
                Assert.NotEqual(wasBullish, bullish);
            }
            if (wasBullish == bullish)
            {
                // Without a flip the band only moves toward the price: up under an uptrend, down over a downtrend.
                Assert.True(bullish ? st.Supertrend[i] >= st.Supertrend[i - 1] : st.Supertrend[i] <= st.Supertrend[i - 1], $"bar {i}");
            }
            else
            {
                flips++;
            }
        }
        Assert.True(flips > 0, "a 400-bar random walk flips at least once");
    }
}
