using StockVision.Engines.Screener;

namespace StockVision.Features.Screener;

/// <summary>A company beside the other companies of its industry on the main ratios, largest first, with the industry median.</summary>
public sealed record PeersModel(string Symbol, string Industry, IReadOnlyList<RatioDefinition> Columns, IReadOnlyList<int> Indexes,
    IReadOnlyList<CompanyRatios> Companies, IReadOnlyList<decimal?> Medians, DateOnly AsOf)
{
    public static readonly string[] ColumnKeys = ["market_cap", "pe", "pb", "roe", "roce", "opm", "sales_growth_3y", "dividend_yield"];

    /// <summary>Headings short enough for eight columns beside the company; the full name is read out and shown on hover.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShortNames = new Dictionary<string, string>
    {
        ["market_cap"] = "Market cap",
        ["pe"] = "P/E",
        ["pb"] = "P/B",
        ["roe"] = "ROE",
        ["roce"] = "ROCE",
        ["opm"] = "OPM",
        ["sales_growth_3y"] = "Sales growth 3Y",
        ["dividend_yield"] = "Dividend yield",
    };

    public static PeersModel? Create(ScreenerSnapshot snapshot, string symbol)
    {
        if (snapshot.RowOf(symbol) is not { } row || snapshot.Table.Companies[row].Industry is not { } industry)
        {
            return null;
        }
        var catalogue = snapshot.Catalogue;
        var indexes = ColumnKeys.Select(k => catalogue.IndexOfKey(k)!.Value).ToList();
        var marketCap = indexes[0];
        var companies = snapshot.Table.Companies
            .Where(c => c.Industry == industry)
            .OrderBy(c => c.Values[marketCap] is null ? 1 : 0)
            .ThenByDescending(c => c.Values[marketCap])
            .ThenBy(c => c.Symbol, StringComparer.Ordinal)
            .ToList();
        if (companies.Count < 2)
        {
            return null;
        }
        var medians = indexes.Select(i => RatioEngine.Median(companies.Select(c => c.Values[i]))).ToList();
        return new PeersModel(snapshot.Table.Companies[row].Symbol, industry, indexes.Select(i => catalogue[i]).ToList(), indexes, companies, medians, snapshot.AsOf);
    }
}
