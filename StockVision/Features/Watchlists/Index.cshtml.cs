using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Watchlists;

/// <summary>/watchlists: the user's lists, with create, rename (?rename=id) and delete after a confirmation step (?delete=id).</summary>
public sealed class IndexModel(Watchlists watchlists) : FormPageModel
{
    public const string FlashKey = "Watchlists.Message";

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? NewName { get; set; }

    [BindProperty(SupportsGet = true, Name = "rename")] public long? RenameId { get; set; }
    [BindProperty(SupportsGet = true, Name = "delete")] public long? DeleteId { get; set; }

    [TempData(Key = FlashKey)] public string? Message { get; set; }

    public IReadOnlyList<WatchlistSummary> Lists { get; private set; } = [];
    public WatchlistSummary? Renaming { get; private set; }
    public WatchlistSummary? Deleting { get; private set; }
    public bool AtLimit => Lists.Count >= Watchlists.MaxLists;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // A rename or delete state for a list the user does not have is the same 404 as its page.
        if ((RenameId is not null && Renaming is null) || (DeleteId is not null && Deleting is null))
        {
            return NotFound();
        }
        NewName ??= Renaming?.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = WatchlistInput.CleanName(Name);
        if (WatchlistInput.NameError(name) is { } error)
        {
            AddError(nameof(Name), error);
            return await InvalidAsync(ct);
        }
        var result = await watchlists.CreateAsync(User.UserId(), name, ct);
        switch (result.Outcome)
        {
            case CreateOutcome.DuplicateName:
                AddError(nameof(Name), WatchlistInput.DuplicateName(name));
                return await InvalidAsync(ct);
            case CreateOutcome.LimitReached:
                // The page at the limit has no create form, so the message stands on its own in the summary.
                FormError = LimitMessage;
                return await InvalidAsync(ct);
        }
        Message = $"Watchlist “{name}” created. Add stocks to it below.";
        return RedirectToPage("/Watchlists/Detail", new { id = result.Id });
    }

    public async Task<IActionResult> OnPostRenameAsync(long id, CancellationToken ct)
    {
        var name = WatchlistInput.CleanName(NewName);
        if (WatchlistInput.NameError(name) is { } error)
        {
            AddError(nameof(NewName), error);
        }
        else
        {
            switch (await watchlists.RenameAsync(User.UserId(), id, name, ct))
            {
                case RenameOutcome.NoList:
                    return NotFound();
                case RenameOutcome.DuplicateName:
                    AddError(nameof(NewName), WatchlistInput.DuplicateName(name));
                    break;
                default:
                    Message = $"Renamed the watchlist to “{name}”.";
                    return RedirectToPage();
            }
        }
        RenameId = id;
        var page = await InvalidAsync(ct);
        return Renaming is null ? NotFound() : page;
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (await watchlists.DeleteAsync(User.UserId(), id, ct) is not { } name)
        {
            return NotFound();
        }
        Message = $"Deleted the watchlist “{name}”.";
        return RedirectToPage();
    }

    public static string LimitMessage =>
        $"You have {Watchlists.MaxLists} watchlists, the most StockVision keeps for one person. Delete one you no longer need to make room for another.";

    private async Task LoadAsync(CancellationToken ct)
    {
        Lists = await watchlists.ListAsync(User.UserId(), ct);
        Renaming = Lists.FirstOrDefault(l => l.Id == RenameId);
        Deleting = Lists.FirstOrDefault(l => l.Id == DeleteId);
    }

    private async Task<PageResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
