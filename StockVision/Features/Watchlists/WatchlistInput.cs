using System.Globalization;

namespace StockVision.Features.Watchlists;

/// <summary>What people type into the watchlist forms, checked and normalised; errors are sentences shown beside the field.</summary>
public static class WatchlistInput
{
    // numeric(14, 2): twelve digits before the point.
    public const decimal MaxTargetPrice = 999_999_999_999.99m;

    public static string CleanName(string? name) => string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string? NameError(string name) => name.Length switch
    {
        0 => "Enter a name for the watchlist.",
        > Watchlists.MaxNameLength => $"Use at most {Watchlists.MaxNameLength} characters for the name (this one has {name.Length}).",
        _ => null,
    };

    public static string DuplicateName(string name) => $"You already have a watchlist called “{name}”. Choose another name.";

    public static string? CleanNote(string? note) => note?.Trim() is { Length: > 0 } n ? n : null;

    public static string? NoteError(string? note) => note is { Length: > Watchlists.MaxNoteLength }
        ? $"Keep the note to {Watchlists.MaxNoteLength} characters or fewer (it has {note.Length})."
        : null;

    /// <summary>
    /// Rupees as people write them: "2850", "2,850.50", "₹ 2,850.5". Empty means no target. Commas are grouping only,
    /// in either the Indian (1,23,456) or the international (123,456) style.
    /// </summary>
    public static bool TryParseTarget(string? text, out decimal? target, out string? error)
    {
        target = null;
        error = null;
        var cleaned = (text ?? "").Replace("₹", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (cleaned.Length == 0)
        {
            return true;
        }
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            error = "Enter the target price in rupees as a number, for example 2850.50.";
            return false;
        }
        if (value <= 0)
        {
            error = "The target price must be more than zero.";
            return false;
        }
        if (value.Scale > 2 && value != Math.Round(value, 2))
        {
            error = "Use at most 2 decimal places (whole paise) for the target price.";
            return false;
        }
        if (value > MaxTargetPrice)
        {
            error = "That target price is too large.";
            return false;
        }
        target = Math.Round(value, 2);
        return true;
    }

    /// <summary>The value a target price input shows: plain digits and a point, which parse back to the same amount.</summary>
    public static string TargetText(decimal? target) => target?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
