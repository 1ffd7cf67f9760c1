using StockVision.Engines.Scoring;
using StockVision.Engines.Screener;

namespace StockVision.Tests.Engines;

/// <summary>The explainable score on tables small enough to rank by hand.</summary>
public class ScorerTests
{
    private static readonly RatioCatalogue Catalogue = RatioCatalogue.Default;

    [Theory]
    [InlineData(5, Direction.HigherIsBetter, 100)]
    [InlineData(1, Direction.HigherIsBetter, 0)]
    [InlineData(3, Direction.HigherIsBetter, 50)]
    [InlineData(4, Direction.HigherIsBetter, 75)]
    [InlineData(4, Direction.LowerIsBetter, 25)]
    [InlineData(5, Direction.LowerIsBetter, 0)]
    public void Percentiles_are_mid_ranks_among_the_companies_with_a_value(double value, Direction direction, double expected)
    {
        // 1..5: (companies below) / (5 − 1) × 100, so 4 has three below → 75.
        Assert.Equal(expected, Scorer.Percentile(value, [1, 2, 3, 4, 5], direction), 9);
    }

    [Fact]
    public void Ties_count_half_and_a_lone_company_sits_in_the_middle()
    {
        // [1, 2, 2, 3] for one of the 2s: one below, one other equal → (1 + 0.5) / 3 × 100 = 50.
        Assert.Equal(50, Scorer.Percentile(2, [1, 2, 2, 3], Direction.HigherIsBetter), 9);
        Assert.Equal(50, Scorer.Percentile(7, [7], Direction.HigherIsBetter), 9);
    }

    private static RatioTable Table(params (string Symbol, string Industry, (string Key, decimal? Value)[] Values)[] companies)
    {
        return new RatioTable(Catalogue, companies.Select(c =>
        {
            var row = new decimal?[Catalogue.Count];
            foreach (var (key, value) in c.Values)
            {
                row[Catalogue.IndexOfKey(key)!.Value] = value;
            }
            return new CompanyRatios(c.Symbol, c.Symbol + " Ltd", c.Industry, "Consolidated", row);
        }).ToList());
    }

    // Five companies; quality uses ROCE, ROE and OPM with equal weights.
    private static RatioTable Quality() => Table(
        ("A", "X", [("roce", 30m), ("roe", 25m), ("opm", 20m)]),
        ("B", "X", [("roce", 20m), ("roe", 15m), ("opm", 10m)]),
        ("C", "Y", [("roce", 10m), ("roe", 5m), ("opm", null)]),
        ("D", "Y", [("roce", 40m), ("roe", 35m), ("opm", 30m)]),
        ("E", "Y", [("roce", 5m), ("roe", 10m), ("opm", 5m)]));

    [Fact]
    public void A_factor_is_the_weighted_mean_of_the_percentiles_it_has_and_the_industry_rank_is_shown_beside()
    {
        var score = Scorer.Score(Quality(), 1);
        var quality = score.Factors.Single(f => f.Factor.Key == "quality");

        // B: ROCE 20 beats C and E of 5 → 2/4 = 50; ROE 15 beats C, E → 50; OPM 10 among four (20, 10, 30, 5) beats E → 1/3 = 33.33.
        Assert.Equal((50 + 50 + 100.0 / 3) / 3, quality.Score!.Value, 9);
        Assert.Equal("Middle", quality.Band);
        // Within industry X (A, B) B is last on each ratio.
        Assert.All(quality.Ratios, r => Assert.Equal(0, r.IndustryPercentile!.Value, 9));
        // With only quality reported, the overall score is the quality score.
        Assert.Equal(quality.Score.Value, score.Score!.Value, 9);
        Assert.All(score.Factors.Where(f => f.Factor.Key != "quality"), f => Assert.Null(f.Score));
    }

