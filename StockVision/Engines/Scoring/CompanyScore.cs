using StockVision.Engines.Screener;

namespace StockVision.Engines.Scoring;

/// <summary>Whether a larger value of a ratio is better for its factor (ROE) or worse (P/E, debt to equity).</summary>
public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
}

public sealed record FactorInput(string RatioKey, Direction Direction, double Weight);

/// <summary>A factor: named ratios, each with a direction and a weight, and the factor's weight in the overall score.</summary>
public sealed record FactorDefinition(string Key, string Name, string Question, double Weight, IReadOnlyList<FactorInput> Inputs);

/// <summary>
/// One ratio's part in a factor: the company's value, its percentile among the whole universe and among its industry
/// (0 = worst, 100 = best after the direction is applied), and the weight it carries.
/// </summary>
public sealed record RatioStanding(RatioDefinition Ratio, Direction Direction, double Weight, decimal? Value, double? UniversePercentile,
    double? IndustryPercentile, int UniverseCount, int IndustryCount);

/// <summary>The smallest change to one ratio that would lift the factor into the next band, holding the others where they are.</summary>
public sealed record Lever(RatioDefinition Ratio, decimal From, decimal To, string NextBand);

public sealed record FactorScore(FactorDefinition Factor, double? Score, string? Band, IReadOnlyList<RatioStanding> Ratios, Lever? Lever);

public sealed record CompanyScore(string Symbol, double? Score, string? Band, IReadOnlyList<FactorScore> Factors);

/// <summary>
/// An explainable 0–100 score. Each ratio's percentile is its mid-rank among the companies that have a value:
/// (companies worse + half of those equal, excluding itself) ÷ (count − 1) × 100, so the best is 100 and the worst 0
/// (50 when it is the only one). A factor is the weighted mean of its ratios' universe percentiles over the ratios the
/// company has; the score is the weighted mean of the factors it has. Bands are fifths: Very low, Low, Middle, High,
/// Very high. No ratio is ever treated as zero for want of a value.
/// </summary>
public static class Scorer
{
    public static readonly string[] Bands = ["Very low", "Low", "Middle", "High", "Very high"];

    public static readonly IReadOnlyList<FactorDefinition> Factors =
    [
        new("quality", "Quality", "How well does it turn capital into profit?", 0.25,
            [new("roce", Direction.HigherIsBetter, 1), new("roe", Direction.HigherIsBetter, 1), new("opm", Direction.HigherIsBetter, 1)]),
        new("growth", "Growth", "How fast have sales and profits grown?", 0.20,
            [new("sales_growth_3y", Direction.HigherIsBetter, 1), new("net_profit_growth_3y", Direction.HigherIsBetter, 1), new("eps_growth", Direction.HigherIsBetter, 1)]),
        new("valuation", "Valuation", "How cheap is it against what it earns and owns?", 0.20,
            [new("pe", Direction.LowerIsBetter, 1), new("pb", Direction.LowerIsBetter, 1), new("ev_ebitda", Direction.LowerIsBetter, 1), new("dividend_yield", Direction.HigherIsBetter, 1)]),
        new("balance_sheet", "Balance-sheet strength", "How little financial risk does it carry?", 0.20,
            [new("debt_to_equity", Direction.LowerIsBetter, 1), new("interest_coverage", Direction.HigherIsBetter, 1), new("current_ratio", Direction.HigherIsBetter, 1),
             new("gross_npa", Direction.LowerIsBetter, 1), new("net_npa", Direction.LowerIsBetter, 1), new("cet1", Direction.HigherIsBetter, 1)]),
        new("momentum", "Momentum", "How has the price moved?", 0.15,
            [new("return_3m", Direction.HigherIsBetter, 1), new("return_6m", Direction.HigherIsBetter, 1), new("return_1y", Direction.HigherIsBetter, 1)]),
    ];

    public static string BandOf(double score) => Bands[Math.Clamp((int)(score / 20), 0, Bands.Length - 1)];

