using System.Globalization;
using StockVision.Engines.Valuation;

namespace StockVision.Features.Valuations;

public enum FieldKind
{
    Percent,
    PercentList,
    Number,
    Money,
    Whole,
}

/// <summary>One input of the builder: its query-string key, label, unit and the range StockVision accepts.</summary>
public sealed record DcfField(string Key, string Label, FieldKind Kind, decimal Min, decimal Max, string Unit = "")
{
    public string Id => "f-" + Key;

    public string Format(decimal value) => Kind switch
    {
        FieldKind.Percent or FieldKind.PercentList => Plain(value * 100),
        _ => Plain(value),
    };

    public string Describe(decimal value) => Kind is FieldKind.Percent or FieldKind.PercentList ? Plain(value * 100) + " %" : Plain(value) + Unit;

    public static string Plain(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// The builder's form as a query string, parsed against the company's defaults. The same dictionary of strings is the
/// shareable URL and the jsonb a saved valuation stores, so a run link and a saved copy always agree.
/// </summary>
public sealed class DcfSetup
{
    public const string Years = "years", Growth = "growth", Margin = "margin", Tax = "tax", Reinvest = "reinvest", Stc = "stc",
        Share = "share", RiskFree = "rf", Erp = "erp", Beta = "beta", CostOfDebt = "kd", DebtWeight = "wd", Terminal = "terminal",
        TerminalGrowth = "g", Multiple = "multiple", MidYear = "midyear", Revenue = "revenue", Shares = "shares", Debt = "debt",
        Cash = "cash", Minority = "minority";

    public const int MaxFieldLength = 100;

    public const string SalesToCapitalRule = "stc", ShareOfRevenueRule = "share", GordonRule = "gordon", ExitRule = "exit";

    public static readonly IReadOnlyDictionary<string, DcfField> Fields = new DcfField[]
    {
        new(Years, "Forecast years", FieldKind.Whole, Dcf.MinYears, Dcf.MaxYears, " years"),
        new(Growth, "Revenue growth, % a year", FieldKind.PercentList, -0.5m, 1m),
        new(Margin, "EBIT margin, %", FieldKind.Percent, -1m, 1m),
        new(Tax, "Tax rate, %", FieldKind.Percent, 0m, 0.6m),
        new(Stc, "Sales-to-capital ratio", FieldKind.Number, 0.01m, 50m),
        new(Share, "Reinvestment, % of revenue", FieldKind.Percent, 0m, 1m),
        new(RiskFree, "Risk-free rate, %", FieldKind.Percent, 0m, 0.25m),
        new(Erp, "Equity risk premium, %", FieldKind.Percent, 0m, 0.25m),
        new(Beta, "Beta", FieldKind.Number, -1m, 5m),
        new(CostOfDebt, "Pre-tax cost of debt, %", FieldKind.Percent, 0m, 0.5m),
        new(DebtWeight, "Debt weight in capital, %", FieldKind.Percent, 0m, 0.99m),
        new(TerminalGrowth, "Terminal growth, %", FieldKind.Percent, -0.1m, 0.2m),
        new(Multiple, "Exit EV/EBITDA multiple", FieldKind.Number, 0.1m, 200m, "×"),
        new(Revenue, "Base revenue, ₹ crore", FieldKind.Money, 0.01m, 100_000_000m),
        new(Shares, "Shares outstanding, crore", FieldKind.Money, 0.0001m, 100_000m),
        new(Debt, "Borrowings, ₹ crore", FieldKind.Money, 0m, 100_000_000m),
        new(Cash, "Cash and current investments, ₹ crore", FieldKind.Money, 0m, 100_000_000m),
        new(Minority, "Non-controlling interest, ₹ crore", FieldKind.Money, 0m, 100_000_000m),
    }.ToDictionary(f => f.Key);

    /// <summary>Every key the form sends, in the order a URL lists them.</summary>
    public static readonly IReadOnlyList<string> Keys =
        [Years, Growth, Margin, Tax, Reinvest, Stc, Share, RiskFree, Erp, Beta, CostOfDebt, DebtWeight, Terminal, TerminalGrowth, Multiple, MidYear, Revenue, Shares, Debt, Cash, Minority];

    /// <summary>What each field shows: what was typed where something was, the default otherwise.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public DcfInputs? Inputs { get; private set; }

    /// <summary>The sensitivity table's centre column, whichever terminal rule the valuation itself uses.</summary>
    public decimal TerminalGrowthRate { get; private set; }

    public bool ReinvestsBySalesToCapital => Values[Reinvest] == SalesToCapitalRule;

    public bool UsesGordon => Values[Terminal] == GordonRule;

    public bool IsMidYear => Values[MidYear] == "true";

    public static DcfSetup Parse(Func<string, string?> query, DcfDefaults d)
    {
        var setup = new DcfSetup();
        var defaults = new Dictionary<string, decimal>
        {
            [Years] = DcfDefaults.Years,
            [Growth] = d.Growth.Value,
            [Margin] = d.EbitMargin.Value,
            [Tax] = d.TaxRate.Value,
            [Stc] = d.SalesToCapital.Value,
            [Share] = d.ReinvestmentShare.Value,
            [RiskFree] = d.RiskFreeRate.Value,
            [Erp] = d.EquityRiskPremium.Value,
            [Beta] = d.Beta.Value,
            [CostOfDebt] = d.CostOfDebt.Value,
            [DebtWeight] = d.DebtWeight.Value,
            [TerminalGrowth] = d.TerminalGrowth.Value,
            [Multiple] = d.ExitMultiple.Value,
            [Revenue] = d.BaseRevenue.Value,
            [Shares] = d.Shares.Value,
            [Debt] = d.Debt.Value,
            [Cash] = d.Cash.Value,
            [Minority] = d.MinorityInterest.Value,
        };
        var parsed = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var (key, field) in Fields)
        {
            var raw = query(key)?.Trim();
            if (string.IsNullOrEmpty(raw))
            {
                setup.Values[key] = field.Format(defaults[key]);
                parsed[key] = [defaults[key]];
                continue;
            }
            setup.Values[key] = raw;
            var (message, values) = ParseField(field, raw);
            if (message is not null)
            {
                setup.Errors[key] = message;
            }
            else
            {
                parsed[key] = values;
            }
        }
        setup.Values[Reinvest] = query(Reinvest) == ShareOfRevenueRule ? ShareOfRevenueRule : SalesToCapitalRule;
        setup.Values[Terminal] = query(Terminal) == ExitRule ? ExitRule : GordonRule;
        setup.Values[MidYear] = query(MidYear) == "true" ? "true" : "false";
        if (setup.Errors.Count > 0)
        {
            return setup;
        }

        var years = (int)parsed[Years][0];
        var growths = parsed[Growth];
        if (growths.Length != 1 && growths.Length != years)
        {
            setup.Errors[Growth] = $"Revenue growth lists {growths.Length} rates but the forecast has {years} years: give one rate for every year, or exactly {years}.";
            return setup;
        }
        decimal One(string key) => parsed[key][0];
        setup.TerminalGrowthRate = One(TerminalGrowth);
        var capital = new CapitalInputs(One(RiskFree), One(Beta), One(Erp), One(CostOfDebt), One(Tax), One(DebtWeight));
        if (setup.UsesGordon && One(TerminalGrowth) >= capital.Wacc)
        {
            setup.Errors[TerminalGrowth] = $"Terminal growth {DcfDefaults.Pct(One(TerminalGrowth))} is not below WACC {DcfDefaults.Pct(capital.Wacc)}: "
                + "the Gordon formula has no finite value. Lower the terminal growth, raise the cost of capital, or use an exit multiple.";
            return setup;
        }
        setup.Inputs = new DcfInputs(
            One(Revenue),
            Enumerable.Range(0, years).Select(i => new ForecastYear(growths.Length == 1 ? growths[0] : growths[i], One(Margin), One(Tax))).ToList(),
            setup.ReinvestsBySalesToCapital ? new ReinvestmentRule.SalesToCapital(One(Stc)) : new ReinvestmentRule.ShareOfRevenue(One(Share)),
            capital,
            setup.UsesGordon ? new TerminalRule.GordonGrowth(One(TerminalGrowth)) : new TerminalRule.ExitMultiple(One(Multiple), ExitMetric.Ebitda, d.DepreciationShare.Value),
            new EquityBridge(One(Debt), One(Cash), One(Minority)),
            One(Shares),
            setup.IsMidYear,
            d.Price?.Close);
        return setup;
    }

    /// <summary>The form's values as a query string: the valuation's shareable address.</summary>
    public string QueryString() =>
        string.Join('&', Keys.Where(Values.ContainsKey).Select(k => k + "=" + Uri.EscapeDataString(Values[k])));

    private static (string? Message, decimal[] Values) ParseField(DcfField field, string raw)
    {
        // Ten rates with decimals fit easily; anything longer is not a forecast, and a saved valuation stores what was typed.
        if (raw.Length > MaxFieldLength)
        {
            return ($"{field.Label}: use at most {MaxFieldLength} characters.", []);
        }
        var parts = field.Kind == FieldKind.PercentList
            ? raw.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [field.Kind == FieldKind.Money ? raw.Replace(",", "", StringComparison.Ordinal) : raw];
        var values = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var text = parts[i].TrimEnd('%', '×', 'x', ' ').TrimStart('₹').Replace('−', '-');
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || (field.Kind == FieldKind.Whole && number != decimal.Truncate(number)))
            {
                return ($"{field.Label}: “{parts[i]}” is not a {(field.Kind == FieldKind.Whole ? "whole number" : "number")}. Enter digits, for example {Example(field)}.", []);
            }
            var value = field.Kind is FieldKind.Percent or FieldKind.PercentList ? number / 100 : number;
            if (value < field.Min || value > field.Max)
            {
                return ($"{field.Label}: {field.Describe(value)} is outside the range StockVision accepts, {field.Describe(field.Min)} to {field.Describe(field.Max)}.", []);
            }
            values[i] = value;
        }
        return values.Length == 0 ? ($"{field.Label}: enter at least one rate, for example {Example(field)}.", []) : (null, values);
    }

    private static string Example(DcfField field) => field.Kind switch
    {
        FieldKind.PercentList => "12 for every year, or 15, 12, 10, 8, 6 year by year",
        FieldKind.Whole => "5",
        FieldKind.Money => "1,53,670",
        _ => "12.5",
    };
}
