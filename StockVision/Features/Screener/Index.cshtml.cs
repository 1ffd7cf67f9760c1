using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Screener;
using StockVision.Infrastructure;

namespace StockVision.Features.Screener;

/// <summary>
/// /screener?q=…&amp;sort=…&amp;page=…: a plain GET form, so every screen is a link that works without JavaScript; htmx
/// re-renders only the results as the screen is typed. A screen that does not parse or check answers 400 with the
/// error located by line and column.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = WebPages.ScreenerPagesPolicy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(ScreenerData data) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? SortText { get; set; }

    public ScreenerSnapshot? Snapshot { get; private set; }
    public QueryError? Error { get; private set; }
    public string? FixUrl { get; private set; }
    public ScreenResults? Results { get; private set; }

    public bool HasQuery => !string.IsNullOrWhiteSpace(Query);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageText, CancellationToken ct)
    {
        Snapshot = await data.CurrentAsync(ct);
        Response.VaryOnHtmx();
        if (HasQuery)
        {
            var compiled = ScreenCompiler.Compile(Query, Snapshot.Catalogue);
            if (compiled.Screen is { } screen)
            {
                var page = int.TryParse(pageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 1;
                Results = ScreenResults.Create(screen, Snapshot, SortText, page);
            }
            else
            {
                Error = compiled.Error;
                FixUrl = FixFor(Query!, Error!, Snapshot.Catalogue);
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        return Request.IsHtmx() ? Partial("_ScreenResults", this) : Page();
    }

    /// <summary>The screen with a mistyped ratio name replaced by the suggested one.</summary>
    private static string? FixFor(string query, QueryError error, RatioCatalogue catalogue)
    {
        if (error.Suggestion is not { } suggestion || catalogue.IndexOfName(suggestion) is null
            || error.Span.Offset < 0 || error.Span.Offset + error.Span.Length > query.Length)
        {
            return null;
        }
        var fixedQuery = query[..error.Span.Offset] + suggestion + query[(error.Span.Offset + error.Span.Length)..];
        return ScreenerUrls.Results(fixedQuery);
    }
}
