namespace StockVision.Engines.Screener;

/// <summary>One company's ratios, aligned with the catalogue: <c>Values[i]</c> is ratio <c>i</c>, null when not computable.</summary>
public sealed record CompanyRatios(string Symbol, string Name, string? Industry, string Statement, decimal?[] Values)
{
    public decimal? this[RatioCatalogue catalogue, string key] =>
        catalogue.IndexOfKey(key) is { } i ? Values[i] : throw new KeyNotFoundException($"No ratio with key {key}.");
}

public static class RatioEngine
{
    /// <summary>Every ratio of every company, then the industry medians that need all of them.</summary>
    public static IReadOnlyList<CompanyRatios> Compute(RatioCatalogue catalogue, IEnumerable<CompanyFacts> companies)
    {
        var results = companies.Select(f => ComputeOne(catalogue, f)).ToList();
        for (var i = 0; i < catalogue.Count; i++)
        {
            if (catalogue[i].IndustryMedianOf is not { } sourceKey || catalogue.IndexOfKey(sourceKey) is not { } source)
            {
                continue;
            }
            var medians = results
                .Where(r => r.Industry is not null)
                .GroupBy(r => r.Industry!)
                .ToDictionary(g => g.Key, g => Median(g.Select(r => r.Values[source])));
            foreach (var r in results)
            {
                r.Values[i] = r.Industry is { } industry ? medians[industry] : null;
            }
        }
        return results;
    }

    public static CompanyRatios ComputeOne(RatioCatalogue catalogue, CompanyFacts facts)
    {
        var context = new RatioContext(facts);
        var values = new decimal?[catalogue.Count];
        for (var i = 0; i < catalogue.Count; i++)
        {
            values[i] = catalogue[i].Compute(context);
        }
        return new CompanyRatios(facts.Symbol, facts.Name, facts.Industry, facts.Statement, values);
    }

    /// <summary>The median of the values present (mean of the middle two for an even count); null when none are.</summary>
    public static decimal? Median(IEnumerable<decimal?> values)
    {
        var sorted = values.Where(v => v.HasValue).Select(v => v!.Value).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
