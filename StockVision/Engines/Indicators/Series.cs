namespace StockVision.Engines.Indicators;

/// <summary>MACD(fast, slow, signal): every array is aligned with the input and NaN where there is no value.</summary>
public sealed record MacdSeries(double[] Macd, double[] Signal, double[] Histogram, double[] FastEma, double[] SlowEma);

/// <summary>Bollinger Bands: <c>Middle</c> is the SMA; <c>Width</c> = (upper − lower) ÷ middle.</summary>
public sealed record BollingerSeries(double[] Middle, double[] Upper, double[] Lower, double[] PercentB, double[] ZScore, double[] Width);

/// <summary>True range, Wilder's ATR and ATR as a percent of the close.</summary>
public sealed record AtrSeries(double[] TrueRange, double[] Atr, double[] AtrPercent);

/// <summary>Wilder's directional movement system: +DI, −DI, DX and ADX.</summary>
public sealed record AdxSeries(double[] PlusDi, double[] MinusDi, double[] Dx, double[] Adx);

/// <summary>Stochastic oscillator: %K, its signal %D and the KDJ extension %J.</summary>
public sealed record StochasticSeries(double[] K, double[] D, double[] J);

/// <summary>Aroon up, down and oscillator (up − down), each 0…100 (the oscillator −100…100).</summary>
public sealed record AroonSeries(double[] Up, double[] Down, double[] Oscillator);

/// <summary>
/// Supertrend: <c>Supertrend</c> is the contiguous line; <c>UpperBand</c> has a value only on bearish bars and
/// <c>LowerBand</c> only on bullish bars, so a chart can colour the two segments.
/// </summary>
public sealed record SupertrendSeries(double[] Supertrend, double[] UpperBand, double[] LowerBand);
