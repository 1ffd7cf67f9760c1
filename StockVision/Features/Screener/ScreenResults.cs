using System.Globalization;
using StockVision.Engines.Screener;
using StockVision.Infrastructure;

namespace StockVision.Features.Screener;

/// <summary>
/// The order of a results table, from <c>?sort=key</c> (ascending) or <c>?sort=-key</c> (descending); keys are ratio keys,
/// "symbol" or "industry". Companies without a value sort last either way.
/// </summary>
public sealed record ScreenSort(string Key, bool Descending)
{
    public static readonly ScreenSort Default = new("market_cap", true);

    public string Parameter => (Descending ? "-" : "") + Key;

    /// <summary>A first click on a number column sorts largest first (what a screen is usually for); a second click reverses.</summary>
    public ScreenSort Toggle(string key, bool isText) => Key == key ? this with { Descending = !Descending } : new ScreenSort(key, !isText);

    public string? AriaSort(string key) => Key == key ? (Descending ? "descending" : "ascending") : null;

    public static ScreenSort? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        return t.StartsWith('-') ? new ScreenSort(t[1..], true) : new ScreenSort(t, false);
    }
}

public sealed record ResultRow(CompanyRatios Company, int TableRow);

public sealed record IndustryMedian(string Industry, int Companies, int Matching, IReadOnlyList<decimal?> Values);

/// <summary>One page of a screen's results, with the columns, the order and the industry medians to compare against.</summary>
public sealed class ScreenResults
{
    public const int PageSize = 25;
    public const int MaxColumns = 12;
    private static readonly string[] DefaultColumns = ["current_price", "market_cap", "pe", "roce", "dividend_yield"];

    private ScreenResults(CompiledScreen screen, ScreenRun run, ScreenerSnapshot snapshot, IReadOnlyList<RatioDefinition> columns, ScreenSort sort,
        string? sortNote, IReadOnlyList<ResultRow> ordered, int page, int pageCount)
    {
        Screen = screen;
        Run = run;
        Snapshot = snapshot;
        Columns = columns;
        Sort = sort;
        SortNote = sortNote;
        All = ordered;
        Page = page;
        PageCount = pageCount;
        Rows = ordered.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        Medians = IndustryMedians(snapshot, columns, ordered);
    }

    public CompiledScreen Screen { get; }
    public ScreenRun Run { get; }
    public ScreenerSnapshot Snapshot { get; }
    public IReadOnlyList<RatioDefinition> Columns { get; }
    public ScreenSort Sort { get; }
    public string? SortNote { get; }

    /// <summary>Every match in the chosen order (the CSV export's rows).</summary>
    public IReadOnlyList<ResultRow> All { get; }

    public IReadOnlyList<ResultRow> Rows { get; }
    public int Page { get; }
    public int PageCount { get; }
    public IReadOnlyList<IndustryMedian> Medians { get; }
    public int FirstShown => All.Count == 0 ? 0 : (Page - 1) * PageSize + 1;
    public int LastShown => FirstShown + Rows.Count - (All.Count == 0 ? 0 : 1);

    public static ScreenResults Create(CompiledScreen screen, ScreenerSnapshot snapshot, string? sortText, int? page)
    {
        var catalogue = snapshot.Catalogue;
        var run = screen.Run(snapshot.Table);
        var columns = screen.RatiosUsed.Select(i => catalogue[i])
            .Concat(DefaultColumns.Select(k => catalogue.ByKey(k)!))
            .DistinctBy(r => r.Key)
            .Take(MaxColumns)
            .ToList();

        var requested = ScreenSort.Parse(sortText);
        var sort = requested ?? ScreenSort.Default;
        string? note = null;
        if (sort.Key is not ("symbol" or "industry") && catalogue.IndexOfKey(sort.Key) is null)
        {
            note = $"“{sortText}” is not a column StockVision knows, so the results are sorted by market capitalization.";
            sort = ScreenSort.Default;
        }

        var rows = run.Matches.Select(r => new ResultRow(snapshot.Table.Companies[r], r)).ToList();
        var ordered = Order(rows, sort, catalogue);
        var pageCount = Math.Max(1, (ordered.Count + PageSize - 1) / PageSize);
        var current = Math.Clamp(page ?? 1, 1, pageCount);
        return new ScreenResults(screen, run, snapshot, columns, sort, note, ordered, current, pageCount);
    }

