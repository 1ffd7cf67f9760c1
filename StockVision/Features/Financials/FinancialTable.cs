using System.Globalization;
using StockVision.Infrastructure;

namespace StockVision.Features.Financials;

public enum TableKind
{
    Annual,
    Quarterly,
    CashFlow,
    Balance,
}

public enum LineUnit
{
    Crore,
    RupeesPerShare,
    Percent,
}

/// <summary>The XBRL filing a column comes from.</summary>
public sealed record Filing(string SourceFile, DateTimeOffset? Filed)
{
    public string FileName => SourceFile[(SourceFile.LastIndexOf('/') + 1)..];

    /// <summary>"3 May 2024, 17:14 IST": filings carry minutes, not seconds.</summary>
    public string? FiledAt => Filed is { } f ? Ist.ToIst(f).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " IST" : null;

    public string FiledText => FiledAt is { } at ? "filed " + at : "filing time not recorded";

    public string? FiledIso => Filed is { } f ? Ist.ToIst(f).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;
}

/// <summary>One column: a period (or a balance-sheet date) and the filing its figures come from.</summary>
public sealed record Period(DateOnly End, string Label, string? Detail, Filing Filing)
{
    public string Heading => Detail is null ? Label : $"{Label} ({Detail})";
}

/// <summary>A growth rate, or why there is none.</summary>
public sealed record Growth(double? Percent, string? Reason);

public sealed record LineItem(string Label, LineUnit Unit, IReadOnlyList<decimal?> Values, string MissingText, bool Total, Growth? YearOnYear, Growth? Cagr);

public sealed record FinancialTable(
    TableKind Kind,
    string Title,
    string Caption,
    string Format,
    IReadOnlyList<Period> Periods,
    IReadOnlyList<LineItem> Lines,
    string? YearOnYearHeading,
    string? CagrHeading,
    IReadOnlyList<string> Notes)
{
    public bool HasGrowth => YearOnYearHeading is not null;
}

/// <summary>A filing listed once under Sources, with an id the column headings link to.</summary>
public sealed record Source(string Id, Filing Filing, IReadOnlyList<string> UsedFor);
