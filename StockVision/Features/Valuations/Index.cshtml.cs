using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Features.Shared;
using StockVision.Features.Stocks;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Valuations;

/// <summary>
/// /valuations: the user's saved DCF valuations with run links and change logs; /valuations/{id} one of them; delete
/// after a confirmation step (?delete=id). The DCF page's save form posts here. Signed-in users only (the fallback policy).
/// </summary>
public sealed class IndexModel(SavedValuations valuations, StockQueries stocks, DcfData data) : FormPageModel
{
    public const string FlashKey = "Valuations.Message";

    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "delete")] public long? DeleteId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Symbol { get; set; }

    [TempData(Key = FlashKey)] public string? Message { get; set; }

    public IReadOnlyList<SavedValuation> Valuations { get; private set; } = [];
    public ILookup<long, ValuationChange> Changes { get; private set; } = Array.Empty<ValuationChange>().ToLookup(c => c.ValuationId);
    public SavedValuation? Deleting { get; private set; }

    /// <summary>After a save refused for its name: the save form again, with what was typed.</summary>
    public SaveValuationForm? Retry { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // Another user's valuation, or one that does not exist, is the same 404 whether viewed or about to be deleted.
        if ((Id is not null && Valuations.Count == 0) || (DeleteId is not null && Deleting is null))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var savingId = Id;
        Id = null;
        if (await stocks.InstrumentAsync(Symbol ?? "", ct) is not { } instrument
            || DcfDefaults.From(await data.HistoryAsync(instrument.Symbol, ct)) is not { } defaults)
        {
            return NotFound();
        }
        var setup = DcfSetup.Parse(key => Request.Form.TryGetValue(key, out var v) ? v.ToString() : null, defaults);
        if (setup.Inputs is null)
        {
            FormError = "These inputs were not saved because they do not value: " + string.Join(" ", setup.Errors.Values);
            return await InvalidAsync(ct);
        }
        var name = Screener.SavedScreenInput.CleanName(Name);
        var nameError = name.Length switch
        {
            0 => "Enter a name for the valuation.",
            > SavedValuations.MaxNameLength => $"Use at most {SavedValuations.MaxNameLength} characters for the name (this one has {name.Length}).",
            _ => null,
        };
        var result = nameError is null
            ? await valuations.SaveAsync(User.UserId(), savingId, instrument.Symbol, name, setup.Values, ct)
            : null;
        switch (result?.Outcome)
        {
            case null:
                return await RetryAsync(instrument.Symbol, setup, name, savingId, nameError!, ct);
            case SaveValuationOutcome.NotFound:
                return NotFound();
            case SaveValuationOutcome.DuplicateName:
                return await RetryAsync(instrument.Symbol, setup, name, savingId,
                    $"You already have a valuation called “{result.Clash}”, of {result.ClashSymbol}. Choose another name.", ct);
            case SaveValuationOutcome.LimitReached:
                FormError = $"You have {SavedValuations.MaxValuations} saved valuations, the most StockVision keeps for one person. Delete one you no longer need to make room.";
                return await InvalidAsync(ct);
            case SaveValuationOutcome.Unchanged:
                Message = $"“{name}” already has these inputs; nothing changed.";
                break;
            case SaveValuationOutcome.Updated:
                Message = $"Saved changes to “{name}”: {result.Note}.";
                break;
            default:
                Message = $"Saved “{name}”.";
                break;
        }
        return RedirectToPage("/Valuations/Index", new { id = (long?)null });
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (await valuations.DeleteAsync(User.UserId(), id, ct) is not { } name)
        {
            return NotFound();
        }
        Message = $"Deleted the valuation “{name}” and its change log.";
        return RedirectToPage("/Valuations/Index", new { id = (long?)null });
    }

    public string DeleteUrl(SavedValuation v) => $"/valuations?delete={v.Id}#confirm-heading";

    private async Task<PageResult> RetryAsync(string symbol, DcfSetup setup, string name, long? id, string error, CancellationToken ct)
    {
        AddError(nameof(Name), error);
        Retry = new SaveValuationForm(symbol, setup.Values, name, id, NameError: error);
        return await InvalidAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await valuations.ListAsync(User.UserId(), ct);
        Valuations = Id is { } id ? all.Where(v => v.Id == id).ToList() : all;
        Changes = await valuations.ChangesAsync(User.UserId(), ct);
        Deleting = all.FirstOrDefault(v => v.Id == DeleteId);
    }

    private async Task<PageResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
