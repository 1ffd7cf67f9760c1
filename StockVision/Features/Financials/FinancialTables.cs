using System.Globalization;
using StockVision.Infrastructure;

namespace StockVision.Features.Financials;

/// <summary>
/// Turns filed rows into the tables of the financials page and its CSV downloads: which periods, which line items for the
/// company's format (Ind AS, NBFC, Banking), derived lines (EBITDA, net interest income, free cash flow) and growth.
/// </summary>
public static class FinancialTables
{
    public const int AnnualYears = 7;
    public const int Quarters = 8;
    private const string NotFiled = "not filed";
    private const string NotComputable = "not computable: an input was not filed";

    private sealed record Line<T>(string Label, Func<T, decimal?> Value, LineUnit Unit = LineUnit.Crore, bool Optional = false,
        bool Total = false, string Missing = NotFiled);

    public static string Code(this TableKind kind) => kind switch
    {
        TableKind.Annual => "annual",
        TableKind.Quarterly => "quarterly",
        TableKind.CashFlow => "cashflow",
        _ => "balance",
    };

    public static string Code(this Statement statement) => statement == Statement.Consolidated ? "consolidated" : "standalone";

    public static bool TryParseTable(string? code, out TableKind kind)
    {
        foreach (var k in Enum.GetValues<TableKind>())
        {
            if (string.Equals(code, k.Code(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    // Only the two words: Enum.TryParse would also take "0" or "1".
    public static bool TryParseStatement(string? code, out Statement statement)
    {
        statement = string.Equals(code, "standalone", StringComparison.OrdinalIgnoreCase) ? Statement.Standalone : Statement.Consolidated;
        return string.Equals(code, "standalone", StringComparison.OrdinalIgnoreCase) || string.Equals(code, "consolidated", StringComparison.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<FinancialTable> All(CompanyFinancials data) =>
        [Annual(data.Results), Quarterly(data.Results), CashFlow(data.Results), Balance(data.BalanceSheets)];

    public static FinancialTable Build(TableKind kind, CompanyFinancials data) => kind switch
    {
        TableKind.Annual => Annual(data.Results),
        TableKind.Quarterly => Quarterly(data.Results),
        TableKind.CashFlow => CashFlow(data.Results),
        _ => Balance(data.BalanceSheets),
    };

    public static FinancialTable Annual(IEnumerable<FinancialResult> results)
    {
        var rows = results.Where(r => r.PeriodMonths == 12).OrderBy(r => r.PeriodEnd).TakeLast(AnnualYears).ToList();
        var periods = rows.Select(r => new Period(r.PeriodEnd, YearLabel(r.PeriodEnd), r.PeriodEnd.Month == 3 ? null : "12 months", Filing(r.SourceFile, r.Filed))).ToList();
        var format = rows.Count > 0 ? rows[^1].Format : "IndAS";
        var notes = Gaps(periods, 12, YearLabel);
        if (periods.Any(p => p.End.Month != 3))
        {
            notes.Add("A column labelled with a month, such as “Dec 2022”, is a 12-month year ending that month: the company's financial year did not then end in March. FY columns end on 31 March (FY24 = April 2023 to March 2024).");
        }
        var latest = periods.Count > 0 ? periods[^1] : null;
        return new FinancialTable(TableKind.Annual, "Annual profit and loss",
            "Annual profit and loss, ₹ crore unless stated, oldest year first",
            format, periods, Lines(ResultLines(format), rows, periods, YearLabel), latest is null ? null : $"Growth, {latest.Label} vs {YearLabel(latest.End.AddYears(-1))}",
            latest is null ? null : $"3-year CAGR, {YearLabel(latest.End.AddYears(-3))}–{latest.Label}", notes);
    }

    public static FinancialTable Quarterly(IEnumerable<FinancialResult> results)
    {
        var rows = results.Where(r => r.PeriodMonths == 3).OrderBy(r => r.PeriodEnd).TakeLast(Quarters).ToList();
        var periods = rows.Select(r => new Period(r.PeriodEnd, MonthLabel(r.PeriodEnd), QuarterLabel(r.PeriodEnd), Filing(r.SourceFile, r.Filed))).ToList();
        var format = rows.Count > 0 ? rows[^1].Format : "IndAS";
        var latest = periods.Count > 0 ? periods[^1] : null;
        return new FinancialTable(TableKind.Quarterly, "Quarterly results",
            "Quarterly results, ₹ crore unless stated, oldest quarter first",
            format, periods, Lines(ResultLines(format), rows, periods, MonthLabel, cagr: false),
            latest is null ? null : $"Growth, {latest.Label} vs {MonthLabel(latest.End.AddYears(-1))}", null,
            [.. Gaps(periods, 3, MonthLabel), "Quarters are labelled by the month they end; Q1 to Q4 follow the April–March financial year (Q3 FY25 = October to December 2024)."]);
    }

    public static FinancialTable CashFlow(IEnumerable<FinancialResult> results)
    {
        var rows = results.Where(r => r.PeriodMonths == 12).OrderBy(r => r.PeriodEnd).TakeLast(AnnualYears).ToList();
        var periods = rows.Select(r => new Period(r.PeriodEnd, YearLabel(r.PeriodEnd), r.PeriodEnd.Month == 3 ? null : "12 months", Filing(r.SourceFile, r.Filed))).ToList();
        Line<FinancialResult>[] lines =
        [
            new("Cash from operating activities", r => r.CashFromOperations, Total: true),
            new("Purchase of property, plant and equipment", r => r.PurchaseOfPpe),
            new("Purchase of intangible assets", r => r.PurchaseOfIntangibles),
            new("Free cash flow (operating cash − PPE − intangibles)", r => r.CashFromOperations - r.PurchaseOfPpe - r.PurchaseOfIntangibles, Total: true, Missing: NotComputable),
            new("Cash from investing activities", r => r.CashFromInvesting),
            new("Cash from financing activities", r => r.CashFromFinancing),
            new("Dividends paid", r => r.DividendsPaid),
            new("Net change in cash", r => r.NetChangeInCash, Total: true),
        ];
        return new FinancialTable(TableKind.CashFlow, "Cash flows", "Annual cash flows, ₹ crore, oldest year first",
            rows.Count > 0 ? rows[^1].Format : "IndAS", periods, Lines(lines, rows, periods, growthLabel: null), null, null,
            ["Purchases and dividends paid are outflows, shown as positive amounts as filed; the three activity totals and the net change carry their sign."]);
    }

    public static FinancialTable Balance(IEnumerable<BalanceSheet> sheets)
    {
        var rows = sheets.OrderBy(s => s.AsOf).ToList();
        var periods = rows.Select(s => new Period(s.AsOf, IndianFormat.Date(s.AsOf), null, Filing(s.SourceFile, s.Filed))).ToList();
        var format = rows.Count > 0 ? rows[^1].Format : "IndAS";
        Line<BalanceSheet>[] lines = format == "Banking"
            ?
            [
                new("Capital", s => s.BankCapital),
                new("Reserves and surplus", s => s.BankReserves),
                new("Deposits", s => s.BankDeposits),
                new("Borrowings", s => s.BankBorrowings),
                new("Investments", s => s.BankInvestments),
                new("Advances", s => s.BankAdvances),
                new("Cash and balances with RBI", s => s.BankCashAndBalancesWithRbi, Optional: true),
                new("Total assets", s => s.TotalAssets, Total: true),
            ]
            :
            [
                new("Property, plant and equipment", s => s.PropertyPlantEquipment),
                new("Capital work in progress", s => s.CapitalWorkInProgress),
                new("Goodwill", s => s.Goodwill),
                new("Other intangible assets", s => s.OtherIntangibleAssets, Optional: true),
                new("Non-current investments", s => s.NoncurrentInvestments),
                new("Current investments", s => s.CurrentInvestments),
                new("Inventories", s => s.Inventories),
                new("Trade receivables", s => s.TradeReceivablesCurrent),
                new("Cash and cash equivalents", s => s.CashAndCashEquivalents),
                new("Total assets", s => s.TotalAssets, Total: true),
                new("Equity share capital", s => s.EquityShareCapital),
                new("Other equity", s => s.OtherEquity),
                new("Non-controlling interest", s => s.NonControllingInterest, Optional: true),
                new("Total equity", s => s.TotalEquity, Total: true),
                new("Borrowings, non-current", s => s.BorrowingsNoncurrent),
                new("Borrowings, current", s => s.BorrowingsCurrent),
                new("Total liabilities", s => s.TotalLiabilities, Total: true),
            ];
        return new FinancialTable(TableKind.Balance, "Balance sheet", "Balance sheet at each reporting date, ₹ crore, oldest first",
            format, periods, Lines(lines, rows, periods, growthLabel: null), null, null,
            ["Companies file a balance sheet with their half-year and annual results, so there is one column per half year."]);
    }

    /// <summary>Every filing the tables use, newest first, each with the columns it supplies.</summary>
    public static IReadOnlyList<Source> Sources(IEnumerable<FinancialTable> tables)
    {
        var uses = tables
            .SelectMany(t => t.Periods.Select(p => (p.Filing, Use: $"{p.Heading} {Noun(t.Kind)}")))
            .GroupBy(x => x.Filing)
            .OrderByDescending(g => g.Key.Filed)
            .ThenByDescending(g => g.Key.SourceFile, StringComparer.Ordinal)
            .ToList();
        return uses.Select((g, i) => new Source($"filing-{i + 1}", g.Key, g.Select(x => x.Use).Distinct().ToList())).ToList();
    }

    /// <summary>The table as CSV records: one column per period, plain invariant numbers, then when and where each column was filed.</summary>
    public static IEnumerable<IReadOnlyList<string?>> CsvRows(FinancialTable table)
    {
        yield return ["Line item (₹ crore unless stated)", .. table.Periods.Select(p => p.Heading)];
        yield return ["Period end", .. table.Periods.Select(p => IndianFormat.IsoDate(p.End))];
        foreach (var line in table.Lines)
        {
            yield return [line.Label, .. line.Values.Select(v => v?.ToString(CultureInfo.InvariantCulture))];
        }
        yield return ["Filed", .. table.Periods.Select(p => p.Filing.FiledIso)];
        yield return ["Source filing", .. table.Periods.Select(p => p.Filing.FileName)];
    }

    /// <summary>How a figure reads on the page: Indian digit grouping, two decimals, % for ratios.</summary>
    public static string Display(decimal value, LineUnit unit) =>
        unit == LineUnit.Percent ? IndianFormat.Number(value, 2) + "%" : IndianFormat.Number(value, 2);

    /// <summary>"FY24" for a year ending 31 March 2024; "Dec 2023" for a year ending in another month.</summary>
    public static string YearLabel(DateOnly end) =>
        end.Month == 3 ? $"FY{end.Year % 100:00}" : MonthLabel(end);

    public static string MonthLabel(DateOnly end) => end.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Q3 FY25" for the quarter ending December 2024, on the April–March financial year.</summary>
    public static string? QuarterLabel(DateOnly end)
    {
        if (end.Month % 3 != 0)
        {
            return null;
        }
        var quarter = end.Month >= 4 ? end.Month / 3 - 1 : 4;
        var fiscalYear = end.Month >= 4 ? end.Year + 1 : end.Year;
        return $"Q{quarter} FY{fiscalYear % 100:00}";
    }

    private static string Noun(TableKind kind) => kind switch
    {
        TableKind.Annual => "profit and loss",
        TableKind.Quarterly => "quarterly results",
        TableKind.CashFlow => "cash flows",
        _ => "balance sheet",
    };

    // A period missing between two filed ones is said out loud: columns side by side read as consecutive.
    private static List<string> Gaps(List<Period> periods, int months, Func<DateOnly, string> label)
    {
        var missing = new List<string>();
        for (var i = 1; i < periods.Count; i++)
        {
            for (var end = EndOfMonth(periods[i - 1].End.AddMonths(months)); end < periods[i].End; end = EndOfMonth(end.AddMonths(months)))
            {
                missing.Add(label(end));
            }
        }
        return missing.Count == 0 ? [] : [$"No {string.Join(", ", missing)} results in the filings StockVision holds, so the columns jump over {(missing.Count == 1 ? "it" : "them")}."];
    }

    private static DateOnly EndOfMonth(DateOnly date) => new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));

    private static Filing Filing(string sourceFile, DateTime? filedUtc) =>
        new(sourceFile, filedUtc is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) : null);

    private static Line<FinancialResult>[] ResultLines(string format) => format switch
    {
        "Banking" =>
        [
            new("Interest earned", r => r.InterestEarned),
            new("Interest expended", r => r.InterestExpended),
            new("Net interest income", r => r.InterestEarned - r.InterestExpended, Total: true, Missing: NotComputable),
            new("Other income", r => r.OtherIncome),
            new("Total income", r => r.TotalIncome, Total: true),
            new("Operating expenses", r => r.OperatingExpenses),
            new("Operating profit before provisions", r => r.OperatingProfitBeforeProvisions, Total: true),
            new("Provisions and contingencies", r => r.ProvisionsAndContingencies),
            new("Exceptional items", r => r.ExceptionalItems, Optional: true),
            new("Profit before tax", r => r.ProfitBeforeTax, Total: true),
            new("Tax expense", r => r.TaxExpense),
            new("Net profit", r => r.NetProfit, Total: true),
            new("Net profit attributable to owners", r => r.NetProfitAttributableToOwners, Optional: true),
            new("EPS, basic (₹ per share)", r => r.BasicEps, LineUnit.RupeesPerShare),
            new("Gross NPA (% of advances)", r => Ratio(r.GrossNpaRatio), LineUnit.Percent, Missing: "not reported"),
            new("Net NPA (% of advances)", r => Ratio(r.NetNpaRatio), LineUnit.Percent, Missing: "not reported"),
            new("CET1 capital ratio (%)", r => Ratio(r.Cet1Ratio), LineUnit.Percent, Optional: true, Missing: "not reported"),
        ],
        "NBFC" =>
        [
            new("Revenue from operations", r => r.RevenueFromOperations),
            new("of which interest income", r => r.InterestEarned),
            new("of which fees and commission income", r => r.FeesAndCommissionIncome, Optional: true),
            new("Other income", r => r.OtherIncome),
            new("Total income", r => r.TotalIncome, Total: true),
            new("Finance costs", r => r.FinanceCosts),
            new("Net interest income (interest income − finance costs)", r => r.InterestEarned - r.FinanceCosts, Total: true, Missing: NotComputable),
            new("Impairment on financial instruments", r => r.ImpairmentOnFinancialInstruments),
            new("Employee benefit expense", r => r.EmployeeBenefitExpense),
            new("Depreciation and amortisation", r => r.DepreciationAmortisation),
            new("Total expenses", r => r.TotalExpenses),
            new("Profit before tax", r => r.ProfitBeforeTax, Total: true),
            new("Tax expense", r => r.TaxExpense),
            new("Net profit", r => r.NetProfit, Total: true),
            new("Net profit attributable to owners", r => r.NetProfitAttributableToOwners, Optional: true),
            new("EPS, basic (₹ per share)", r => r.BasicEps, LineUnit.RupeesPerShare),
        ],
        _ =>
        [
            new("Revenue from operations", r => r.RevenueFromOperations),
            new("Other income", r => r.OtherIncome),
            new("Total income", r => r.TotalIncome, Total: true),
            new("Total expenses", r => r.TotalExpenses),
            new("Operating profit (EBITDA)", Ebitda, Total: true, Missing: NotComputable),
            new("Operating profit margin (%)", OperatingMargin, LineUnit.Percent, Missing: NotComputable),
            new("Finance costs", r => r.FinanceCosts),
            new("Depreciation and amortisation", r => r.DepreciationAmortisation),
            new("Exceptional items", r => r.ExceptionalItems, Optional: true),
            new("Profit before tax", r => r.ProfitBeforeTax, Total: true),
            new("Tax expense", r => r.TaxExpense),
            new("Net profit", r => r.NetProfit, Total: true),
            new("Net profit attributable to owners", r => r.NetProfitAttributableToOwners, Optional: true),
            new("EPS, basic (₹ per share)", r => r.BasicEps, LineUnit.RupeesPerShare),
        ],
    };

    // EBITDA = revenue − operating expenses, where operating expenses are total expenses less finance costs and D&A.
    private static decimal? Ebitda(FinancialResult r) =>
        r.RevenueFromOperations - (r.TotalExpenses - r.FinanceCosts - r.DepreciationAmortisation);

    private static decimal? OperatingMargin(FinancialResult r) =>
        Ebitda(r) is { } ebitda && r.RevenueFromOperations is { } revenue && revenue > 0 ? Math.Round(ebitda / revenue * 100, 2) : null;

    // Bank ratios are filed as fractions; consolidated bank filings put 0 where the ratio is not reported (SOURCE.md).
    private static decimal? Ratio(decimal? fraction) => fraction is null or 0 ? null : Math.Round(fraction.Value * 100, 2);

    private static List<LineItem> Lines<T>(IEnumerable<Line<T>> lines, IReadOnlyList<T> rows, IReadOnlyList<Period> periods,
        Func<DateOnly, string>? growthLabel, bool cagr = true) =>
        lines
            .Select(l => (Line: l, Values: rows.Select(l.Value).ToList()))
            .Where(x => !x.Line.Optional || x.Values.Any(v => v is not null))
            .Select(x => new LineItem(x.Line.Label, x.Line.Unit, x.Values, x.Line.Missing, x.Line.Total,
                growthLabel is null ? null : GrowthOver(x.Line.Unit, x.Values, periods, 1, growthLabel),
                growthLabel is not null && cagr ? GrowthOver(x.Line.Unit, x.Values, periods, 3, growthLabel) : null))
            .ToList();

    /// <summary>Annualised growth of the latest column over the column <paramref name="years"/> years earlier.</summary>
    private static Growth GrowthOver(LineUnit unit, List<decimal?> values, IReadOnlyList<Period> periods, int years, Func<DateOnly, string> label)
    {
        if (unit == LineUnit.Percent)
        {
            return new Growth(null, "not computed for a ratio");
        }
        if (periods.Count == 0)
        {
            return new Growth(null, "no periods filed");
        }
        var latest = periods[^1];
        var baseEnd = latest.End.AddYears(-years);
        var baseIndex = periods.ToList().FindIndex(p => p.End.Year == baseEnd.Year && p.End.Month == baseEnd.Month);
        var baseLabel = label(baseEnd);
        if (values[^1] is not { } now)
        {
            return new Growth(null, $"{latest.Label} not filed");
        }
        if (baseIndex < 0 || values[baseIndex] is not { } then)
        {
            return new Growth(null, $"{baseLabel} not filed");
        }
        if (then <= 0 || now <= 0 && years > 1)
        {
            return new Growth(null, years == 1
                ? $"not meaningful: {baseLabel} was zero or negative"
                : $"not meaningful: {(then <= 0 ? baseLabel : latest.Label)} was zero or negative");
        }
        var ratio = (double)(now / then);
        return new Growth(years == 1 ? (ratio - 1) * 100 : (Math.Pow(ratio, 1.0 / years) - 1) * 100, null);
    }
}
