using StockVision.Engines.Valuation;
using StockVision.Infrastructure;

namespace StockVision.Features.Valuations;

/// <summary>A default and where it came from, in words shown beside the field.</summary>
public sealed record Sourced(decimal Value, string Source);

/// <summary>
/// The builder's starting point, each figure from the company's own filings and prices where they have it, otherwise a
/// stated assumption. Rates are fractions rounded to 0.1 percentage point, so the form shows exactly what was used and
/// submitting it unchanged reproduces the same valuation.
/// </summary>
public sealed record DcfDefaults(
    string LastYear,
    Sourced BaseRevenue,
    Sourced Growth,
    Sourced EbitMargin,
    Sourced TaxRate,
    Sourced SalesToCapital,
    Sourced ReinvestmentShare,
    Sourced DepreciationShare,
    Sourced RiskFreeRate,
    Sourced EquityRiskPremium,
    Sourced Beta,
    Sourced CostOfDebt,
    Sourced DebtWeight,
    Sourced TerminalGrowth,
    Sourced ExitMultiple,
    Sourced Shares,
    Sourced Debt,
    Sourced Cash,
    Sourced MinorityInterest,
    DailyClose? Price,
    BetaEstimate? BetaEstimate)
{
    public const decimal MinGrowth = -0.05m;
    public const decimal MaxGrowth = 0.20m;
    public const decimal RiskFree = 0.07m;
    public const decimal Erp = 0.06m;
    public const decimal StatutoryTax = 0.2517m;
    public const decimal Terminal = 0.05m;
    public const decimal Multiple = 12m;
    public const decimal MaxCostOfDebt = 0.20m;
    public const decimal DebtSpread = 0.02m;
    public const int Years = 5;

    /// <summary>Null when the filings lack a fiscal year with revenue, which every default starts from.</summary>
    public static DcfDefaults? From(DcfHistory history)
    {
        var years = history.Years.Where(y => y.Revenue is > 0).ToList();
        if (years.Count == 0)
        {
            return null;
        }
        var last = years[^1];
        var fy = FiscalYear(last.PeriodEnd);
        var revenue = last.Revenue!.Value;

        var baseRevenue = new Sourced(Math.Round(revenue), $"revenue from operations {fy} from the filings: {IndianFormat.Rupees(revenue, 0)} crore");

        // Windows are fiscal years by date, not filings by count: a year missing from the filings must not stretch them.
        var first = years.First(y => y.PeriodEnd >= last.PeriodEnd.AddYears(-3).AddDays(-7));
        var span = (int)Math.Round((last.PeriodEnd.DayNumber - first.PeriodEnd.DayNumber) / 365.25);
        Sourced growth;
        if (span == 0)
        {
            growth = new Sourced(0.08m, "8.0 %: an assumption, because the filings hold only one fiscal year");
        }
        else
        {
            var cagr = (decimal)Math.Pow((double)(revenue / first.Revenue!.Value), 1.0 / span) - 1;
            var capped = Math.Clamp(Rate(cagr), MinGrowth, MaxGrowth);
            var note = capped == Rate(cagr) ? "" : $", capped to the range {Pct(MinGrowth)} to {Pct(MaxGrowth)}";
            growth = new Sourced(capped, $"{span}-year revenue CAGR {FiscalYear(first.PeriodEnd)}–{fy} from the filings: {Pct(cagr)}{note}");
        }

        var marginYears = years.Where(y => y.PeriodEnd > last.PeriodEnd.AddYears(-3).AddDays(7) && Ebit(y) is not null).ToList();
        Sourced margin;
        if (marginYears.Count == 0)
        {
            margin = new Sourced(0.15m, "15.0 %: an assumption, because the filings lack the lines EBIT is computed from");
        }
        else
        {
            var m = marginYears.Average(y => Ebit(y)!.Value / y.Revenue!.Value);
            margin = new Sourced(Rate(m), $"{(marginYears.Count == 1 ? "" : $"{marginYears.Count}-year average ")}EBIT margin {Range(marginYears)} from the filings: {Pct(m)} (EBIT = profit before exceptional items and tax + finance costs − other income)");
        }

        var tax = last is { ProfitBeforeTax: > 0, TaxExpense: { } taxExpense } && taxExpense / last.ProfitBeforeTax.Value is var t and >= 0 and <= 0.5m
            ? new Sourced(Rate(t), $"effective tax rate {fy} (tax expense ÷ profit before tax): {Pct(t)}")
            : new Sourced(StatutoryTax, $"{Pct(StatutoryTax, 2)}: the corporate rate under section 115BAA, an assumption because {fy}'s effective rate is not meaningful");

        var yearEnd = history.Sheets.LastOrDefault(s => s.AsOf <= last.PeriodEnd);
        var capital = yearEnd is { TotalEquity: { } equity } ? equity + yearEnd.Borrowings : 0;
        var salesToCapital = capital > 0
            ? new Sourced(Math.Round(revenue / capital, 2), $"revenue {fy} ÷ (equity + borrowings) on {IndianFormat.Date(yearEnd!.AsOf)}: {revenue / capital:0.00}")
            : new Sourced(1.5m, "1.50: an assumption, because the balance sheet lacks equity");

        var netCapex = (last.PurchaseOfPpe ?? 0) + (last.PurchaseOfIntangibles ?? 0) - (last.Depreciation ?? 0);
        var share = last.PurchaseOfPpe is null
            ? new Sourced(0.05m, "5.0 %: an assumption, because the filings lack a cash-flow statement")
            : new Sourced(Rate(Math.Max(0, netCapex / revenue)), $"net capital expenditure {fy} (capex − depreciation) ÷ revenue, at least 0: {Pct(Math.Max(0, netCapex / revenue))}");
        var depreciation = new Sourced(Rate((last.Depreciation ?? 0) / revenue), $"depreciation {fy} ÷ revenue: {Pct((last.Depreciation ?? 0) / revenue)}");

        var riskFree = new Sourced(RiskFree, $"{Pct(RiskFree)}: India 10-year government bond yield, an assumption you can change");
        var erp = new Sourced(Erp, $"{Pct(Erp)}: an assumption");

        var estimate = Engines.Valuation.Beta.Estimate(history.StockCloses, history.IndexCloses, ReturnKind.Simple,
            history.IndexEnd is { } end ? DcfData.BetaWindowStart(end) : null, history.IndexEnd);
        var beta = estimate is { } b
            ? new Sourced(Math.Round((decimal)b.Beta, 2), $"beta {(decimal)b.Beta:0.00} vs {DcfData.BetaIndex} from {b.Returns} daily returns, {IndianFormat.Date(b.First)} – {IndianFormat.Date(b.Last)}")
            : new Sourced(1m, $"1.00: an assumption, because there are too few prices to estimate beta against the {DcfData.BetaIndex}");

        var previousYearEnd = years.Count > 1 ? history.Sheets.LastOrDefault(s => s.AsOf <= years[^2].PeriodEnd && s.AsOf > years[^2].PeriodEnd.AddMonths(-6)) : null;
        var averageBorrowings = yearEnd is null ? 0
            : previousYearEnd is null ? yearEnd.Borrowings : (yearEnd.Borrowings + previousYearEnd.Borrowings) / 2;
        var fallbackKd = RiskFree + DebtSpread;
        var kd = averageBorrowings > 0 && last.FinanceCosts is { } finance
            ? finance / averageBorrowings is var k && k <= MaxCostOfDebt
                ? new Sourced(Rate(k), $"finance costs ÷ average borrowings {fy}: {Pct(k)}")
                : new Sourced(MaxCostOfDebt, $"finance costs ÷ average borrowings {fy} is {Pct(k)} (finance costs include lease interest), capped at {Pct(MaxCostOfDebt)}")
            : new Sourced(fallbackKd, $"{Pct(fallbackKd)} = risk-free rate + {Pct(DebtSpread)}, an assumption: the {fy} filings show no borrowings (or no finance costs) to measure it from");

        var latest = history.Sheets.Count > 0 ? history.Sheets[^1] : null;
        var asOf = latest is null ? "" : IndianFormat.Date(latest.AsOf);
        var debt = new Sourced(latest?.Borrowings ?? 0, latest is null ? "no balance sheet filed: 0" : $"borrowings on {asOf}: {IndianFormat.Rupees(latest.Borrowings, 0)} crore");
        var cashValue = (latest?.Cash ?? 0) + (latest?.CurrentInvestments ?? 0);
        var cash = new Sourced(cashValue, latest is null ? "no balance sheet filed: 0" : $"cash and current investments on {asOf}: {IndianFormat.Rupees(cashValue, 0)} crore");
        var minority = new Sourced(latest?.MinorityInterest ?? 0, latest is null ? "no balance sheet filed: 0" : $"non-controlling interest on {asOf}: {IndianFormat.Rupees(latest.MinorityInterest ?? 0, 0)} crore");

        var sharesFiled = years.LastOrDefault(y => y is { PaidUpCapital: > 0, FaceValue: > 0 });
        var shares = sharesFiled is not null
            ? new Sourced(Math.Round(sharesFiled.PaidUpCapital!.Value / sharesFiled.FaceValue!.Value, 2),
                $"paid-up capital {IndianFormat.Rupees(sharesFiled.PaidUpCapital.Value, 0)} crore ÷ face value {IndianFormat.Rupees(sharesFiled.FaceValue.Value)} ({FiscalYear(sharesFiled.PeriodEnd)}): {IndianFormat.Number(sharesFiled.PaidUpCapital.Value / sharesFiled.FaceValue.Value)} crore shares")
            : new Sourced(Math.Round((last.SharesOutstanding ?? 0) / 10_000_000m, 2), $"shares derived from EPS in the {fy} filing");

        var marketCap = history.LatestClose is { } close ? close.Close * shares.Value : 0;
        var debtWeight = debt.Value + marketCap > 0
            ? new Sourced(Rate(debt.Value / (debt.Value + marketCap)), $"borrowings ÷ (borrowings + market cap {IndianFormat.Rupees(marketCap, 0)} crore): {Pct(debt.Value / (debt.Value + marketCap))}")
            : new Sourced(0, "0: no price or shares to weigh borrowings against");

        return new DcfDefaults(fy, baseRevenue, growth, margin, tax, salesToCapital, share, depreciation, riskFree, erp, beta, kd, debtWeight,
            new Sourced(Terminal, $"{Pct(Terminal)}: an assumption, roughly India's long-run nominal growth"),
            new Sourced(Multiple, $"{Multiple}×: an assumption"),
            shares, debt, cash, minority, history.LatestClose, estimate);
    }

    /// <summary>EBIT as operating profit: before exceptional items and tax, with finance costs added back and other income left out.</summary>
    public static decimal? Ebit(AnnualFigures y)
    {
        var beforeTax = y.ProfitBeforeExceptionalAndTax ?? (y.ProfitBeforeTax - (y.ExceptionalItems ?? 0));
        return beforeTax + (y.FinanceCosts ?? 0) - (y.OtherIncome ?? 0);
    }

    /// <summary>Indian fiscal years end in March: the year ending 31 Mar 2024 is FY24.</summary>
    public static string FiscalYear(DateOnly periodEnd) => $"FY{(periodEnd.Month <= 3 ? periodEnd.Year : periodEnd.Year + 1) % 100:00}";

    /// <summary>"24.1 %": the percent sign spaced, as the house writes it.</summary>
    public static string Pct(decimal fraction, int decimals = 1) =>
        Math.Round(fraction * 100, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) + " %";

    public static decimal Rate(decimal fraction) => Math.Round(fraction, 3, MidpointRounding.AwayFromZero);

    private static string Range(List<AnnualFigures> ys) =>
        ys.Count == 1 ? FiscalYear(ys[0].PeriodEnd) : $"{FiscalYear(ys[0].PeriodEnd)}–{FiscalYear(ys[^1].PeriodEnd)}";
}
