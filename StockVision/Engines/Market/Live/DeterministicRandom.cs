using System.Text;

namespace StockVision.Engines.Market.Live;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64, as the authors recommend. The simulation must
/// replay identically after a restart and on every node, and System.Random's algorithm is not guaranteed across
/// runtime versions, so the generator is spelled out here.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong s0, s1, s2, s3;
    private double? spareGaussian;

    public DeterministicRandom(ulong seed)
    {
        var sm = seed;
        s0 = SplitMix64(ref sm);
        s1 = SplitMix64(ref sm);
        s2 = SplitMix64(ref sm);
        s3 = SplitMix64(ref sm);
    }

    private DeterministicRandom(ulong a, ulong b, ulong c, ulong d) => (s0, s1, s2, s3) = (a, b, c, d);

    /// <summary>Raw state, for checking against the reference implementation's published outputs.</summary>
    internal static DeterministicRandom FromState(ulong a, ulong b, ulong c, ulong d) => new(a, b, c, d);

    /// <summary>One symbol's stream: the same (seed, symbol) gives the same stream in every process.</summary>
    public static ulong SeedFor(ulong seed, string symbol) => Mix(seed ^ Mix(Fnv1a64(symbol)));

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1): the top 53 bits, so every value is an exact multiple of 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by the Marsaglia polar method; draws come in pairs and the second is kept for the next call.</summary>
    public double NextGaussian()
    {
        if (spareGaussian is { } spare)
        {
            spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * PortableLog(s) / s);
        spareGaussian = v * factor;
        return u * factor;
    }

    internal static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        return Mix(state);
    }

    /// <summary>SplitMix64's output function: a bijection that spreads every input bit over the whole word.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>64-bit FNV-1a over the UTF-8 bytes (string.GetHashCode is randomized per process).</summary>
    internal static ulong Fnv1a64(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }
        return hash;
    }

    /// <summary>
    /// Natural log from IEEE-754 basic operations only. Math.Log defers to the platform's C library, whose last bit may
    /// differ between Linux, Windows and macOS; +, −, × and ÷ are correctly rounded everywhere, so a simulation driven by
    /// this log walks the same path on every node. Accurate to a few ulp, which is all a random draw needs.
    /// </summary>
    internal static double PortableLog(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The log is taken of positive finite numbers only.");
        }
        var exponentShift = 0;
        if (x < 2.2250738585072014E-308)
        {
            x *= 18014398509481984.0; // 2^54 turns a subnormal into a normal number exactly
            exponentShift = -54;
        }
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023 + exponentShift;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > 1.4142135623730951)
        {
            m /= 2;
            exponent++;
        }
        // ln m = 2 atanh(s) with s = (m−1)/(m+1), |s| ≤ 0.172, so s² ≤ 0.0295 and eleven terms reach 2⁻⁵⁵.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var series = 1.0 / 21;
        for (var k = 9; k >= 0; k--)
        {
            series = series * s2 + 1.0 / (2 * k + 1);
        }
        // fdlibm's split of ln 2: Ln2High ends in zero bits, so exponent × Ln2High is exact.
        const double Ln2High = 0.693147180369123816490;
        const double Ln2Low = 1.90821492927058770002e-10;
        return exponent * Ln2High + (2 * s * series + exponent * Ln2Low);
    }
}