    public static CompanyScore Score(RatioTable table, int row)
    {
        var company = table.Companies[row];
        var factors = Factors.Select(f => ScoreFactor(table, row, f)).ToList();
        var scored = factors.Where(f => f.Score is not null).ToList();
        double? overall = scored.Count == 0 ? null : scored.Sum(f => f.Score!.Value * f.Factor.Weight) / scored.Sum(f => f.Factor.Weight);
        return new CompanyScore(company.Symbol, overall, overall is { } s ? BandOf(s) : null, factors);
    }

    private static FactorScore ScoreFactor(RatioTable table, int row, FactorDefinition factor)
    {
        var catalogue = table.Catalogue;
        var industry = table.Companies[row].Industry;
        var standings = new List<RatioStanding>();
        foreach (var input in factor.Inputs)
        {
            var index = catalogue.IndexOfKey(input.RatioKey) ?? throw new InvalidOperationException($"No ratio {input.RatioKey}.");
            var column = table.Columns[index];
            var value = table.Companies[row].Values[index];
            var universe = Enumerable.Range(0, table.Rows).Where(r => !double.IsNaN(column[r])).ToList();
            var peers = universe.Where(r => table.Companies[r].Industry == industry && industry is not null).ToList();
            standings.Add(new RatioStanding(catalogue[index], input.Direction, input.Weight, value,
                value is null ? null : Percentile(column[row], universe.Select(r => column[r]).ToList(), input.Direction),
                value is null || peers.Count == 0 ? null : Percentile(column[row], peers.Select(r => column[r]).ToList(), input.Direction),
                universe.Count, peers.Count));
        }
        var present = standings.Where(s => s.UniversePercentile is not null).ToList();
        if (present.Count == 0)
        {
            return new FactorScore(factor, null, null, standings, null);
        }
        var score = present.Sum(s => s.UniversePercentile!.Value * s.Weight) / present.Sum(s => s.Weight);
        return new FactorScore(factor, score, BandOf(score), standings, Lever(table, present, score));
    }

    /// <summary>Mid-rank percentile of <paramref name="value"/> among <paramref name="values"/> (which include it), direction applied.</summary>
    public static double Percentile(double value, IReadOnlyList<double> values, Direction direction)
    {
        if (values.Count <= 1)
        {
            return 50;
        }
        var below = values.Count(v => v < value);
        var equal = values.Count(v => v == value) - 1;
        var rank = (below + 0.5 * equal) / (values.Count - 1) * 100;
        return direction == Direction.HigherIsBetter ? rank : 100 - rank;
    }

    /// <summary>
    /// For each ratio, the percentile it would need for the factor to reach the next band with the others unchanged,
    /// and the least demanding value some company already reports that reaches it (so the target is a figure a peer has
    /// actually achieved); the lever offered is the one needing the smallest rise in percentile. None in the top band,
    /// or when no single ratio can get there.
    /// </summary>
    private static Lever? Lever(RatioTable table, IReadOnlyList<RatioStanding> present, double score)
    {
        var band = Math.Clamp((int)(score / 20), 0, Bands.Length - 1);
        if (band == Bands.Length - 1)
        {
            return null;
        }
        var target = (band + 1) * 20.0;
        var totalWeight = present.Sum(s => s.Weight);
        Lever? best = null;
        var bestGain = double.MaxValue;
        foreach (var s in present)
        {
            var others = present.Where(o => o != s).Sum(o => o.UniversePercentile!.Value * o.Weight);
            var needed = (target * totalWeight - others) / s.Weight;
            if (needed > 100 || needed - s.UniversePercentile!.Value >= bestGain)
            {
                continue;
            }
            var column = table.Columns[table.Catalogue.IndexOfKey(s.Ratio.Key)!.Value];
            var values = column.Where(v => !double.IsNaN(v)).ToList();
            var candidates = values.Distinct().OrderBy(v => s.Direction == Direction.HigherIsBetter ? v : -v);
            foreach (var candidate in candidates)
            {
                var withCandidate = values.ToList();
                withCandidate.Remove((double)s.Value!.Value);
                withCandidate.Add(candidate);
                if (Percentile(candidate, withCandidate, s.Direction) >= needed - 1e-9 && candidate != (double)s.Value.Value)
                {
                    best = new Lever(s.Ratio, s.Value.Value, (decimal)candidate, Bands[band + 1]);
                    bestGain = needed - s.UniversePercentile.Value;
                    break;
                }
            }
        }
        return best;
    }
}
