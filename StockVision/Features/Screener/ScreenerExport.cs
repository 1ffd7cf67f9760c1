using System.Text;
using StockVision.Engines.Screener;
using StockVision.Infrastructure;

namespace StockVision.Features.Screener;

/// <summary>
/// /screener/export.csv?q=…&amp;sort=…: every company that passes, in the page's order and columns, as RFC 4180 CSV in
/// UTF-8 (with a byte-order mark, so spreadsheet programs keep the ₹ intact). Plain invariant numbers, no digit grouping;
/// units are in the headings; an empty field is a ratio with no value.
/// </summary>
public static class ScreenerExport
{
    public static IEndpointRouteBuilder MapScreenerExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/screener/export.csv", ExportAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ExportAsync(string? q, string? sort, ScreenerData data, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.BadRequest("Give the screen to export as ?q=…, for example ?q=Return+on+equity+%3E+15%25.");
        }
        var snapshot = await data.CurrentAsync(ct);
        var compiled = ScreenCompiler.Compile(q, snapshot.Catalogue);
        if (compiled.Screen is not { } screen)
        {
            return TypedResults.BadRequest(compiled.Error!.ToString());
        }
        var results = ScreenResults.Create(screen, snapshot, sort, page: 1);
        var text = Csv.ToText(Rows(results));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"screen-{IndianFormat.IsoDate(snapshot.AsOf)}.csv");
    }

    public static IEnumerable<IReadOnlyList<string?>> Rows(ScreenResults results)
    {
        var catalogue = results.Snapshot.Catalogue;
        var indexes = results.Columns.Select(c => catalogue.IndexOfKey(c.Key)!.Value).ToList();
        yield return ["Symbol", "Company", "Industry", "Statement", .. results.Columns.Select(c => ScreenResults.Heading(c))];
        foreach (var row in results.All)
        {
            var c = row.Company;
            yield return [c.Symbol, c.Name, c.Industry, c.Statement, .. indexes.Select(i => ScreenResults.Plain(c.Values[i]))];
        }
    }
}
