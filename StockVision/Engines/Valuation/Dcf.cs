using System.Globalization;

namespace StockVision.Engines.Valuation;

/// <summary>
/// Free cash flow to the firm: FCFF = EBIT × (1 − tax) − reinvestment, discounted at WACC, plus a terminal value, bridged
/// to equity and divided by shares. Units and conventions are stated on the records in DcfModel.cs. Tax is applied to
/// negative EBIT too (no loss carry-forward), which flatters loss years slightly; say so beside any result shown.
/// </summary>
public static class Dcf
{
    public const int MinYears = 5;
    public const int MaxYears = 10;

    /// <summary>Reverse DCF searches growth in [−50 %, +100 %] a year unless told otherwise.</summary>
    public const decimal DefaultGrowthLow = -0.5m;
    public const decimal DefaultGrowthHigh = 1.0m;

    public static DcfResult Value(DcfInputs inputs) => Value(inputs, inputs.Capital.Wacc);

    /// <summary>FCFF_n × (1 + g) / (WACC − g); null when g ≥ WACC, where the formula has no meaning.</summary>
    public static decimal? GordonTerminalValue(decimal finalFcff, decimal wacc, decimal growth) =>
        growth < wacc ? finalFcff * (1 + growth) / (wacc - growth) : null;

    public static IReadOnlyList<ScenarioResult> RunScenarios(IEnumerable<DcfScenario> scenarios) =>
        scenarios.Select(s => new ScenarioResult(s.Name, Value(s.Inputs))).ToList();

    /// <summary>
    /// Value per share for every WACC × terminal growth pair, WACC given directly (the CAPM inputs are bypassed) and the
    /// terminal value always by Gordon growth, whatever <see cref="DcfInputs.Terminal"/> says.
    /// </summary>
    public static SensitivityGrid Sensitivity(DcfInputs inputs, IReadOnlyList<decimal> waccs, IReadOnlyList<decimal> growths)
    {
        var rows = waccs
            .Select(w => (IReadOnlyList<SensitivityCell>)growths
                .Select(g =>
                {
                    var result = Value(inputs with { Terminal = new TerminalRule.GordonGrowth(g) }, w);
                    return new SensitivityCell(w, g, result.IsValued ? result.Valuation.ValuePerShare : null);
                })
                .ToList())
            .ToList();
        return new SensitivityGrid(waccs, growths, rows);
    }

    /// <summary>
    /// The constant revenue growth (the same every explicit year; margins, tax and reinvestment rule unchanged) at which
    /// value per share equals <paramref name="price"/>. The bracket is scanned upward in 60 steps for the first sign
    /// change, then bisected until value is within ₹0.005 of the price, so the lowest such growth is returned. Scanning
    /// matters because value need not rise with growth: new capital earning less than WACC, or a final year weighed down
    /// by reinvestment that the terminal value then capitalises, both make it fall, and the ends alone would miss roots.
    /// </summary>
    public static ReverseDcfResult ImpliedGrowth(DcfInputs inputs, decimal price, decimal low = DefaultGrowthLow, decimal high = DefaultGrowthHigh)
    {
        const int scanSteps = 60;
        const decimal tolerance = 0.005m;
        if (low >= high || low <= -1)
        {
            return new ReverseDcfResult(null, null, low, high, "The growth bracket must have low < high and low > −100 %.");
        }

        DcfResult At(decimal g) => Value(inputs with { Years = inputs.Years.Select(y => y with { RevenueGrowth = g }).ToList() });

        var first = At(low);
        if (!first.IsValued)
        {
            return new ReverseDcfResult(null, null, low, high, first.Error.Message);
        }
        var a = low;
        var fa = first.Valuation.ValuePerShare - price;
        for (var i = 1; i <= scanSteps; i++)
        {
            var b = low + (high - low) * i / scanSteps;
            var fb = At(b).Valuation!.ValuePerShare - price;
            if (Math.Abs(fa) <= tolerance)
            {
                return new ReverseDcfResult(a, fa + price, low, high, null);
            }
            if (Math.Sign(fa) != Math.Sign(fb))
            {
                return Bisect(At, price, a, fa, b, tolerance, low, high);
            }
            (a, fa) = (b, fb);
        }
        if (Math.Abs(fa) <= tolerance)
        {
            return new ReverseDcfResult(a, fa + price, low, high, null);
        }
        return new ReverseDcfResult(null, null, low, high, string.Create(CultureInfo.InvariantCulture,
            $"No growth in [{low:P1}, {high:P1}] reaches this price (₹{price:N2})."));
    }