    private static List<ResultRow> Order(List<ResultRow> rows, ScreenSort sort, RatioCatalogue catalogue)
    {
        IOrderedEnumerable<ResultRow> ordered;
        if (sort.Key is "symbol" or "industry")
        {
            Func<ResultRow, string> text = sort.Key == "symbol" ? r => r.Company.Symbol : r => r.Company.Industry ?? "";
            ordered = sort.Descending ? rows.OrderByDescending(text, StringComparer.Ordinal) : rows.OrderBy(text, StringComparer.Ordinal);
        }
        else
        {
            var index = catalogue.IndexOfKey(sort.Key)!.Value;
            ordered = rows.OrderBy(r => r.Company.Values[index] is null ? 1 : 0);
            ordered = sort.Descending
                ? ordered.ThenByDescending(r => r.Company.Values[index])
                : ordered.ThenBy(r => r.Company.Values[index]);
        }
        return ordered.ThenBy(r => r.Company.Symbol, StringComparer.Ordinal).ToList();
    }

    /// <summary>Medians over every company in each industry that has a match (not just the matches): the yardstick a match is read against.</summary>
    private static List<IndustryMedian> IndustryMedians(ScreenerSnapshot snapshot, IReadOnlyList<RatioDefinition> columns, IReadOnlyList<ResultRow> matches)
    {
        var indexes = columns.Select(c => snapshot.Catalogue.IndexOfKey(c.Key)!.Value).ToList();
        var matching = matches.Where(m => m.Company.Industry is not null).GroupBy(m => m.Company.Industry!).ToDictionary(g => g.Key, g => g.Count());
        return snapshot.Table.Companies
            .Where(c => c.Industry is { } i && matching.ContainsKey(i))
            .GroupBy(c => c.Industry!)
            .OrderByDescending(g => matching[g.Key])
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new IndustryMedian(g.Key, g.Count(), matching[g.Key], indexes.Select(i => RatioEngine.Median(g.Select(c => c.Values[i]))).ToList()))
            .ToList();
    }

    /// <summary>A ratio value as the table shows it: lakh/crore grouping, precision by unit; the unit itself is in the column heading.</summary>
    public static string Format(decimal? value, RatioUnit unit) => value switch
    {
        null => "—",
        { } v => unit switch
        {
            RatioUnit.Crore => IndianFormat.Number(v, 0),
            RatioUnit.Percent => IndianFormat.Number(v, 1),
            RatioUnit.Times or RatioUnit.Index => IndianFormat.Number(v, 1),
            _ => IndianFormat.Number(v, 2),
        },
    };

    /// <summary>The same value for a CSV: invariant digits, no grouping, enough precision to recompute from.</summary>
    public static string Plain(decimal? value) =>
        value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture) : "";

    public static string Heading(RatioDefinition ratio, string? label = null) => ratio.Unit switch
    {
        RatioUnit.Crore => $"{label ?? ratio.Name} (₹ cr)",
        RatioUnit.RupeesPerShare => $"{label ?? ratio.Name} (₹)",
        RatioUnit.Percent => $"{label ?? ratio.Name} (%)",
        RatioUnit.Times => $"{label ?? ratio.Name} (×)",
        _ => label ?? ratio.Name,
    };

    /// <summary>"largest market capitalization first": the order in words, for the table's caption.</summary>
    public string OrderDescription
    {
        get
        {
            var what = Sort.Key switch
            {
                "symbol" => "symbol",
                "industry" => "industry",
                _ => Snapshot.Catalogue.ByKey(Sort.Key)!.Name,
            };
            if (what.Length > 1 && char.IsLower(what[1]))
            {
                what = char.ToLowerInvariant(what[0]) + what[1..];
            }
            return Sort.Key is "symbol" or "industry"
                ? $"by {what}, {(Sort.Descending ? "Z to A" : "A to Z")}"
                : $"{(Sort.Descending ? "largest" : "smallest")} {what} first";
        }
    }
}

public static class ScreenerUrls
{
    public static string Results(string? query, string? sort = null, int? page = null)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(query))
        {
            parts.Add("q=" + Uri.EscapeDataString(query));
        }
        if (!string.IsNullOrEmpty(sort) && sort != ScreenSort.Default.Parameter)
        {
            parts.Add("sort=" + Uri.EscapeDataString(sort));
        }
        if (page is > 1)
        {
            parts.Add("page=" + page.Value.ToString(CultureInfo.InvariantCulture));
        }
        return "/screener" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }

    public static string Export(string query, string? sort) =>
        "/screener/export.csv?q=" + Uri.EscapeDataString(query) + (string.IsNullOrEmpty(sort) || sort == ScreenSort.Default.Parameter ? "" : "&sort=" + Uri.EscapeDataString(sort));
}
