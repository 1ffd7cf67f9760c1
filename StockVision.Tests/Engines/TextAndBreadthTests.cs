using StockVision.Engines.Market;
using StockVision.Engines.Text;

namespace StockVision.Tests.Engines;

public class SimilarityTests
{
    private static readonly Candidate[] Universe =
    [
        new("RELIANCE", "Reliance Industries Limited"),
        new("INFY", "Infosys Limited"),
        new("TCS", "Tata Consultancy Services Limited"),
        new("TATASTEEL", "Tata Steel Limited"),
        new("ITC", "ITC Limited"),
    ];

    [Theory]
    [InlineData("kitten", "sitting", 3)]      // the textbook Levenshtein example
    [InlineData("RELAINCE", "RELIANCE", 1)]  // one adjacent transposition
    [InlineData("", "ABC", 3)]
    [InlineData("TCS", "TCS", 0)]
    public void Distance_counts_edits_with_transpositions_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, Similarity.Distance(a, b));

    [Fact]
    public void A_mistyped_symbol_suggests_the_real_one() =>
        Assert.Equal("RELIANCE", Similarity.Suggest("relaince", Universe)[0].Symbol);

    [Fact]
    public void A_company_name_suggests_its_symbol() =>
        Assert.Equal("INFY", Similarity.Suggest("infosys", Universe)[0].Symbol);

    [Fact]
    public void Nonsense_suggests_nothing() => Assert.Empty(Similarity.Suggest("QQQQQQQQ", Universe));
}

public class BreadthTests
{
    [Fact]
    public void Gainers_losers_and_sectors_come_from_close_against_previous_close()
    {
        SessionMove M(string s, string sector, decimal close, decimal prev) => new(s, s, sector, close, prev);
        var moves = new[]
        {
            M("A", "IT", 110, 100),   // +10 %
            M("B", "IT", 95, 100),    // -5 %
            M("C", "Energy", 100, 100),
            M("D", "Energy", 102, 100), // +2 %
        };
        var b = Breadth.Compute(moves, top: 1);

        Assert.Equal("A", Assert.Single(b.Gainers).Symbol);
        Assert.Equal("B", Assert.Single(b.Losers).Symbol);
        Assert.Equal((2, 1, 1), (b.Advancing, b.Declining, b.Unchanged));
        var it = b.Sectors.Single(s => s.Sector == "IT");
        Assert.Equal((1, 1, 0), (it.Advancing, it.Declining, it.Unchanged));
        Assert.Equal(2.5, it.AverageChangePercent, precision: 10);
        Assert.Equal("IT", b.Sectors[0].Sector); // +2.5 % beats Energy's +1 %
    }
}
