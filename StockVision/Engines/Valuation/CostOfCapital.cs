namespace StockVision.Engines.Valuation;

/// <summary>
/// Inputs for a CAPM-based WACC, all rates as decimal fractions (0.07 = 7 %). Beta is decimal here because it enters
/// money arithmetic; <see cref="BetaEstimate"/> produces a double, converted by the caller.
/// </summary>
public sealed record CapitalInputs(
    decimal RiskFreeRate,
    decimal Beta,
    decimal EquityRiskPremium,
    decimal PreTaxCostOfDebt,
    decimal MarginalTaxRate,
    decimal DebtWeight)
{
    public decimal CostOfEquity => CostOfCapital.CostOfEquity(RiskFreeRate, Beta, EquityRiskPremium);

    public decimal AfterTaxCostOfDebt => PreTaxCostOfDebt * (1 - MarginalTaxRate);

    public decimal Wacc => (1 - DebtWeight) * CostOfEquity + DebtWeight * AfterTaxCostOfDebt;
}

public static class CostOfCapital
{
    /// <summary>CAPM: Ke = rf + β × ERP.</summary>
    public static decimal CostOfEquity(decimal riskFreeRate, decimal beta, decimal equityRiskPremium) =>
        riskFreeRate + beta * equityRiskPremium;

    /// <summary>WACC = E/(D+E) × Ke + D/(D+E) × Kd × (1 − t), with E and D as values (market values, same unit).</summary>
    public static decimal Wacc(decimal equityValue, decimal debtValue, decimal costOfEquity, decimal preTaxCostOfDebt, decimal taxRate)
    {
        var capital = equityValue + debtValue;
        if (capital <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(equityValue), "Debt plus equity must be positive.");
        }
        return equityValue / capital * costOfEquity + debtValue / capital * preTaxCostOfDebt * (1 - taxRate);
    }
}
