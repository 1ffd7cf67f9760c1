using System.Text.Json;
using StockVision.Engines.Valuation;

namespace StockVision.Tests.Engines;

// Cases: numpy-financial's own tests and docstrings, in Data/oracles/tvm_numpy_financial.json (see SOURCE.md there).
public class TvmTests
{
    private static readonly JsonElement Oracle =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "oracles", "tvm_numpy_financial.json"))).RootElement;

    private static JsonElement Case(int index) => Oracle.GetProperty("cases")[index];

    // The function name rides along only so a failure names the function.
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        var i = 0;
        foreach (var c in Oracle.GetProperty("cases").EnumerateArray())
        {
            data.Add(i++, c.GetProperty("fn").GetString()!);
        }
        return data;
    }

    [Fact]
    public void The_oracle_holds_all_twenty_numpy_financial_cases()
    {
        Assert.Equal(20, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_tvm_function_matches_numpy_financial_within_the_cases_tolerance(int index, string fn)
    {
        var c = Case(index);
        var args = c.GetProperty("args");
        double Arg(string name, double fallback = 0) => args.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
        double[] Values() => args.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var when = args.TryGetProperty("when", out var w) && w.GetString() == "begin" ? PaymentTiming.Begin : PaymentTiming.End;

        double? actual = fn switch
        {
            "npv" => Tvm.Npv(Arg("rate"), Values()),
            "pv" => Tvm.Pv(Arg("rate"), Arg("nper"), Arg("pmt"), Arg("fv"), when),
            "fv" => Tvm.Fv(Arg("rate"), Arg("nper"), Arg("pmt"), Arg("pv"), when),
            "pmt" => Tvm.Pmt(Arg("rate"), Arg("nper"), Arg("pv"), Arg("fv"), when),
            "nper" => Tvm.Nper(Arg("rate"), Arg("pmt"), Arg("pv"), Arg("fv"), when),
            "ppmt" => Tvm.Ppmt(Arg("rate"), (int)Arg("per"), Arg("nper"), Arg("pv"), Arg("fv"), when),
            "ipmt" => Tvm.Ipmt(Arg("rate"), (int)Arg("per"), Arg("nper"), Arg("pv"), Arg("fv"), when),
            "rate" => Tvm.Rate(Arg("nper"), Arg("pmt"), Arg("pv"), Arg("fv"), when),
            "irr" => Tvm.Irr(Values()),
            "mirr" => Tvm.Mirr(Values(), Arg("finance_rate"), Arg("reinvest_rate")),
            _ => throw new InvalidOperationException($"No mapping for {fn}."),
        };

        if (c.GetProperty("expected").ValueKind == JsonValueKind.Null)
        {
            // numpy-financial's NaN: our solvers say "no solution" with null, the closed forms with NaN.
            Assert.True(actual is null || double.IsNaN(actual.Value), $"{fn} case {index}: expected no solution, got {actual}");
            return;
        }
        var expected = c.GetProperty("expected").GetDouble();
        var rtol = c.TryGetProperty("rtol", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : 0;
        var atol = c.TryGetProperty("atol", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : 0;
        Assert.NotNull(actual);
        // numpy.testing.assert_allclose: |actual − expected| ≤ atol + rtol × |expected|.
        Assert.True(Math.Abs(actual.Value - expected) <= atol + rtol * Math.Abs(expected),
            $"{fn} case {index}: expected {expected} (rtol {rtol}, atol {atol}), got {actual.Value}");
    }

    [Fact]
    public void Rate_matches_the_numpy_financial_test_rate_value()
    {
        // numpy-financial test_financial.py test_rate: assert_almost_equal(rate(10, 0, -3500, 10000), 0.1107, 4).
        var rate = Tvm.Rate(10, 0, -3500, 10000)!.Value;
        Assert.Equal(0.1107, Math.Round(rate, 4));
        // With no payments the root has a closed form, (10000 / 3500)^(1/10) − 1 = 0.110690853710752…; numpy's own
        // test_rate_decimal quotes 0.11069085371426…, which is only as close as its 1e-6 stopping tolerance.
        Assert.Equal(Math.Pow(10000.0 / 3500.0, 0.1) - 1, rate, 1e-14);
    }

    [Fact]
    public void Rate_reports_no_solution_when_every_flow_is_received()
    {
        // numpy-financial test_rate_with_infeasible_solution: pv, pmt and fv all positive cannot balance at any rate.
        Assert.Null(Tvm.Rate(12, 400, 10000, 5000));
    }

    [Theory]
    [InlineData(0.0075, 360, 250_000, PaymentTiming.End)]
    [InlineData(0.01, 24, 50_000, PaymentTiming.Begin)]
    [InlineData(-0.02, 10, 1_000, PaymentTiming.End)]
    public void Rate_recovers_the_rate_that_produced_a_payment(double rate, int nper, double pv, PaymentTiming when)
    {
        var pmt = Tvm.Pmt(rate, nper, pv, 0, when);
        Assert.Equal(rate, Tvm.Rate(nper, pmt, pv, 0, when)!.Value, 1e-9);
    }

    [Fact]
    public void Rate_finds_the_root_from_a_guess_far_away()
    {
        Assert.Equal(Math.Pow(10000.0 / 3500.0, 0.1) - 1, Tvm.Rate(10, 0, -3500, 10000, guess: 9)!.Value, 1e-12);
    }

    [Fact]
    public void Irr_falls_back_to_a_bracketed_search_and_picks_the_root_nearest_the_guess()
    {
        // −100 + 230/(1+r) − 132/(1+r)² = 0 at r = 10 % and r = 20 %. Its slope is nearly flat near 14.8 %, so Newton
        // from 14.7 % (or from 500 %) jumps below −100 % and gives up; the scan then finds both roots.
        double[] flows = [-100, 230, -132];
        Assert.Equal(0.10, Tvm.Irr(flows, guess: 0.147)!.Value, 1e-9);
        Assert.Equal(0.20, Tvm.Irr(flows, guess: 5.0)!.Value, 1e-9);
        // Newton from 15 % converges to 20 % directly.
        Assert.Equal(0.20, Tvm.Irr(flows, guess: 0.15)!.Value, 1e-12);
    }

    [Fact]
    public void Excel_npv_discounts_the_first_value_by_one_period_and_numpy_npv_does_not()
    {
        double[] flows = [-100, 60, 60];
        // numpy: −100 + 60/1.1 + 60/1.21 = 4.1322…; Excel: the same divided by 1.1 once more = 3.7566…
        var numpy = -100 + 60 / 1.1 + 60 / 1.21;
        Assert.Equal(numpy, Tvm.Npv(0.1, flows), 1e-12);
        Assert.Equal(numpy / 1.1, Tvm.ExcelNpv(0.1, flows), 1e-12);
        Assert.True(Math.Abs((decimal)numpy - Tvm.Npv(0.1m, [-100m, 60m, 60m])) < 1e-11m);
    }

    [Fact]
    public void Principal_and_interest_parts_add_up_to_the_payment_each_period()
    {
        var pmt = Tvm.Pmt(0.01, 12, 10_000);
        for (var per = 1; per <= 12; per++)
        {
            Assert.Equal(pmt, Tvm.Ppmt(0.01, per, 12, 10_000) + Tvm.Ipmt(0.01, per, 12, 10_000), 1e-9);
        }
        Assert.True(double.IsNaN(Tvm.Ipmt(0.01, 13, 12, 10_000)));
        Assert.Equal(0, Tvm.Ipmt(0.01, 1, 12, 10_000, 0, PaymentTiming.Begin));
    }
}
