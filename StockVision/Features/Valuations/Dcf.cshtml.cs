using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Features.Stocks;
using StockVision.Infrastructure;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Valuations;

/// <summary>
/// /stocks/{symbol}/dcf: a discounted cash flow builder. A plain GET form, so every valuation is a link that works
/// without JavaScript; htmx re-renders only the results. Inputs that cannot be valued answer 400 with the page and the
/// field named. Not output-cached: the address varies with every input, so a cache would hold little twice.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class DcfModel(StockQueries stocks, DcfData data, SavedValuations saved) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Symbol { get; set; } = "";

    /// <summary>Set by a saved valuation's run link, so the save form offers to update that valuation.</summary>
    [BindProperty(SupportsGet = true, Name = "valuation")]
    public long? ValuationId { get; set; }

    public Instrument? Instrument { get; private set; }
    public string? FinancialFormat { get; private set; }
    public string Statement { get; private set; } = "";
    public DcfDefaults? Defaults { get; private set; }
    public DcfSetup? Setup { get; private set; }
    public DcfReport? Report { get; private set; }

    /// <summary>The saved valuation this page was opened from, when it is the signed-in user's.</summary>
    public SavedValuation? Saved { get; private set; }

    public SaveValuationForm SaveForm => new(Instrument!.Symbol, Setup!.Values, Saved?.Name, Saved?.Id, Saved?.Name);

    public bool IsFinancialCompany => FinancialFormat is "Banking" or "NBFC";

    public string PageUrl => $"/stocks/{Uri.EscapeDataString(Instrument!.Symbol)}/dcf";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Instrument = await stocks.InstrumentAsync(Symbol, ct);
        if (Instrument is null)
        {
            return NotFound();
        }
        if (!string.Equals(Instrument.Symbol, Symbol, StringComparison.Ordinal))
        {
            return RedirectPermanent(PageUrl + Request.QueryString);
        }
        Response.VaryOnHtmx();
        var history = await data.HistoryAsync(Instrument.Symbol, ct);
        FinancialFormat = history.Years.Count > 0 ? history.Years[^1].Format : null;
        Statement = history.Statement;
        if (IsFinancialCompany || DcfDefaults.From(history) is not { } defaults)
        {
            return Page();
        }
        Defaults = defaults;
        if (User.IsSignedIn() && ValuationId is { } id)
        {
            Saved = await saved.GetAsync(User.UserId(), id, ct);
            if (Saved is null || Saved.Symbol != Instrument.Symbol)
            {
                return NotFound();
            }
        }
        Setup = DcfSetup.Parse(key => Request.Query.TryGetValue(key, out var v) ? v.ToString() : null, defaults);
        if (Setup.Inputs is { } inputs)
        {
            Report = DcfReport.Build(inputs, Setup.TerminalGrowthRate);
            if (!Report.Base.IsValued)
            {
                Setup.Errors[""] = Report.Base.Error.Message;
                Report = null;
            }
        }
        if (Report is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Request.IsHtmx() ? Partial("_DcfResults", this) : Page();
    }

    public string Hint(string key) => Defaults is not { } d ? "" : key switch
    {
        DcfSetup.Years => "5 to 10 years; StockVision starts with 5.",
        DcfSetup.Growth => $"One rate for every year, or one per year separated by commas. Default: {d.Growth.Source}.",
        DcfSetup.Margin => "Default: " + d.EbitMargin.Source + ".",
        DcfSetup.Tax => "Default: " + d.TaxRate.Source + ". Also used to take tax off the cost of debt.",
        DcfSetup.Stc => $"Each ₹1 of new capital supports this much new revenue. Default: {d.SalesToCapital.Source}.",
        DcfSetup.Share => "Default: " + d.ReinvestmentShare.Source + ".",
        DcfSetup.RiskFree => "Default: " + d.RiskFreeRate.Source + ".",
        DcfSetup.Erp => "Default: " + d.EquityRiskPremium.Source + ".",
        DcfSetup.Beta => "Default: " + d.Beta.Source + ".",
        DcfSetup.CostOfDebt => "Default: " + d.CostOfDebt.Source + ".",
        DcfSetup.DebtWeight => "Default: " + d.DebtWeight.Source + ".",
        DcfSetup.TerminalGrowth => "Default: " + d.TerminalGrowth.Source + ". Must stay below WACC.",
        DcfSetup.Multiple => $"Enterprise value ÷ final-year EBITDA; depreciation taken as {d.DepreciationShare.Source}. Default: {d.ExitMultiple.Source}.",
        DcfSetup.Revenue => "Default: " + d.BaseRevenue.Source + ".",
        DcfSetup.Shares => "Default: " + d.Shares.Source + ".",
        DcfSetup.Debt => "Default: " + d.Debt.Source + ".",
        DcfSetup.Cash => "Default: " + d.Cash.Source + ".",
        DcfSetup.Minority => "Default: " + d.MinorityInterest.Source + ".",
        _ => "",
    };
}
