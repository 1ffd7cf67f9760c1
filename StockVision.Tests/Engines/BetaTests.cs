using StockVision.Engines.Valuation;

namespace StockVision.Tests.Engines;

public class BetaTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    // Six made-up closes each. Index returns +2 %, −1 %, +3 %, −2 %, +1 %; stock returns +3 %, −2 %, +4 %, −3 %, +2 %.
    private static readonly decimal[] IndexCloses = [100m, 102m, 100.98m, 104.0094m, 101.929212m, 102.94850412m];
    private static readonly decimal[] StockCloses = [100m, 103m, 100.94m, 104.9776m, 101.828272m, 103.86483744m];

    private static List<DailyClose> Series(IEnumerable<decimal> closes, DateOnly start) =>
        closes.Select((c, i) => new DailyClose(start.AddDays(i), c)).ToList();

    [Fact]
    public void Beta_of_a_six_day_series_matches_the_covariance_over_variance_worked_by_hand()
    {
        var estimate = Beta.Estimate(Series(StockCloses, Monday), Series(IndexCloses, Monday))!;

        // Means: index (2 − 1 + 3 − 2 + 1) % / 5 = 0.6 %; stock (3 − 2 + 4 − 3 + 2) % / 5 = 0.8 %.
        // Deviations: index 1.4, −1.6, 2.4, −2.6, 0.4 (%); stock 2.2, −2.8, 3.2, −3.8, 1.2 (%).
        // Σ products = (3.08 + 4.48 + 7.68 + 9.88 + 0.48) × 10⁻⁴ = 25.6 × 10⁻⁴ → sample cov = 25.6e-4 / 4 = 6.4e-4
        // Σ squares (index) = (1.96 + 2.56 + 5.76 + 6.76 + 0.16) × 10⁻⁴ = 17.2 × 10⁻⁴ → sample var = 4.3e-4
        // β = 6.4 / 4.3 = 1.488372…; Blume: 0.67 × 1.488372 + 0.33 = 1.327209…
        Assert.Equal(6.4e-4, estimate.Covariance, 1e-12);
        Assert.Equal(4.3e-4, estimate.MarketVariance, 1e-12);
        Assert.Equal(64.0 / 43.0, estimate.Beta, 1e-9);
        Assert.Equal(0.67 * 64.0 / 43.0 + 0.33, estimate.AdjustedBeta, 1e-9);
        Assert.Equal(Monday, estimate.First);
        Assert.Equal(Monday.AddDays(5), estimate.Last);
        Assert.Equal(5, estimate.Returns);
        Assert.Equal(ReturnKind.Simple, estimate.Kind);
    }

    [Fact]
    public void A_day_missing_from_either_series_is_dropped_from_both()
    {
        var stock = Series(StockCloses, Monday);
        var index = Series(IndexCloses, Monday);
        // The stock traded on a day the index has no close for; it must not create a return of its own.
        stock.Add(new DailyClose(Monday.AddDays(-1), 97m));
        index.Add(new DailyClose(Monday.AddDays(9), 150m));

        var estimate = Beta.Estimate(stock, index)!;
        Assert.Equal(64.0 / 43.0, estimate.Beta, 1e-9);
        Assert.Equal((Monday, Monday.AddDays(5), 5), (estimate.First, estimate.Last, estimate.Returns));
    }

    [Fact]
    public void The_window_limits_the_closes_used()
    {
        var estimate = Beta.Estimate(Series(StockCloses, Monday), Series(IndexCloses, Monday), from: Monday.AddDays(1), to: Monday.AddDays(4))!;
        // Closes on days 1–4 give three returns: index −1 %, +3 %, −2 %; stock −2 %, +4 %, −3 %.
        Assert.Equal(3, estimate.Returns);
        Assert.Equal(Monday.AddDays(1), estimate.First);
        Assert.Equal(Monday.AddDays(4), estimate.Last);
    }

    [Fact]
    public void The_index_against_itself_has_beta_one_and_a_two_times_leveraged_copy_beta_two()
    {
        // Sixty closes of a made-up index that wanders with a sine, and a fund that returns exactly twice its daily move.
        var index = new List<decimal> { 20_000m };
        for (var i = 1; i < 60; i++)
        {
            index.Add(Math.Round(index[^1] * (1 + (decimal)(0.012 * Math.Sin(i * 1.7) + 0.003 * Math.Cos(i * 0.3))), 2));
        }
        var leveraged = new List<decimal> { 100m };
        for (var i = 1; i < index.Count; i++)
        {
            leveraged.Add(leveraged[^1] * (1 + 2 * (index[i] / index[i - 1] - 1)));
        }

        var self = Beta.Estimate(Series(index, Monday), Series(index, Monday))!;
        var doubled = Beta.Estimate(Series(leveraged, Monday), Series(index, Monday))!;
        Assert.Equal(1.0, self.Beta, 1e-12);
        Assert.Equal(1.0, self.Correlation, 1e-12);
        Assert.Equal(2.0, doubled.Beta, 1e-9);
        Assert.Equal(59, doubled.Returns);

        var logSelf = Beta.Estimate(Series(index, Monday), Series(index, Monday), ReturnKind.Log)!;
        Assert.Equal(1.0, logSelf.Beta, 1e-12);
    }

    [Fact]
    public void Too_few_closes_or_a_flat_index_give_no_estimate()
    {
        Assert.Null(Beta.Estimate(Series(StockCloses.Take(2), Monday), Series(IndexCloses.Take(2), Monday)));
        Assert.Null(Beta.Estimate(Series(StockCloses, Monday), Series(Enumerable.Repeat(100m, 6), Monday)));
    }

    [Fact]
    public void Cost_of_equity_and_wacc_match_the_capm_arithmetic()
    {
        // Ke = 7 % + 1.2 × 6 % = 14.2 %; WACC on 700 equity / 300 debt = 0.7 × 14.2 % + 0.3 × 9 % × (1 − 25 %) = 9.94 % + 2.025 %
        Assert.Equal(0.142m, CostOfCapital.CostOfEquity(0.07m, 1.2m, 0.06m));
        Assert.Equal(0.11965m, CostOfCapital.Wacc(700m, 300m, 0.142m, 0.09m, 0.25m));
        Assert.Equal(0.11965m, new CapitalInputs(0.07m, 1.2m, 0.06m, 0.09m, 0.25m, 0.30m).Wacc);
    }

    [Fact]
    public void A_measured_beta_feeds_the_cost_of_equity()
    {
        var beta = Beta.Estimate(Series(StockCloses, Monday), Series(IndexCloses, Monday))!.Beta;
        // 7 % + 1.488372 × 6 % = 15.93 %
        var ke = CostOfCapital.CostOfEquity(0.07m, (decimal)beta, 0.06m);
        Assert.Equal(0.1593m, Math.Round(ke, 4));
    }
}
