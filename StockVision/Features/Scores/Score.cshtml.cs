using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Scoring;
using StockVision.Features.Screener;
using StockVision.Features.Stocks;
using StockVision.Infrastructure;

namespace StockVision.Features.Scores;

public sealed record ScoreHistoryPoint(DateOnly AsOf, double? Score, string? Band, int Universe);

/// <summary>/stocks/{symbol}/score: the explainable score, factor by factor, its history over the stored daily snapshots, and a note.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = WebPages.ScreenerPagesPolicy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ScoreModel(StockQueries stocks, ScreenerData data) : PageModel
{
    public const int HistoryDays = 30;

    [BindProperty(SupportsGet = true)]
    public string Symbol { get; set; } = "";

    public Instrument? Instrument { get; private set; }
    public ScreenerSnapshot? Snapshot { get; private set; }
    public CompanyScore? Result { get; private set; }
    public IReadOnlyList<string> Note { get; private set; } = [];
    public IReadOnlyList<ScoreHistoryPoint> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Instrument = await stocks.InstrumentAsync(Symbol, ct);
        if (Instrument is null)
        {
            return NotFound();
        }
        if (!string.Equals(Instrument.Symbol, Symbol, StringComparison.Ordinal))
        {
            return RedirectToPagePermanent("/Scores/Score", new { symbol = Instrument.Symbol });
        }
        Snapshot = await data.CurrentAsync(ct);
        if (Snapshot.RowOf(Instrument.Symbol) is not { } row)
        {
            return Page();
        }
        Result = Scorer.Score(Snapshot.Table, row);
        Note = ResearchNote.Write(Result, Instrument.Name, Snapshot.Table.Rows);
        History = (await data.HistoryAsync(HistoryDays, ct))
            .Select(s => s.RowOf(Instrument.Symbol) is { } r && Scorer.Score(s.Table, r) is var score
                ? new ScoreHistoryPoint(s.AsOf, score.Score, score.Band, s.Table.Rows)
                : new ScoreHistoryPoint(s.AsOf, null, null, s.Table.Rows))
            .ToList();
        return Page();
    }
}
