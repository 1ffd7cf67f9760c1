using StockVision.Engines.Market.Live;

namespace StockVision.Features.Watchlists;

public sealed record WatchlistRow(WatchlistItem Item, Quote? Quote)
{
    /// <summary>How far the target is from the last price, in per cent of the last price: positive when the target is above it.</summary>
    public double? ToTargetPercent => Item.TargetPrice is { } target && Quote is { Last: > 0 } q
        ? (double)((target - q.Last) / q.Last * 100)
        : null;
}

/// <summary>
/// The list page's column sorts, from <c>?sort=symbol|change|last|target&amp;dir=asc|desc</c>. Anything else is the
/// user's own order (by position), the only order in which moving a stock up or down means something.
/// </summary>
public sealed record WatchlistSort(string Key, bool Descending)
{
    public const string Position = "position";
    private static readonly string[] Keys = ["symbol", "change", "last", "target"];

    public static WatchlistSort Parse(string? sort, string? dir) =>
        sort is { } s && Keys.Contains(s) ? new(s, dir == "desc") : new(Position, false);

    public bool InUserOrder => Key == Position;

    /// <summary>The query values that reproduce this order (none for the user's own).</summary>
    public string? SortParameter => InUserOrder ? null : Key;
    public string? DirParameter => Descending ? "desc" : null;

    /// <summary>Where a column heading's link leads: ascending first, the other way on a second click.</summary>
    public WatchlistSort Toggle(string key) => new(key, Key == key && !Descending);

    public string? AriaSort(string key) => Key == key ? (Descending ? "descending" : "ascending") : null;

    public string Description => (Key, Descending) switch
    {
        ("symbol", false) => "sorted by symbol, A to Z",
        ("symbol", true) => "sorted by symbol, Z to A",
        ("last", false) => "sorted by last price, lowest first",
        ("last", true) => "sorted by last price, highest first",
        ("change", false) => "sorted by day change, biggest fall first",
        ("change", true) => "sorted by day change, biggest rise first",
        ("target", false) => "sorted by target price, lowest first",
        ("target", true) => "sorted by target price, highest first",
        _ => "in your order",
    };

    public IEnumerable<WatchlistRow> Apply(IEnumerable<WatchlistRow> rows)
    {
        var ordered = Key switch
        {
            "symbol" => Descending
                ? rows.OrderByDescending(r => r.Item.Symbol, StringComparer.Ordinal)
                : rows.OrderBy(r => r.Item.Symbol, StringComparer.Ordinal),
            "last" => NullsLast(rows, r => r.Quote?.Last),
            "change" => NullsLast(rows, r => r.Quote?.ChangePercent),
            "target" => NullsLast(rows, r => r.Item.TargetPrice),
            _ => rows.OrderBy(r => r.Item.Position),
        };
        return ordered.ThenBy(r => r.Item.Position);
    }

    // Stocks without a value (no live price, no target) stay at the bottom whichever way the column is sorted.
    private IOrderedEnumerable<WatchlistRow> NullsLast<T>(IEnumerable<WatchlistRow> rows, Func<WatchlistRow, T?> key)
        where T : struct
    {
        var missingLast = rows.OrderBy(r => key(r) is null);
        return Descending ? missingLast.ThenByDescending(key) : missingLast.ThenBy(key);
    }
}
