using System.Text.Json;
using StockVision.Engines.Valuation;

namespace StockVision.Tests.Engines;

// Money in ₹ crore, shares in crore, rates as fractions. Oracle cases: Data/oracles/dcf.json (see SOURCE.md there).
public class DcfTests
{
    private static readonly JsonElement Oracle =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "oracles", "dcf.json"))).RootElement;

    // rf 6 % + β 1.0 × ERP 5 % = Ke 11 %; Kd 8 % × (1 − 25 %) = 6 %; 80/20 equity/debt → WACC = 8.8 % + 1.2 % = 10 %.
    private static readonly CapitalInputs TenPercent = new(0.06m, 1.0m, 0.05m, 0.08m, 0.25m, 0.20m);

    private static DcfInputs Worked(TerminalRule? terminal = null, bool midYear = false) => new(
        BaseRevenue: 1000m,
        Years:
        [
            new(0.12m, 0.18m, 0.25m),
            new(0.10m, 0.19m, 0.25m),
            new(0.08m, 0.20m, 0.25m),
            new(0.06m, 0.20m, 0.25m),
            new(0.05m, 0.20m, 0.25m),
        ],
        Reinvestment: new ReinvestmentRule.SalesToCapital(2m),
        Capital: TenPercent,
        Terminal: terminal ?? new TerminalRule.GordonGrowth(0.04m),
        Bridge: new EquityBridge(Debt: 300m, Cash: 100m, MinorityInterests: 20m, Other: 10m),
        SharesOutstanding: 10m,
        MidYear: midYear,
        MarketPrice: 150m);

    private static void Near(decimal expected, decimal actual, decimal tolerance = 1e-9m) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual} (± {tolerance})");

    private static DcfValuation Valued(DcfInputs inputs)
    {
        var result = Dcf.Value(inputs);
        Assert.True(result.IsValued, result.Error?.Message);
        return result.Valuation;
    }

    private static decimal Input(JsonElement c, string name) => c.GetProperty("inputs").GetProperty(name).GetDecimal();

    public static TheoryData<string> OracleCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Oracle.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }
        return data;
    }

    [Fact]
    public void The_oracle_holds_four_building_block_cases()
    {
        Assert.Equal(4, OracleCases().Count);
    }

    [Theory]
    [MemberData(nameof(OracleCases))]
    public void Every_building_block_matches_its_published_value(string id)
    {
        var c = Oracle.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("id").GetString() == id);
        var expected = c.GetProperty("expected").GetDecimal();
        var tolerance = c.GetProperty("tolerance").GetDecimal();
        var actual = c.GetProperty("kind").GetString() switch
        {
            "equity_value" => new EquityBridge(Input(c, "debt"), Input(c, "cash")).EquityValue(Input(c, "enterprise_value")),
            "implied_share_price" => new EquityBridge(Input(c, "debt"), Input(c, "cash"))
                .ValuePerShare(Input(c, "enterprise_value"), Input(c, "shares_outstanding")),
            "gordon_terminal_value" => Dcf.GordonTerminalValue(Input(c, "final_fcf"), Input(c, "wacc"), Input(c, "terminal_growth"))!.Value,
            "npv_excel_convention" => Tvm.ExcelNpv(Input(c, "rate"),
                c.GetProperty("inputs").GetProperty("cashflows").EnumerateArray().Select(v => v.GetDecimal()).ToList()),
            var kind => throw new InvalidOperationException($"No mapping for {kind}."),
        };
        Near(expected, actual, tolerance);
    }

    [Fact]
    public void Discounting_the_first_flow_at_t0_gives_the_off_by_one_value_the_oracle_warns_about()
    {
        var c = Oracle.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "npv_excel_convention");
        var flows = c.GetProperty("inputs").GetProperty("cashflows").EnumerateArray().Select(v => v.GetDecimal()).ToList();
        Near(670873.30m, Tvm.Npv(0.08m, flows), 0.005m);
    }

    [Fact]
    public void Wacc_from_capm_is_ten_percent_for_the_worked_example()
    {
        Assert.Equal(0.11m, TenPercent.CostOfEquity);
        Assert.Equal(0.06m, TenPercent.AfterTaxCostOfDebt);
        Assert.Equal(0.10m, TenPercent.Wacc);
    }

    [Fact]
    public void A_five_year_fcff_forecast_shows_every_intermediate_as_worked_by_hand()
    {
        var v = Valued(Worked());
        Assert.Equal(0.10m, v.Wacc);
        Assert.Equal(5, v.Years.Count);

        // Year: revenue = last × (1 + g); EBIT = revenue × margin; NOPAT = EBIT × 0.75; reinvestment = Δrevenue / 2.
        //       revenue        EBIT        NOPAT        reinvestment   FCFF         DF = 1/1.1^t   PV
        // 1     1,120.00       201.60      151.20       60.00          91.20        0.909091       82.9091
        // 2     1,232.00       234.08      175.56       56.00          119.56       0.826446       98.8099
        // 3     1,330.56       266.112     199.584      49.28          150.304      0.751315       112.9256
        // 4     1,410.3936     282.07872   211.55904    39.9168        171.64224    0.683013       117.2340
        // 5     1,480.91328    296.182656  222.136992   35.25984       186.877152   0.620921       116.0360
        decimal[] revenue = [1000m * 1.12m, 1120m * 1.10m, 1232m * 1.08m, 1330.56m * 1.06m, 1410.3936m * 1.05m];
        decimal[] margin = [0.18m, 0.19m, 0.20m, 0.20m, 0.20m];
        decimal[] expectedFcff = [91.20m, 119.56m, 150.304m, 171.64224m, 186.877152m];
        var previous = 1000m;
        var growth = 1m;
        for (var t = 0; t < 5; t++)
        {
            var y = v.Years[t];
            growth *= 1.10m;
            var ebit = revenue[t] * margin[t];
            var nopat = ebit * (1 - 0.25m);
            var reinvestment = (revenue[t] - previous) / 2m;
            Assert.Equal(t + 1, y.Year);
            Near(revenue[t], y.Revenue);
            Near(ebit, y.Ebit);
            Near(nopat, y.Nopat);
            Near(reinvestment, y.Reinvestment);
            Near(expectedFcff[t], y.Fcff);
            Near(nopat - reinvestment, y.Fcff);
            Assert.Equal(t + 1, y.DiscountPeriod);
            Near(1 / growth, y.DiscountFactor, 1e-20m);
            Near(expectedFcff[t] / growth, y.PresentValue);
            previous = revenue[t];
        }
        Near(82.9091m, v.Years[0].PresentValue, 0.00005m);
        Near(116.0360m, v.Years[4].PresentValue, 0.00005m);

        // Σ PV = 82.9091 + 98.8099 + 112.9256 + 117.2340 + 116.0360 = 527.9146
        var pvExplicit = expectedFcff.Select((f, t) => f / Pow(1.10m, t + 1)).Sum();
        Near(pvExplicit, v.PvOfExplicitFcff);
        Near(527.9146m, v.PvOfExplicitFcff, 0.0001m);

        // FCFF₆ = 186.877152 × 1.04 = 194.35223808; TV = 194.35223808 / (0.10 − 0.04) = 3,239.203968; PV = TV / 1.1⁵
        Near(186.877152m * 1.04m, v.TerminalFcff!.Value);
        Near(3239.203968m, v.TerminalValue);
        Near(1 / Pow(1.10m, 5), v.TerminalDiscountFactor, 1e-20m);
        Near(3239.203968m / 1.61051m, v.PvOfTerminalValue);
        Near(2011.2908m, v.PvOfTerminalValue, 0.0001m);

        // EV = 527.9146 + 2,011.2908 = 2,539.2054; equity = EV − 300 + 100 − 20 + 10 = 2,329.2054; ÷ 10 crore = ₹232.92
        var ev = pvExplicit + 3239.203968m / 1.61051m;
        Near(ev, v.EnterpriseValue);
        Near(ev - 300m + 100m - 20m + 10m, v.EquityValue);
        Near((ev - 210m) / 10m, v.ValuePerShare);
        Assert.Equal(232.92m, Math.Round(v.ValuePerShare, 2));

        // Margin of safety at ₹150 = (232.9205 − 150) / 232.9205 = 35.6 %.
        Near((v.ValuePerShare - 150m) / v.ValuePerShare, v.MarginOfSafety!.Value, 1e-20m);
        Assert.Equal(0.356m, Math.Round(v.MarginOfSafety!.Value, 3));
    }

    [Fact]
    public void The_mid_year_convention_discounts_each_flow_half_a_year_less_but_the_terminal_value_a_full_n_years()
    {
        var full = Valued(Worked());
        var mid = Valued(Worked(midYear: true));

        // DF = 1 / 1.1^(t − 0.5): 0.953463, 0.866784, 0.787986, 0.716351, 0.651228
        decimal[] expectedFactor = [0.953463m, 0.866784m, 0.787986m, 0.716351m, 0.651228m];
        for (var t = 0; t < 5; t++)
        {
            var y = mid.Years[t];
            var factor = (decimal)Math.Pow(1.10, -(t + 0.5));
            Assert.Equal(t + 0.5m, y.DiscountPeriod);
            Near(factor, y.DiscountFactor, 1e-12m);
            Near(expectedFactor[t], y.DiscountFactor, 0.0000005m);
            Near(full.Years[t].Fcff, y.Fcff);
            Near(y.Fcff * factor, y.PresentValue, 1e-9m);
            // Half a year earlier is exactly √1.1 more value.
            Near(full.Years[t].PresentValue * (decimal)Math.Sqrt(1.1), y.PresentValue, 1e-9m);
        }

        // PVs 86.9558 + 103.6327 + 118.4374 + 122.9560 + 121.6996 = 553.6815; TV unchanged at 2,011.2908
        Near(full.PvOfTerminalValue, mid.PvOfTerminalValue, 0m);
        Near(full.TerminalDiscountFactor, mid.TerminalDiscountFactor, 0m);
        Near(553.6815m, mid.PvOfExplicitFcff, 0.0001m);
        // EV 2,564.9723 → equity 2,354.9723 → ₹235.50 a share
        Near(2564.9723m, mid.EnterpriseValue, 0.0001m);
        Near((mid.EnterpriseValue - 210m) / 10m, mid.ValuePerShare);
        Assert.Equal(235.50m, Math.Round(mid.ValuePerShare, 2));
    }

    [Fact]
    public void An_exit_multiple_values_the_terminal_year_on_ebitda_or_ebit()
    {
        var full = Valued(Worked());

        // EBITDA₅ = EBIT 296.182656 + D&A 4 % × 1,480.91328 = 355.4191872; TV = 8 × that = 2,843.3534976
        var ebitda = Valued(Worked(new TerminalRule.ExitMultiple(8m, ExitMetric.Ebitda, 0.04m)));
        Assert.Null(ebitda.TerminalFcff);
        Near(8m * (296.182656m + 0.04m * 1480.91328m), ebitda.TerminalValue);
        Near(2843.3534976m, ebitda.TerminalValue);
        Near(2843.3534976m / 1.61051m, ebitda.PvOfTerminalValue);
        Near(full.PvOfExplicitFcff, ebitda.PvOfExplicitFcff, 0m);
        // EV = 527.9146 + 1,765.4988 = 2,293.4134 → ₹208.34 a share
        Near(2293.4134m, ebitda.EnterpriseValue, 0.0001m);
        Assert.Equal(208.34m, Math.Round(ebitda.ValuePerShare, 2));

        // 10 × EBIT₅ = 2,961.82656 → ₹215.70 a share; depreciation is ignored for an EBIT multiple.
        var ebit = Valued(Worked(new TerminalRule.ExitMultiple(10m, ExitMetric.Ebit, 0.04m)));
        Near(2961.82656m, ebit.TerminalValue);
        Assert.Equal(215.70m, Math.Round(ebit.ValuePerShare, 2));
    }

    [Fact]
    public void Reinvestment_as_a_share_of_revenue_takes_that_share_of_each_years_revenue()
    {
        var v = Valued(Worked() with { Reinvestment = new ReinvestmentRule.ShareOfRevenue(0.05m) });
        // Year 1: NOPAT 151.20 − 5 % × 1,120 = 151.20 − 56.00 = 95.20
        Near(56.00m, v.Years[0].Reinvestment);
        Near(95.20m, v.Years[0].Fcff);
        // Year 5: 222.136992 − 5 % × 1,480.91328 = 222.136992 − 74.045664 = 148.091328
        Near(148.091328m, v.Years[4].Fcff);
    }

    [Fact]
    public void Terminal_growth_at_or_above_wacc_is_refused_with_a_typed_reason()
    {
        foreach (var g in new[] { 0.10m, 0.12m })
        {
            var result = Dcf.Value(Worked(new TerminalRule.GordonGrowth(g)));
            Assert.False(result.IsValued);
            Assert.Equal(DcfProblem.GrowthNotBelowWacc, result.Error.Problem);
            Assert.Contains("must be below WACC", result.Error.Message, StringComparison.Ordinal);
        }
        Assert.Null(Dcf.GordonTerminalValue(100m, 0.08m, 0.08m));
    }

    [Fact]
    public void Terminal_growth_just_below_wacc_is_valued_and_dominates_the_total()
    {
        // FCFF₆ / (0.10 − 0.0999) = 1,000 × FCFF₆: finite, positive and almost all of EV.
        var v = Valued(Worked(new TerminalRule.GordonGrowth(0.0999m)));
        Near(186.877152m * 1.0999m / 0.0001m, v.TerminalValue);
        Assert.True(v.PvOfTerminalValue / v.EnterpriseValue > 0.99m);
    }

    [Fact]
    public void A_forecast_shorter_than_five_years_or_longer_than_ten_is_refused()
    {
        var four = Dcf.Value(Worked() with { Years = Worked().Years.Take(4).ToList() });
        var eleven = Dcf.Value(Worked() with { Years = Enumerable.Repeat(new ForecastYear(0.05m, 0.2m, 0.25m), 11).ToList() });
        Assert.Equal(DcfProblem.ForecastLength, four.Error!.Problem);
        Assert.Equal(DcfProblem.ForecastLength, eleven.Error!.Problem);
        Assert.True(Dcf.Value(Worked() with { Years = Enumerable.Repeat(new ForecastYear(0.05m, 0.2m, 0.25m), 10).ToList() }).IsValued);
    }

    [Fact]
    public void Bear_base_and_bull_scenarios_run_side_by_side_in_order()
    {
        var bear = Worked() with { Years = Worked().Years.Select(y => y with { RevenueGrowth = y.RevenueGrowth - 0.04m, EbitMargin = y.EbitMargin - 0.03m }).ToList() };
        var bull = Worked() with { Years = Worked().Years.Select(y => y with { RevenueGrowth = y.RevenueGrowth + 0.04m, EbitMargin = y.EbitMargin + 0.03m }).ToList() };
        var results = Dcf.RunScenarios([new("Bear", bear), new("Base", Worked()), new("Bull", bull)]);

        Assert.Equal(["Bear", "Base", "Bull"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Result.IsValued));
        var values = results.Select(r => r.Result.Valuation!.ValuePerShare).ToList();
        Near(Valued(Worked()).ValuePerShare, values[1], 0m);
        Assert.True(values[0] < values[1] && values[1] < values[2]);
    }

    [Fact]
    public void The_sensitivity_grid_has_a_cell_per_wacc_and_growth_and_marks_growth_at_or_above_wacc()
    {
        decimal[] waccs = [0.09m, 0.10m, 0.11m];
        decimal[] growths = [0.03m, 0.04m, 0.10m];
        var grid = Dcf.Sensitivity(Worked(), waccs, growths);

        Assert.Equal(3, grid.Cells.Count);
        Assert.All(grid.Cells, row => Assert.Equal(3, row.Count));
        Assert.Equal(0.11m, grid.Cells[2][0].Wacc);
        Assert.Equal(0.10m, grid.Cells[2][2].TerminalGrowth);
        // g = 10 % is not computable at WACC 9 % or 10 %, but is at 11 %.
        Assert.False(grid.Cells[0][2].IsComputable);
        Assert.False(grid.Cells[1][2].IsComputable);
        Assert.True(grid.Cells[2][2].IsComputable);
        Assert.Equal(7, grid.Cells.SelectMany(r => r).Count(c => c.IsComputable));

        // (10 %, 4 %) is the worked example: ₹232.92.
        Assert.Equal(232.92m, Math.Round(grid.Cells[1][1].ValuePerShare!.Value, 2));
        // (9 %, 3 %) by hand: PV at 9 % of the same FCFFs, TV = 186.877152 × 1.03 / 0.06 on 1.09⁵.
        decimal[] fcff = [91.20m, 119.56m, 150.304m, 171.64224m, 186.877152m];
        var ev = fcff.Select((f, t) => f / Pow(1.09m, t + 1)).Sum() + 186.877152m * 1.03m / 0.06m / Pow(1.09m, 5);
        Near((ev - 210m) / 10m, grid.Cells[0][0].ValuePerShare!.Value);
        // Lower WACC and higher growth both raise the value.
        Assert.True(grid.Cells[0][1].ValuePerShare > grid.Cells[1][1].ValuePerShare);
        Assert.True(grid.Cells[1][1].ValuePerShare > grid.Cells[1][0].ValuePerShare);
    }

    [Fact]
    public void Reverse_dcf_finds_the_growth_that_reprices_the_share_within_a_paisa()
    {
        // With one growth rate for every year this business is worth ₹53 (−50 %) to a peak of about ₹210 (10–14 %).
        var inputs = Worked();
        foreach (var price in new[] { 60m, 150m, 205m })
        {
            var solved = Dcf.ImpliedGrowth(inputs, price);
            Assert.True(solved.IsSolved, solved.Message);
            var rerun = Valued(inputs with { Years = inputs.Years.Select(y => y with { RevenueGrowth = solved.Growth.Value }).ToList() });
            Assert.True(Math.Abs(rerun.ValuePerShare - price) <= 0.01m, $"₹{price}: re-run gives ₹{rerun.ValuePerShare}");
            Near(rerun.ValuePerShare, solved.ValuePerShare.Value, 0m);
        }
    }

    [Fact]
    public void Reverse_dcf_recovers_the_constant_growth_that_produced_a_value()
    {
        var inputs = Worked() with { Years = Worked().Years.Select(y => y with { RevenueGrowth = 0.08m }).ToList() };
        var price = Valued(inputs).ValuePerShare;
        var solved = Dcf.ImpliedGrowth(inputs, price);
        // Value rises with growth until about 14 %, where year 5's reinvestment starts to cost the terminal value more
        // than the extra revenue adds; the scan starts at the bottom of the bracket, so it meets 8 % first.
        Assert.Equal(0.08m, Math.Round(solved.Growth!.Value, 4));
    }

    [Fact]
    public void Reverse_dcf_reports_a_price_that_no_growth_in_the_bracket_reaches()
    {
        // ₹300 is above the ₹210 peak, so no constant growth reaches it, however wide the bracket.
        var solved = Dcf.ImpliedGrowth(Worked(), 300m);
        Assert.False(solved.IsSolved);
        Assert.Null(solved.ValuePerShare);
        Assert.Equal((Dcf.DefaultGrowthLow, Dcf.DefaultGrowthHigh), (solved.BracketLow, solved.BracketHigh));
        Assert.StartsWith("No growth in [-50.0 %, 100.0 %] reaches this price", solved.Message, StringComparison.Ordinal);
        // Between −20 % and +10 % the value runs from ₹133 to ₹210, so ₹20 is out of reach there.
        Assert.False(Dcf.ImpliedGrowth(Worked(), 20m, -0.2m, 0.1m).IsSolved);
    }

    [Fact]
    public void Reverse_dcf_passes_on_a_terminal_growth_refusal()
    {
        var solved = Dcf.ImpliedGrowth(Worked(new TerminalRule.GordonGrowth(0.10m)), 200m);
        Assert.False(solved.IsSolved);
        Assert.Contains("must be below WACC", solved.Message, StringComparison.Ordinal);
    }

    private static decimal Pow(decimal x, int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= x;
        }
        return result;
    }
}
