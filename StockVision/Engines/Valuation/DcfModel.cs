using System.Diagnostics.CodeAnalysis;

namespace StockVision.Engines.Valuation;

// Units throughout the DCF: money in ₹ crore, shares in crore (so ₹ crore / crore shares = ₹ per share), every rate,
// margin, growth and weight a decimal fraction (0.12 = 12 %). Money and rates are both decimal so the arithmetic
// stays in one type; only the half-period discount factor goes through double (Math.Sqrt).

/// <summary>One explicit forecast year: revenue growth over the year before, EBIT margin on that revenue, tax on EBIT.</summary>
public sealed record ForecastYear(decimal RevenueGrowth, decimal EbitMargin, decimal TaxRate);

/// <summary>How much of each year's NOPAT is reinvested (capex net of depreciation plus working capital).</summary>
public abstract record ReinvestmentRule
{
    private ReinvestmentRule() { }

    /// <summary>Reinvestment = share × that year's revenue.</summary>
    public sealed record ShareOfRevenue(decimal Share) : ReinvestmentRule;

    /// <summary>Reinvestment = (revenue − last year's revenue) / sales-to-capital (Damodaran); negative when revenue falls.</summary>
    public sealed record SalesToCapital(decimal Ratio) : ReinvestmentRule;
}

public enum ExitMetric
{
    Ebitda,
    Ebit,
}

/// <summary>Value of the business at the end of the last explicit year.</summary>
public abstract record TerminalRule
{
    private TerminalRule() { }

    /// <summary>TV = FCFF_n × (1 + g) / (WACC − g); refused when g ≥ WACC.</summary>
    public sealed record GordonGrowth(decimal Growth) : TerminalRule;

    /// <summary>
    /// TV = multiple × final-year EBIT or EBITDA. EBITDA = EBIT + depreciation, with depreciation given as a share of
    /// final-year revenue because the FCFF forecast itself never needs it.
    /// </summary>
    public sealed record ExitMultiple(decimal Multiple, ExitMetric Metric, decimal DepreciationShareOfRevenue = 0) : TerminalRule;
}

/// <summary>From enterprise value to equity: − debt + cash − minority interests + other (signed: + adds to equity).</summary>
public sealed record EquityBridge(decimal Debt, decimal Cash, decimal MinorityInterests = 0, decimal Other = 0)
{
    public decimal EquityValue(decimal enterpriseValue) => enterpriseValue - Debt + Cash - MinorityInterests + Other;

    /// <summary>₹ per share when equity is in ₹ crore and shares in crore (or both in units).</summary>
    public decimal ValuePerShare(decimal enterpriseValue, decimal sharesOutstanding) => EquityValue(enterpriseValue) / sharesOutstanding;
}

public sealed record DcfInputs(
    decimal BaseRevenue,
    IReadOnlyList<ForecastYear> Years,
    ReinvestmentRule Reinvestment,
    CapitalInputs Capital,
    TerminalRule Terminal,
    EquityBridge Bridge,
    decimal SharesOutstanding,
    bool MidYear = false,
    decimal? MarketPrice = null);

/// <summary>
/// Every intermediate of one forecast year. <see cref="DiscountPeriod"/> is t, or t − 0.5 under the mid-year convention;
/// DiscountFactor = 1 / (1 + WACC)^DiscountPeriod.
/// </summary>
public sealed record DcfYear(
    int Year,
    decimal Revenue,
    decimal Ebit,
    decimal Nopat,
    decimal Reinvestment,
    decimal Fcff,
    decimal DiscountPeriod,
    decimal DiscountFactor,
    decimal PresentValue);

/// <summary>
/// The terminal value is a value at the end of year n, so it is discounted by n whole years even under the mid-year
/// convention (which only moves the in-year flows). <see cref="TerminalFcff"/> is FCFF_{n+1}, null for an exit multiple.
/// <see cref="MarginOfSafety"/> = (value − price) / value, null without a price or when value per share is not positive.
/// </summary>
public sealed record DcfValuation(
    decimal Wacc,
    IReadOnlyList<DcfYear> Years,
    decimal? TerminalFcff,
    decimal TerminalValue,
    decimal TerminalDiscountFactor,
    decimal PvOfExplicitFcff,
    decimal PvOfTerminalValue,
    decimal EnterpriseValue,
    decimal EquityValue,
    decimal ValuePerShare,
    decimal? MarginOfSafety);

public enum DcfProblem
{
    GrowthNotBelowWacc,
    ForecastLength,
    InvalidInput,
}

public sealed record DcfError(DcfProblem Problem, string Message);

/// <summary>Either a valuation or the reason it was refused; engines report, callers decide how to show it.</summary>
public sealed record DcfResult(DcfValuation? Valuation, DcfError? Error)
{
    [MemberNotNullWhen(true, nameof(Valuation))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValued => Valuation is not null;

    public static DcfResult Valued(DcfValuation valuation) => new(valuation, null);

    public static DcfResult Refused(DcfProblem problem, string message) => new(null, new DcfError(problem, message));
}

public sealed record DcfScenario(string Name, DcfInputs Inputs);

public sealed record ScenarioResult(string Name, DcfResult Result);

/// <summary>Null <see cref="ValuePerShare"/> marks a cell that cannot be computed (g ≥ WACC, or another refusal).</summary>
public sealed record SensitivityCell(decimal Wacc, decimal TerminalGrowth, decimal? ValuePerShare)
{
    public bool IsComputable => ValuePerShare is not null;
}

/// <summary>Rows follow <see cref="Waccs"/>, columns follow <see cref="Growths"/>: Cells[i][j] is (Waccs[i], Growths[j]).</summary>
public sealed record SensitivityGrid(IReadOnlyList<decimal> Waccs, IReadOnlyList<decimal> Growths, IReadOnlyList<IReadOnlyList<SensitivityCell>> Cells);

/// <summary>
/// The constant revenue growth that makes value per share equal the price (within ₹0.01), or a message saying why not.
/// <see cref="ValuePerShare"/> is the value at the solved growth, for the caller to show the residual.
/// </summary>
public sealed record ReverseDcfResult(decimal? Growth, decimal? ValuePerShare, decimal BracketLow, decimal BracketHigh, string? Message)
{
    [MemberNotNullWhen(true, nameof(Growth), nameof(ValuePerShare))]
    public bool IsSolved => Growth is not null;
}
