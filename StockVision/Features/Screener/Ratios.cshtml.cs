using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Screener;
using StockVision.Infrastructure;

namespace StockVision.Features.Screener;

public sealed record RatioEntry(RatioDefinition Ratio, int Companies);

/// <summary>/screener/ratios?find=…: every ratio a screen can name, grouped by category, with formula, unit, period, aliases and coverage.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = WebPages.ScreenerPagesPolicy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class RatiosModel(ScreenerData data) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "find")]
    public string? Find { get; set; }

    public ScreenerSnapshot? Snapshot { get; private set; }
    public IReadOnlyList<IGrouping<string, RatioEntry>> Groups { get; private set; } = [];
    public int Total { get; private set; }
    public int Shown { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Snapshot = await data.CurrentAsync(ct);
        var table = Snapshot.Table;
        var entries = Snapshot.Catalogue.Ratios
            .Select((r, i) => new RatioEntry(r, table.Columns[i].Count(v => !double.IsNaN(v))))
            .ToList();
        Total = entries.Count;
        var find = Find?.Trim() ?? "";
        var matching = find.Length == 0 ? entries : entries.Where(e => Matches(e.Ratio, find)).ToList();
        Shown = matching.Count;
        Groups = matching.GroupBy(e => e.Ratio.Category).ToList();
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_RatioList", this) : Page();
    }

    private static bool Matches(RatioDefinition ratio, string find) =>
        ratio.AllNames.Any(n => n.Contains(find, StringComparison.OrdinalIgnoreCase))
        || RatioNames.Normalize(string.Join(' ', ratio.AllNames)).Contains(RatioNames.Normalize(find), StringComparison.Ordinal)
        || ratio.Formula.Contains(find, StringComparison.OrdinalIgnoreCase)
        || ratio.Key.Contains(find, StringComparison.OrdinalIgnoreCase);
}
