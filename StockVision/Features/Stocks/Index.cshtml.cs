using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Infrastructure;

namespace StockVision.Features.Stocks;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(StockQueries stocks) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var q = Query?.Trim() ?? "";
        if (q.Length > 100)
        {
            Problem = "Search text is limited to 100 characters.";
        }
        else
        {
            Hits = await stocks.SearchAsync(q, ct);
        }
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_SearchResults", this) : Page();
    }
}