    private static ReverseDcfResult Bisect(Func<decimal, DcfResult> at, decimal price, decimal a, decimal fa, decimal b, decimal tolerance, decimal low, decimal high)
    {
        for (var i = 0; i < 200; i++)
        {
            var mid = (a + b) / 2;
            var fm = at(mid).Valuation!.ValuePerShare - price;
            if (Math.Abs(fm) <= tolerance)
            {
                return new ReverseDcfResult(mid, fm + price, low, high, null);
            }
            if (Math.Sign(fm) == Math.Sign(fa))
            {
                (a, fa) = (mid, fm);
            }
            else
            {
                b = mid;
            }
        }
        // Value per share is a polynomial in growth, hence continuous; 200 halvings exhaust decimal precision long before.
        return new ReverseDcfResult(null, null, low, high, "The growth search did not converge to within ₹0.01.");
    }

    private static DcfResult Value(DcfInputs inputs, decimal wacc)
    {
        if (Validate(inputs, wacc) is { } refusal)
        {
            return refusal;
        }

        var years = new List<DcfYear>(inputs.Years.Count);
        var previousRevenue = inputs.BaseRevenue;
        var growth = 1m;
        var halfPeriod = (decimal)Math.Sqrt((double)(1 + wacc));
        for (var t = 1; t <= inputs.Years.Count; t++)
        {
            var year = inputs.Years[t - 1];
            var revenue = previousRevenue * (1 + year.RevenueGrowth);
            var ebit = revenue * year.EbitMargin;
            var nopat = ebit * (1 - year.TaxRate);
            var reinvestment = inputs.Reinvestment switch
            {
                ReinvestmentRule.ShareOfRevenue r => revenue * r.Share,
                ReinvestmentRule.SalesToCapital s => (revenue - previousRevenue) / s.Ratio,
                _ => throw new InvalidOperationException("Unknown reinvestment rule."),
            };
            var fcff = nopat - reinvestment;
            // (1 + WACC)^t by repeated multiplication stays exact in decimal; the half period is the only irrational step.
            growth *= 1 + wacc;
            var factor = inputs.MidYear ? halfPeriod / growth : 1 / growth;
            years.Add(new DcfYear(t, revenue, ebit, nopat, reinvestment, fcff, inputs.MidYear ? t - 0.5m : t, factor, fcff * factor));
            previousRevenue = revenue;
        }

        var last = years[^1];
        decimal? terminalFcff = null;
        decimal terminalValue;
        switch (inputs.Terminal)
        {
            case TerminalRule.GordonGrowth gordon:
                terminalFcff = last.Fcff * (1 + gordon.Growth);
                terminalValue = GordonTerminalValue(last.Fcff, wacc, gordon.Growth)!.Value;
                break;
            case TerminalRule.ExitMultiple exit:
                var depreciation = exit.Metric == ExitMetric.Ebitda ? last.Revenue * exit.DepreciationShareOfRevenue : 0;
                terminalValue = exit.Multiple * (last.Ebit + depreciation);
                break;
            default:
                throw new InvalidOperationException("Unknown terminal rule.");
        }

        var terminalFactor = 1 / growth;
        var pvExplicit = years.Sum(y => y.PresentValue);
        var pvTerminal = terminalValue * terminalFactor;
        var enterpriseValue = pvExplicit + pvTerminal;
        var equityValue = inputs.Bridge.EquityValue(enterpriseValue);
        var perShare = inputs.Bridge.ValuePerShare(enterpriseValue, inputs.SharesOutstanding);
        decimal? margin = inputs.MarketPrice is { } price && perShare > 0 ? (perShare - price) / perShare : null;
        return DcfResult.Valued(new DcfValuation(wacc, years, terminalFcff, terminalValue, terminalFactor, pvExplicit, pvTerminal,
            enterpriseValue, equityValue, perShare, margin));
    }

    private static DcfResult? Validate(DcfInputs inputs, decimal wacc)
    {
        if (inputs.Years.Count is < MinYears or > MaxYears)
        {
            return DcfResult.Refused(DcfProblem.ForecastLength,
                $"The explicit forecast must cover {MinYears} to {MaxYears} years; it has {inputs.Years.Count}.");
        }
        if (wacc <= -1)
        {
            return DcfResult.Refused(DcfProblem.InvalidInput, "WACC must be above −100 %.");
        }
        if (inputs.SharesOutstanding <= 0)
        {
            return DcfResult.Refused(DcfProblem.InvalidInput, "Shares outstanding must be positive.");
        }
        if (inputs.Reinvestment is ReinvestmentRule.SalesToCapital { Ratio: <= 0 })
        {
            return DcfResult.Refused(DcfProblem.InvalidInput, "The sales-to-capital ratio must be positive.");
        }
        if (inputs.Terminal is TerminalRule.GordonGrowth gordon && gordon.Growth >= wacc)
        {
            return DcfResult.Refused(DcfProblem.GrowthNotBelowWacc, string.Create(CultureInfo.InvariantCulture,
                $"Terminal growth ({gordon.Growth:P2}) must be below WACC ({wacc:P2}); a business cannot outgrow its cost of capital forever."));
        }
        return null;
    }
}
