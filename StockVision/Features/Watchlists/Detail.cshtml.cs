using Microsoft.AspNetCore.Mvc;
using StockVision.Features.Live;
using StockVision.Features.Shared;
using StockVision.Features.Stocks;
using StockVision.Infrastructure;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Watchlists;

/// <summary>
/// /watchlists/{id}: one list with live prices, sorting, reordering, notes and targets, and adding stocks. Another
/// user's list and a missing one are the same 404, on GET and on every handler.
/// </summary>
public sealed class DetailModel(Watchlists watchlists, StockQueries stocks, ILiveQuotes live, TimeProvider clock) : FormPageModel
{
    public const int MaxCandidates = 10;
    public const int MaxFindLength = 100;
    public const string ItemsId = "watchlist-items";
    public const string StatusId = "watchlist-status";

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "dir")] public string? Dir { get; set; }
    [BindProperty(SupportsGet = true, Name = "edit")] public string? Edit { get; set; }
    [BindProperty(SupportsGet = true, Name = "confirm")] public string? Confirm { get; set; }
    [BindProperty(SupportsGet = true, Name = "find")] public string? Find { get; set; }
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? TargetPrice { get; set; }

    [TempData(Key = IndexModel.FlashKey)] public string? Flash { get; set; }

    public WatchlistSummary List { get; private set; } = null!;
    public IReadOnlyList<WatchlistRow> Rows { get; private set; } = [];
    public LiveQuotesModel? Live { get; private set; }
    public IReadOnlyList<SearchHit> Candidates { get; private set; } = [];
    public int CandidateTotal { get; private set; }

    /// <summary>The sentence the status region shows: a redirect's flash, or the outcome of an htmx request.</summary>
    public string? Status { get; private set; }

    /// <summary>The control htmx should focus after swapping the table in (the moved row's button): it gets autofocus.</summary>
    public string? FocusId { get; private set; }

    /// <summary>True when a fragment answers an htmx request and carries the status out of band.</summary>
    public bool StatusOutOfBand { get; private set; }

    public WatchlistSort Order => WatchlistSort.Parse(Sort, Dir);
    public string FindText => Find?.Trim() ?? "";
    public bool Full => List.SymbolCount >= Watchlists.MaxItems;
    public bool ConfirmingDelete => Confirm == "delete";
    public WatchlistRow? Editing => Edit is null ? null : Rows.FirstOrDefault(r => r.Item.Symbol == Edit);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Status = Flash;
        if (Editing is { } row)
        {
            Note = row.Item.Note;
            TargetPrice = WatchlistInput.TargetText(row.Item.TargetPrice);
        }
        NewName = List.Name;
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_WatchlistTable", this) : Page();
    }

    /// <summary>Search-as-you-type: the matching stocks as Add buttons. Without htmx, the whole page with them.</summary>
    public async Task<IActionResult> OnGetCandidatesAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        NewName = List.Name;
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_Candidates", this) : Page();
    }

    /// <summary>An exact symbol is added; anything else shows the stocks it matches (by redirect, so the result is a page of its own).</summary>
    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var text = FindText;
        if (text.Length == 0)
        {
            AddError("find", "Enter a stock symbol, such as TCS, or part of a company name.");
            return await InvalidAsync(ct);
        }
        if (text.Length > MaxFindLength)
        {
            AddError("find", $"Use at most {MaxFindLength} characters to find a stock.");
            return await InvalidAsync(ct);
        }
        if (await stocks.InstrumentAsync(text, ct) is not { } instrument)
        {
            if (await watchlists.GetAsync(User.UserId(), Id, ct) is null)
            {
                return NotFound();
            }
            return Redirect(Url.Page("/Watchlists/Detail", null, new { id = Id, find = text }, null, null, "add-heading")!);
        }
        var symbol = instrument.Symbol;
        switch (await watchlists.AddAsync(User.UserId(), Id, symbol, ct))
        {
            case AddOutcome.NoList:
                return NotFound();
            case AddOutcome.ListFull:
                // A full list's page has no add form, so the message stands on its own in the summary.
                FormError = FullMessage;
                return await InvalidAsync(ct);
            case AddOutcome.AlreadyOnList:
                return await DoneAsync($"{symbol} is already on this list.", RowId(symbol), null, ct);
            default:
                return await DoneAsync($"Added {symbol} ({instrument.Name}) to this list.", RowId(symbol), null, ct);
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string symbol, CancellationToken ct) =>
        await watchlists.RemoveAsync(User.UserId(), Id, symbol, ct) switch
        {
            ItemOutcome.NoList => NotFound(),
            ItemOutcome.NotOnList => await DoneAsync($"{symbol} was not on this list.", "items-heading", null, ct),
            _ => await DoneAsync($"Removed {symbol} from this list.", "items-heading", null, ct),
        };

    public async Task<IActionResult> OnPostMoveAsync(string symbol, string? direction, CancellationToken ct)
    {
        if (direction is not ("up" or "down"))
        {
            return BadRequest();
        }
        var up = direction == "up";
        var result = await watchlists.MoveAsync(User.UserId(), Id, symbol, up ? MoveDirection.Up : MoveDirection.Down, ct);
        if (result.Outcome == MoveOutcome.NoList)
        {
            return NotFound();
        }
        if (result.Outcome == MoveOutcome.NotOnList)
        {
            return await DoneAsync($"{symbol} is not on this list.", "items-heading", null, ct);
        }
        // Keep focus on the button just used; at the top or bottom it is gone, so the row's other move button takes it.
        var sameAgain = up ? result.Place > 1 : result.Place < result.Count;
        var focus = MoveButtonId(symbol, sameAgain == up ? "up" : "down");
        var message = result.Outcome == MoveOutcome.AlreadyAtEdge
            ? $"{symbol} is already at the {(up ? "top" : "bottom")} of the list."
            : $"Moved {symbol} {direction} to position {result.Place} of {result.Count}.";
        return await DoneAsync(message, RowId(symbol), focus, ct);
    }

    public async Task<IActionResult> OnPostEditAsync(string symbol, CancellationToken ct)
    {
        var note = WatchlistInput.CleanNote(Note);
        if (WatchlistInput.NoteError(note) is { } noteError)
        {
            AddError(nameof(Note), noteError);
        }
        if (!WatchlistInput.TryParseTarget(TargetPrice, out var target, out var targetError))
        {
            AddError(nameof(TargetPrice), targetError!);
        }
        if (HasErrors)
        {
            Edit = symbol;
            return await InvalidAsync(ct);
        }
        return await watchlists.UpdateItemAsync(User.UserId(), Id, symbol, note, target, ct) switch
        {
            ItemOutcome.NoList => NotFound(),
            ItemOutcome.NotOnList => await DoneAsync($"{symbol} is not on this list.", "items-heading", null, ct),
            _ => await DoneAsync($"Saved the note and target price for {symbol}.", RowId(symbol), null, ct),
        };
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        var name = WatchlistInput.CleanName(NewName);
        if (WatchlistInput.NameError(name) is { } error)
        {
            AddError(nameof(NewName), error);
            return await InvalidAsync(ct);
        }
        switch (await watchlists.RenameAsync(User.UserId(), Id, name, ct))
        {
            case RenameOutcome.NoList:
                return NotFound();
            case RenameOutcome.DuplicateName:
                AddError(nameof(NewName), WatchlistInput.DuplicateName(name));
                return await InvalidAsync(ct);
            default:
                Flash = $"Renamed the watchlist to “{name}”.";
                return RedirectToPage("/Watchlists/Detail", new { id = Id });
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (await watchlists.DeleteAsync(User.UserId(), Id, ct) is not { } name)
        {
            return NotFound();
        }
        Flash = $"Deleted the watchlist “{name}”.";
        return RedirectToPage("/Watchlists/Index");
    }

    public static string FullMessage =>
        $"This list already holds {Watchlists.MaxItems} stocks, the most a watchlist can. Remove one to make room, or start another list.";

    public static string RowId(string symbol) => "row-" + symbol;

    public static string MoveButtonId(string symbol, string direction) => $"move-{direction}-{symbol}";

    public static string EditFormId(string symbol) => "edit-" + symbol;

    /// <summary>This page's address with the current sort and the given extras; fragments are percent-encoded like any URL part.</summary>
    public string PageUrl(string? edit = null, string? confirm = null, string? fragment = null, WatchlistSort? order = null)
    {
        order ??= Order;
        return Url.Page("/Watchlists/Detail", null, new { id = Id, sort = order.SortParameter, dir = order.DirParameter, edit, confirm },
            null, null, fragment is null ? null : Uri.EscapeDataString(fragment))!;
    }

    public string SortUrl(string key) => PageUrl(fragment: "items-heading", order: Order.Toggle(key));

    public string UserOrderUrl => PageUrl(fragment: "items-heading", order: WatchlistSort.Parse(null, null));

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        if (await watchlists.GetAsync(userId, Id, ct) is not { } list)
        {
            return false;
        }
        List = list;
        var items = await watchlists.ItemsAsync(userId, Id, ct);
        var rows = items.Select(i => new WatchlistRow(i, live.Latest(i.Symbol))).ToList();
        Rows = Order.Apply(rows).ToList();
        Live = items.Count == 0
            ? null
            : new LiveQuotesModel(items.Select(i => i.Symbol).ToList(), PageUrl(), live.Status, clock.GetUtcNow());
        if (FindText is { Length: > 0 and <= MaxFindLength } text)
        {
            var hits = await stocks.SearchAsync(text, ct);
            CandidateTotal = hits.Count;
            Candidates = hits.Take(MaxCandidates).ToList();
        }
        return true;
    }

    /// <summary>
    /// After a change: the fragment for htmx (with the status out of band), otherwise Post/Redirect/Get. Without
    /// JavaScript the redirect's fragment names the control to return to: a browser focuses a focusable fragment
    /// target, and it skips autofocus whenever the address has a fragment.
    /// </summary>
    private async Task<IActionResult> DoneAsync(string message, string? fragment, string? focus, CancellationToken ct)
    {
        if (Request.IsHtmx())
        {
            if (!await LoadAsync(ct))
            {
                return NotFound();
            }
            Status = message;
            FocusId = focus;
            StatusOutOfBand = true;
            Response.VaryOnHtmx();
            return Partial("_WatchlistTable", this);
        }
        Flash = message;
        return Redirect(PageUrl(fragment: focus ?? fragment));
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        NewName ??= List.Name;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Response.VaryOnHtmx();
        return Request.IsHtmx() && Edit is not null ? Partial("_WatchlistTable", this) : Page();
    }
}
