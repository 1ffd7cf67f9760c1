using System.Text.RegularExpressions;
using StockVision.Engines.Screener;

namespace StockVision.Tests.Engines;

/// <summary>The catalogue's names and keys: what a screen can type, and what the snapshot table and URLs store.</summary>
public partial class RatioCatalogueTests
{
    private static readonly RatioCatalogue Catalogue = RatioCatalogue.Default;

    public static TheoryData<string> Keys => [.. Catalogue.Ratios.Select(r => r.Key)];

    private static RatioDefinition Ratio(string key, string name, params string[] aliases) =>
        new(key, name, aliases, RatioUnit.Percent, "Test", "A formula", "A period", _ => null);

    [Fact]
    public void Every_key_is_unique()
    {
        var keys = Catalogue.Ratios.Select(r => r.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_name_and_alias_is_unique_after_normalisation()
    {
        var duplicates = Catalogue.Ratios
            .SelectMany(r => r.AllNames.Select(n => (Normal: RatioNames.Normalize(n), r.Key)))
            .GroupBy(n => n.Normal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Key))}");
        Assert.Empty(duplicates);
    }

    [Fact]
    public void The_constructor_rejects_two_ratios_with_one_key()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RatioCatalogue([Ratio("roe", "Return on equity"), Ratio("roe", "ROE")]));
        Assert.Contains("roe", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_constructor_rejects_a_name_that_normalises_to_another_ratios_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RatioCatalogue(
            [Ratio("sales_growth_3y", "Sales growth 3Years"), Ratio("revenue_growth_3y", "Revenue growth 3Years", "sales  growth 3 yrs")]));
        Assert.Contains("sales  growth 3 yrs", ex.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new RatioCatalogue([Ratio("a", "PE"), Ratio("b", "Price to earning", "pe")]));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_name_and_alias_resolves_to_its_ratio_in_any_case(string key)
    {
        var index = Catalogue.IndexOfKey(key);
        Assert.NotNull(index);
        foreach (var name in Catalogue[index.Value].AllNames)
        {
            Assert.Equal(index, Catalogue.IndexOfName(name));
            Assert.Equal(index, Catalogue.IndexOfName(name.ToUpperInvariant()));
            Assert.Equal(index, Catalogue.IndexOfName(name.ToLowerInvariant()));
            Assert.Equal(index, Catalogue.IndexOfName($"  {name.Replace(" ", "   ", StringComparison.Ordinal)} "));
        }
    }

    [Theory]
    [InlineData("Sales growth 3Years", "sales_growth_3y")]
    [InlineData("Sales growth 3 Years", "sales_growth_3y")]
    [InlineData("sales growth 3yrs", "sales_growth_3y")]
    [InlineData("SALES GROWTH 3 YEARS", "sales_growth_3y")]
    [InlineData("Sales growth 3 year", "sales_growth_3y")]
    [InlineData("Profit after tax growth 5 Years", "net_profit_growth_5y")]
    [InlineData("Average return on equity 3Years", "roe_average_3y")]
    [InlineData("average roe 3 yrs", "roe_average_3y")]
    [InlineData("Average ROCE 5 Years", "roce_average_5y")]
    [InlineData("Return over 1 year", "return_1y")]
    [InlineData("Return over 3 years", "return_3y")]
    [InlineData("Return over 3yrs", "return_3y")]
    [InlineData("Return over 1 month", "return_1m")]
    [InlineData("Return over 6 months", "return_6m")]
    [InlineData("Market Cap", "market_cap")]
    [InlineData("p/e", null)]
    [InlineData("Sales growth 4Years", null)]
    public void Names_resolve_however_the_period_is_spelled(string name, string? key) =>
        Assert.Equal(key is null ? null : Catalogue.IndexOfKey(key), Catalogue.IndexOfName(name));

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_ratio_states_its_formula_period_and_category(string key)
    {
        var ratio = Catalogue.ByKey(key)!;
        Assert.False(string.IsNullOrWhiteSpace(ratio.Name));
        Assert.False(string.IsNullOrWhiteSpace(ratio.Formula));
        Assert.False(string.IsNullOrWhiteSpace(ratio.Period));
        Assert.False(string.IsNullOrWhiteSpace(ratio.Category));
        Assert.False(string.IsNullOrWhiteSpace(ratio.UnitLabel));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_is_snake_case(string key) => Assert.Matches(SnakeCase(), key);

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