    [Fact]
    public void A_missing_ratio_drops_out_of_its_factor_instead_of_counting_as_zero()
    {
        var quality = Scorer.Score(Quality(), 2).Factors.Single(f => f.Factor.Key == "quality");

        // C: ROCE 10 beats E → 25; ROE 5 beats nobody → 0; OPM not reported.
        Assert.Equal((25 + 0) / 2.0, quality.Score!.Value, 9);
        Assert.Null(quality.Ratios.Single(r => r.Ratio.Key == "opm").UniversePercentile);
    }

    [Fact]
    public void The_lever_is_the_smallest_single_change_that_lifts_the_factor_a_band()
    {
        var table = Quality();
        var quality = Scorer.Score(table, 1).Factors.Single(f => f.Factor.Key == "quality");
        var lever = quality.Lever!;

        Assert.Equal("High", lever.NextBand);
        // B's quality is (50 + 50 + 33.3) / 3 = 44.4; "High" starts at 60, so the three percentiles must sum to 180.
        // ROCE or ROE alone would need 180 − 83.3 = 96.7: beating every other company, which no value a company already
        // has achieves (matching D's 40 ties at (3 + 0.5) / 4 = 87.5). OPM alone needs 180 − 100 = 80: at 30 (D's) it
        // beats A's 20 and E's 5 and ties D among four → (2 + 0.5) / 3 = 83.3.
        Assert.Equal("opm", lever.Ratio.Key);
        Assert.Equal(10m, lever.From);
        Assert.Equal(30m, lever.To);

        var moved = Table(
            ("A", "X", [("roce", 30m), ("roe", 25m), ("opm", 20m)]),
            ("B", "X", [("roce", 20m), ("roe", 15m), ("opm", 30m)]),
            ("C", "Y", [("roce", 10m), ("roe", 5m), ("opm", null)]),
            ("D", "Y", [("roce", 40m), ("roe", 35m), ("opm", 30m)]),
            ("E", "Y", [("roce", 5m), ("roe", 10m), ("opm", 5m)]));
        var after = Scorer.Score(moved, 1).Factors.Single(f => f.Factor.Key == "quality");
        Assert.Equal("High", after.Band);
    }

    [Fact]
    public void The_top_band_has_no_lever()
    {
        var quality = Scorer.Score(Quality(), 3).Factors.Single(f => f.Factor.Key == "quality");
        Assert.Equal(100, quality.Score!.Value, 9);
        Assert.Equal("Very high", quality.Band);
        Assert.Null(quality.Lever);
    }

    [Fact]
    public void Lower_is_better_ratios_rank_the_cheapest_first_and_factor_weights_combine_the_score()
    {
        var table = Table(
            ("A", "X", [("pe", 10m), ("return_1y", 40m)]),
            ("B", "X", [("pe", 20m), ("return_1y", 10m)]),
            ("C", "X", [("pe", 30m), ("return_1y", -5m)]));
        var score = Scorer.Score(table, 0);

        var valuation = score.Factors.Single(f => f.Factor.Key == "valuation");
        var momentum = score.Factors.Single(f => f.Factor.Key == "momentum");
        Assert.Equal(100, valuation.Score!.Value, 9);
        Assert.Equal(100, momentum.Score!.Value, 9);
        Assert.Equal(100, score.Score!.Value, 9);

        var c = Scorer.Score(table, 2);
        // C: P/E worst → 0 (weight 0.20); 1-year return worst → 0 (0.15). Score 0, "Very low".
        Assert.Equal(0, c.Score!.Value, 9);
        Assert.Equal("Very low", c.Band);
    }

    [Fact]
    public void Every_factor_names_ratios_that_exist_and_the_weights_sum_to_one()
    {
        Assert.Equal(1.0, Scorer.Factors.Sum(f => f.Weight), 9);
        Assert.All(Scorer.Factors.SelectMany(f => f.Inputs), i => Assert.NotNull(Catalogue.IndexOfKey(i.RatioKey)));
    }
}
