using StockVision.Engines.Market.Live;

namespace StockVision.Tests.Engines;

public class DeterministicRandomTests
{
    [Fact]
    public void Xoshiro256_star_star_matches_the_reference_implementation()
    {
        // rust-random/rngs, rand_xoshiro/src/xoshiro256starstar.rs `reference`: state {1, 2, 3, 4}, values produced
        // with Vigna's xoshiro256starstar.c.
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
            607988272756665600, 16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576];
        var random = DeterministicRandom.FromState(1, 2, 3, 4);
        Assert.Equal(expected, expected.Select(_ => random.NextUInt64()));
    }

    [Fact]
    public void SplitMix64_matches_the_reference_implementation()
    {
        // rust-random/rngs, rand_xoshiro/src/splitmix64.rs `reference`: seed 1477776061723855037, first values of Vigna's splitmix64.c.
        ulong[] expected = [1985237415132408290, 2979275885539914483, 13511426838097143398, 8488337342461049707, 15141737807933549159];
        var state = 1477776061723855037UL;
        Assert.Equal(expected, expected.Select(_ => DeterministicRandom.SplitMix64(ref state)));
    }

    [Theory]
    [InlineData("", 0xCBF29CE484222325UL)]       // the FNV-1a 64-bit offset basis (Fowler–Noll–Vo test vectors)
    [InlineData("a", 0xAF63DC4C8601EC8CUL)]
    [InlineData("foobar", 0x85944171F73967E8UL)]
    public void Symbol_hash_is_64_bit_FNV_1a(string text, ulong expected) =>
        Assert.Equal(expected, DeterministicRandom.Fnv1a64(text));

    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_symbols_get_their_own_streams()
    {
        var a = new DeterministicRandom(DeterministicRandom.SeedFor(42, "RELIANCE"));
        var b = new DeterministicRandom(DeterministicRandom.SeedFor(42, "RELIANCE"));
        var c = new DeterministicRandom(DeterministicRandom.SeedFor(42, "TCS"));
        var first = Enumerable.Range(0, 100).Select(_ => a.NextGaussian()).ToList();
        Assert.Equal(first, Enumerable.Range(0, 100).Select(_ => b.NextGaussian()));
        Assert.NotEqual(first, Enumerable.Range(0, 100).Select(_ => c.NextGaussian()));
        Assert.NotEqual(DeterministicRandom.SeedFor(42, "RELIANCE"), DeterministicRandom.SeedFor(43, "RELIANCE"));
    }

    [Fact]
    public void Uniform_draws_lie_in_the_half_open_unit_interval()
    {
        var random = new DeterministicRandom(7);
        Assert.All(Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()), u => Assert.InRange(u, 0, Math.BitDecrement(1.0)));
    }

    [Fact]
    public void Gaussian_draws_have_mean_zero_and_variance_one()
    {
        const int N = 200_000;
        var random = new DeterministicRandom(2024);
        var draws = Enumerable.Range(0, N).Select(_ => random.NextGaussian()).ToArray();
        var mean = draws.Average();
        var variance = draws.Sum(z => (z - mean) * (z - mean)) / (N - 1);
        // Standard errors for N(0,1): mean 1/√N = 0.0022, sample variance √(2/N) = 0.0032. The bounds are about 4.5
        // standard errors, so a correct generator fails them with odds under 1 in 100,000 (and the seed is fixed).
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.985, 1.015);
        // The tails are there too: P(|Z| > 3) = 0.0027, so about 540 of 200,000.
        Assert.InRange(draws.Count(z => Math.Abs(z) > 3), 430, 650);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(1e-300)]
    [InlineData(4.9e-324)] // the smallest subnormal
    [InlineData(0.7071067811865476)]
    [InlineData(1.4142135623730951)]
    [InlineData(1234.5678)]
    [InlineData(1.7976931348623157e308)]
    public void Portable_log_agrees_with_the_platform_log(double x) =>
        Assert.Equal(Math.Log(x), DeterministicRandom.PortableLog(x), Math.Abs(Math.Log(x)) * 1e-15 + 1e-16);

    [Fact]
    public void Portable_log_agrees_with_the_platform_log_across_the_unit_interval()
    {
        var random = new DeterministicRandom(9);
        for (var i = 0; i < 100_000; i++)
        {
            var x = random.NextDouble() + 1e-12;
            Assert.Equal(Math.Log(x), DeterministicRandom.PortableLog(x), Math.Abs(Math.Log(x)) * 1e-15 + 1e-16);
        }
    }
}

public class GbmParametersTests
{
    [Fact]
    public void Estimate_uses_the_mean_and_sample_deviation_of_log_returns()
    {
        // By hand: ln(110/100) = 0.0953102, ln(99/110) = ln 0.9 = −0.1053605.
        // Mean (0.0953102 − 0.1053605) / 2 = −0.0050252. Deviations ±0.1003354, so the sample variance
        // (n − 1 = 1) is 2 × 0.1003354² = 0.0201345 and the standard deviation √0.0201345 = 0.1418956.
        var p = GbmParameters.Estimate([100m, 110m, 99m]);
        Assert.Equal(-0.0050252, p.DailyDrift, 7);
        Assert.Equal(0.1418956, p.DailyVolatility, 7);
    }

    [Fact]
    public void Estimate_needs_two_returns() =>
        Assert.Throws<ArgumentException>(() => GbmParameters.Estimate([100m, 101m]));

    [Fact]
    public void Estimate_rejects_a_non_positive_close() =>
        Assert.Throws<ArgumentException>(() => GbmParameters.Estimate([100m, 0m, 101m]));
}
