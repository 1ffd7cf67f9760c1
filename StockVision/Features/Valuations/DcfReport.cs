using StockVision.Engines.Valuation;

namespace StockVision.Features.Valuations;

/// <summary>Everything the results show, computed once from the form's inputs by the valuation engine.</summary>
public sealed record DcfReport(
    DcfInputs Inputs,
    DcfResult Base,
    IReadOnlyList<ScenarioResult> Scenarios,
    SensitivityGrid Sensitivity,
    decimal BaseTerminalGrowth,
    ReverseDcfResult? Reverse)
{
    // Bear and bull move growth and margin together, in every year: the two assumptions analysts most often disagree on.
    public const decimal GrowthShift = 0.03m;
    public const decimal MarginShift = 0.02m;
    public const decimal SensitivityStep = 0.01m;
    public const int SensitivitySteps = 2;

    public static DcfReport Build(DcfInputs inputs, decimal terminalGrowth)
    {
        DcfInputs Shift(decimal growth, decimal margin) => inputs with
        {
            Years = inputs.Years.Select(y => y with { RevenueGrowth = y.RevenueGrowth + growth, EbitMargin = y.EbitMargin + margin }).ToList(),
        };
        var scenarios = Dcf.RunScenarios(
        [
            new DcfScenario("Bear", Shift(-GrowthShift, -MarginShift)),
            new DcfScenario("Base", inputs),
            new DcfScenario("Bull", Shift(GrowthShift, MarginShift)),
        ]);
        var wacc = inputs.Capital.Wacc;
        var offsets = Enumerable.Range(-SensitivitySteps, 2 * SensitivitySteps + 1).Select(i => i * SensitivityStep).ToList();
        var grid = Dcf.Sensitivity(inputs, offsets.Select(o => wacc + o).ToList(), offsets.Select(o => terminalGrowth + o).ToList());
        var reverse = inputs.MarketPrice is { } price ? Dcf.ImpliedGrowth(inputs, price) : null;
        return new DcfReport(inputs, scenarios[1].Result, scenarios, grid, terminalGrowth, reverse);
    }

    public DcfValuation Valuation => Base.Valuation!;

    public bool IsBaseCell(SensitivityCell cell) =>
        cell.Wacc == Sensitivity.Waccs[SensitivitySteps] && cell.TerminalGrowth == Sensitivity.Growths[SensitivitySteps];

    /// <summary>The reverse DCF in one sentence, or why it has none.</summary>
    public string? ReverseSentence => Inputs.MarketPrice is not { } price || Reverse is null ? null
        : Reverse.IsSolved
            ? $"At {Infrastructure.IndianFormat.Rupees(price)} the market implies {DcfDefaults.Pct(Reverse.Growth.Value)} a year revenue growth for {Inputs.Years.Count} years, other inputs unchanged."
            : $"At {Infrastructure.IndianFormat.Rupees(price)} no constant revenue growth gives this price with the other inputs unchanged: {Reverse.Message}";
}
