using System.Net;
using StockVision.Engines.Scoring;
using StockVision.Features.Screener;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>The score page over HTTP against the real snapshot: the figures are the engine's, explained and disclaimed.</summary>
public class ScoreTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_score_page_shows_each_factor_with_the_engines_percentiles_a_note_and_the_disclaimer()
    {
        var snapshot = await app.Services<ScreenerData>().CurrentAsync(Ct);
        var expected = Scorer.Score(snapshot.Table, snapshot.RowOf("TCS")!.Value);
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/TCS/score");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{Math.Round(expected.Score!.Value, MidpointRounding.AwayFromZero)} / 100", doc.QuerySelector(".quote-price")!.TextContent);
        foreach (var factor in expected.Factors)
        {
            var heading = doc.QuerySelector($"#factor-{factor.Factor.Key}")!.TextContent;
            Assert.StartsWith(factor.Factor.Name + ": ", heading, StringComparison.Ordinal);
            var roce = factor.Ratios.FirstOrDefault(r => r.Ratio.Key == "roce");
            if (roce?.UniversePercentile is { } p)
            {
                var row = doc.QuerySelectorAll("#factor-quality ~ div tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Return on capital employed");
                Assert.Equal($"{Math.Round(p, MidpointRounding.AwayFromZero)} of {roce.UniverseCount}", row.QuerySelectorAll("td")[2].TextContent);
            }
        }
        var note = string.Join(" ", doc.QuerySelectorAll("#note-heading ~ p").Select(p => p.TextContent));
        Assert.Contains("out of 100", note, StringComparison.Ordinal);
        Assert.Contains("SEBI (Research Analysts) Regulations, 2014", note, StringComparison.Ordinal);
        foreach (var advice in new[] { " buy ", " sell ", "recommend ", "should " })
        {
            Assert.DoesNotContain(advice, note.Replace("to buy, sell or hold", "", StringComparison.Ordinal).Replace("a recommendation", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
        Assert.NotEmpty(doc.QuerySelectorAll("#history-caption ~ tbody tr, table:has(#history-caption) tbody tr"));
    }

    [Fact]
    public async Task A_company_without_filings_is_scored_only_on_what_it_has_and_unknown_symbols_are_404()
    {
        using var client = app.CreateClient(followRedirects: false);
        var (response, doc) = await Html.GetAsync(client, "/stocks/SBILIFE/score");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("not scored", doc.QuerySelector("#factor-quality")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("not scored", doc.QuerySelector("#factor-momentum")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/stocks/NOSUCH/score", Ct)).StatusCode);
        var lower = await client.GetAsync("/stocks/tcs/score", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, lower.StatusCode);
        Assert.Equal("/stocks/TCS/score", lower.Headers.Location!.OriginalString);
    }
}
