using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Text;
using StockVision.Features.Stocks;

namespace StockVision.Features.Financials;

public sealed record StatementLink(Statement Statement, string Url, bool Selected);

/// <summary>One table on the page, with what its partial needs to link headings to sources and offer the CSV.</summary>
public sealed record FinancialSection(FinancialTable Table, string Symbol, string CsvUrl, IReadOnlyDictionary<Filing, string> SourceIds);

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class FinancialsModel(StockQueries stocks, FinancialQueries financials) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Symbol { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "statement")]
    public string? StatementCode { get; set; }

    public Instrument? Instrument { get; private set; }
    public IReadOnlyList<Candidate> Suggestions { get; private set; } = [];
    public IReadOnlyList<StatementLink> StatementLinks { get; private set; } = [];
    public Statement? Statement { get; private set; }
    public string? Problem { get; private set; }
    public IReadOnlyList<FinancialSection> Sections { get; private set; } = [];
    public IReadOnlyList<Source> Sources { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Instrument = await stocks.InstrumentAsync(Symbol, ct);
        if (Instrument is null)
        {
            Suggestions = await stocks.SuggestAsync(Symbol, ct);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (!string.Equals(Instrument.Symbol, Symbol, StringComparison.Ordinal))
        {
            return RedirectToPagePermanent("/Financials/Financials", new { symbol = Instrument.Symbol, statement = StatementCode });
        }

        var filed = await financials.StatementsAsync(Instrument.Symbol, ct);
        StatementLinks = filed.Select(s => new StatementLink(s, Url.Page("/Financials/Financials", new { symbol = Instrument.Symbol, statement = s.Code() })!, false)).ToList();
        if (filed.Count == 0)
        {
            return Page();
        }
        Statement chosen;
        if (StatementCode is null)
        {
            chosen = filed[0];
        }
        else if (!FinancialTables.TryParseStatement(StatementCode, out chosen))
        {
            Problem = $"There is no “{StatementCode}” statement. Choose consolidated or standalone.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        else if (!filed.Contains(chosen))
        {
            Problem = $"{Instrument.Symbol} has no {chosen.Code()} results in StockVision's filings.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Statement = chosen;
        StatementLinks = StatementLinks.Select(l => l with { Selected = l.Statement == chosen }).ToList();
        var tables = FinancialTables.All(await financials.FinancialsAsync(Instrument.Symbol, chosen, ct));
        Sources = FinancialTables.Sources(tables);
        var ids = Sources.ToDictionary(s => s.Filing, s => s.Id);
        Sections = tables.Select(t => new FinancialSection(t, Instrument.Symbol, FinancialsCsv.Url(Instrument.Symbol, t.Kind, chosen), ids)).ToList();
        return Page();
    }
}
