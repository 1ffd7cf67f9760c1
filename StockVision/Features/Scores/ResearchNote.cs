using System.Globalization;
using StockVision.Engines.Scoring;
using StockVision.Engines.Screener;
using StockVision.Infrastructure;

namespace StockVision.Features.Scores;

/// <summary>
/// A short note in plain words from a company's factor scores: facts and comparisons only, never a recommendation
/// (SEBI (Research Analysts) Regulations 2014 govern anything that reads as advice to buy, sell or hold).
/// </summary>
public static class ResearchNote
{
    public static IReadOnlyList<string> Write(CompanyScore score, string name, int universe)
    {
        if (score.Score is not { } overall)
        {
            return [$"{name} has too few reported ratios for StockVision to score it."];
        }
        var sentences = new List<string>
        {
            $"{name} scores {Whole(overall)} out of 100 ({score.Band!.ToLowerInvariant()}) on StockVision's five factors, measured against the {universe} companies StockVision covers.",
        };
        var scored = score.Factors.Where(f => f.Score is not null).OrderByDescending(f => f.Score).ToList();
        if (scored.Count > 0)
        {
            sentences.Add(Describe("Its strongest factor is", scored[0]));
        }
        if (scored.Count > 1)
        {
            sentences.Add(Describe("Its weakest is", scored[^1]));
        }
        var missing = score.Factors.Where(f => f.Score is null).Select(f => f.Factor.Name.ToLowerInvariant()).ToList();
        if (missing.Count > 0)
        {
            sentences.Add($"There is not enough reported data to score its {string.Join(" or ", missing)}.");
        }
        if (scored.FirstOrDefault(f => f.Lever is not null) is { Lever: { } lever } movable)
        {
            sentences.Add($"{movable.Factor.Name} would reach “{lever.NextBand.ToLowerInvariant()}” if {Lower(lever.Ratio.Name)} moved from {Value(lever.From, lever.Ratio.Unit)} to {Value(lever.To, lever.Ratio.Unit)}, other things equal.");
        }
        return sentences;
    }

    private static string Describe(string lead, FactorScore factor)
    {
        var driver = factor.Ratios.Where(r => r.UniversePercentile is not null)
            .OrderByDescending(r => Math.Abs(r.UniversePercentile!.Value - 50))
            .First();
        var percentile = driver.UniversePercentile!.Value;
        var comparison = percentile >= 50
            ? $"better than {Whole(percentile)} % of the {driver.UniverseCount} companies with a value"
            : $"worse than {Whole(100 - percentile)} % of the {driver.UniverseCount} companies with a value";
        return $"{lead} {Lower(factor.Factor.Name)} ({Whole(factor.Score!.Value)}, {factor.Band!.ToLowerInvariant()}): its {Lower(driver.Ratio.Name)} of {Value(driver.Value!.Value, driver.Ratio.Unit)} is {comparison}.";
    }

    private static string Whole(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    private static string Lower(string name) => name.Length > 1 && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    public static string Value(decimal value, RatioUnit unit) => unit switch
    {
        RatioUnit.Percent => IndianFormat.Number(value, 1) + " %",
        RatioUnit.Crore => "₹" + IndianFormat.Number(value, 0) + " crore",
        RatioUnit.RupeesPerShare => IndianFormat.Rupees(value),
        RatioUnit.Times => IndianFormat.Number(value, 1) + "×",
        _ => IndianFormat.Number(value, 1),
    };
}
