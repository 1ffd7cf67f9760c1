using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Screener;
using StockVision.Features.Shared;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Screener;

/// <summary>
/// The screener's save form: a query to save and, after a refused save, what was typed and what was wrong with it.
/// The screener page renders it with the query alone.
/// </summary>
public sealed record SaveScreenForm(string Query, string? Name = null, bool Notify = false, string? NameError = null)
{
    public string SignInUrl => "/account/login?returnUrl=" + Uri.EscapeDataString(SavedScreens.RunUrl(Query));
}

/// <summary>
/// /screener/saved: the user's saved screens, with run, notify on/off, rename (?rename=id) and delete after a confirmation
/// step (?delete=id); the screener's save form posts here. The page needs a signed-in user like every page not marked
/// [AllowAnonymous] (IdentitySetup's fallback policy).
/// </summary>
public sealed class SavedModel(SavedScreens screens) : FormPageModel
{
    public const string FlashKey = "SavedScreens.Message";

    [BindProperty(Name = "q")] public string? Query { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public bool Notify { get; set; }
    [BindProperty] public string? NewName { get; set; }

    [BindProperty(SupportsGet = true, Name = "rename")] public long? RenameId { get; set; }
    [BindProperty(SupportsGet = true, Name = "delete")] public long? DeleteId { get; set; }

    [TempData(Key = FlashKey)] public string? Message { get; set; }

    public IReadOnlyList<SavedScreen> Screens { get; private set; } = [];
    public SavedScreen? Renaming { get; private set; }
    public SavedScreen? Deleting { get; private set; }

    /// <summary>After a save refused for its name: the save form again, with what was typed.</summary>
    public SaveScreenForm? Retry { get; private set; }

    /// <summary>After a save refused for its query: the query as received and where it went wrong.</summary>
    public string? RefusedQuery { get; private set; }
    public QueryError? QueryProblem { get; private set; }

    public bool AtLimit => Screens.Count >= SavedScreens.MaxScreens;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // A rename or delete state for a screen the user does not have is the same 404 as posting to it.
        if ((RenameId is not null && Renaming is null) || (DeleteId is not null && Deleting is null))
        {
            return NotFound();
        }
        NewName ??= Renaming?.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var query = SavedScreenInput.CleanQuery(Query);
        if (query.Length == 0)
        {
            FormError = "There is no screen to save. Write one in the screener first.";
            return await InvalidAsync(ct);
        }
        if (query.Length > SavedScreens.MaxQueryLength)
        {
            FormError = $"A screen can be at most {SavedScreens.MaxQueryLength:N0} characters; this one has {query.Length:N0}, so it was not saved.";
            RefusedQuery = query;
            return await InvalidAsync(ct);
        }
        // Only a screen that runs is worth keeping: the saved list links straight to its results, and alerts evaluate it.
        if (ScreenCompiler.Compile(query, RatioCatalogue.Default).Error is { } problem)
        {
            FormError = $"This screen was not saved because it has an error. {problem}";
            RefusedQuery = query;
            QueryProblem = problem;
            return await InvalidAsync(ct);
        }
        var name = SavedScreenInput.CleanName(Name);
        if (SavedScreenInput.NameError(name) is { } error)
        {
            return await RetryAsync(query, name, error, ct);
        }
        var result = await screens.CreateAsync(User.UserId(), name, query, Notify, ct);
        switch (result.Outcome)
        {
            case SaveScreenOutcome.DuplicateName:
                return await RetryAsync(query, name, SavedScreenInput.DuplicateName(result.Clash!), ct);
            case SaveScreenOutcome.LimitReached:
                FormError = LimitMessage;
                RefusedQuery = query;
                return await InvalidAsync(ct);
        }
        Message = $"Saved “{name}”.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(long id, CancellationToken ct)
    {
        var name = SavedScreenInput.CleanName(NewName);
        if (SavedScreenInput.NameError(name) is { } error)
        {
            AddError(nameof(NewName), error);
        }
        else
        {
            var result = await screens.RenameAsync(User.UserId(), id, name, ct);
            switch (result.Outcome)
            {
                case RenameScreenOutcome.NoScreen:
                    return NotFound();
                case RenameScreenOutcome.DuplicateName:
                    AddError(nameof(NewName), SavedScreenInput.DuplicateName(result.Clash!));
                    break;
                default:
                    Message = $"Renamed the screen to “{name}”.";
                    return RedirectToPage();
            }
        }
        RenameId = id;
        var page = await InvalidAsync(ct);
        return Renaming is null ? NotFound() : page;
    }

    public async Task<IActionResult> OnPostNotifyAsync(long id, bool on, CancellationToken ct)
    {
        if (await screens.SetNotifyAsync(User.UserId(), id, on, ct) is not { } name)
        {
            return NotFound();
        }
        Message = on
            ? $"You will be notified when a company enters or leaves “{name}”."
            : $"Notifications for “{name}” are off.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (await screens.DeleteAsync(User.UserId(), id, ct) is not { } name)
        {
            return NotFound();
        }
        Message = $"Deleted the screen “{name}”.";
        return RedirectToPage();
    }

    public static string LimitMessage =>
        $"You have {SavedScreens.MaxScreens} saved screens, the most StockVision keeps for one person. Delete one you no longer need to make room for another.";

    public string RenameUrl(SavedScreen screen) => Url.Page("/Screener/Saved", null, new { rename = screen.Id }, null, null, "rename-heading")!;

    public string DeleteUrl(SavedScreen screen) => Url.Page("/Screener/Saved", null, new { delete = screen.Id }, null, null, "confirm-heading")!;

    private async Task<PageResult> RetryAsync(string query, string name, string error, CancellationToken ct)
    {
        // The field is the save form's, so the summary's link (#f-name) lands on it.
        AddError(nameof(Name), error);
        Retry = new SaveScreenForm(query, name, Notify, error);
        return await InvalidAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Screens = await screens.ListAsync(User.UserId(), ct);
        Renaming = Screens.FirstOrDefault(s => s.Id == RenameId);
        Deleting = Screens.FirstOrDefault(s => s.Id == DeleteId);
    }

    private async Task<PageResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
