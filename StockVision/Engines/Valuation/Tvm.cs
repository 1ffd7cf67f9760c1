namespace StockVision.Engines.Valuation;

/// <summary>When in each period a payment falls: end (ordinary annuity, Excel type 0) or begin (annuity due, type 1).</summary>
public enum PaymentTiming
{
    End = 0,
    Begin = 1,
}

/// <summary>
/// Time value of money with the Excel / numpy-financial conventions: cash paid out is negative, received is positive;
/// rates are fractions per period (0.05 = 5 %). These are double because they are ports of numpy-financial's float64
/// formulas and two of them (Rate, Irr) are iterative solvers; Npv/ExcelNpv also take decimal cash flows for money.
/// </summary>
public static class Tvm
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    /// <summary>numpy-financial convention: the first value is at t = 0 and is not discounted.</summary>
    public static double Npv(double rate, IReadOnlyList<double> values)
    {
        var total = 0.0;
        for (var t = 0; t < values.Count; t++)
        {
            total += values[t] / Math.Pow(1 + rate, t);
        }
        return total;
    }

    /// <summary>Excel NPV convention: every value is discounted, the first by one whole period.</summary>
    public static double ExcelNpv(double rate, IReadOnlyList<double> values) => Npv(rate, values) / (1 + rate);

    /// <inheritdoc cref="Npv(double, IReadOnlyList{double})"/>
    public static decimal Npv(decimal rate, IReadOnlyList<decimal> values)
    {
        // Integer powers by repeated multiplication keep money exact to decimal's 28 digits.
        decimal total = 0m, growth = 1m;
        foreach (var value in values)
        {
            total += value / growth;
            growth *= 1 + rate;
        }
        return total;
    }

    /// <inheritdoc cref="ExcelNpv(double, IReadOnlyList{double})"/>
    public static decimal ExcelNpv(decimal rate, IReadOnlyList<decimal> values) => Npv(rate, values) / (1 + rate);

    public static double Fv(double rate, double nper, double pmt, double pv, PaymentTiming when = PaymentTiming.End)
    {
        if (rate == 0)
        {
            return -(pv + pmt * nper);
        }
        var growth = Math.Pow(1 + rate, nper);
        return -pv * growth - pmt * (1 + rate * (int)when) / rate * (growth - 1);
    }

    public static double Pv(double rate, double nper, double pmt, double fv = 0, PaymentTiming when = PaymentTiming.End)
    {
        if (rate == 0)
        {
            return -(fv + pmt * nper);
        }
        var growth = Math.Pow(1 + rate, nper);
        var annuity = (1 + rate * (int)when) * (growth - 1) / rate;
        return -(fv + pmt * annuity) / growth;
    }

    public static double Pmt(double rate, double nper, double pv, double fv = 0, PaymentTiming when = PaymentTiming.End)
    {
        if (rate == 0)
        {
            return -(fv + pv) / nper;
        }
        var growth = Math.Pow(1 + rate, nper);
        var annuity = (1 + rate * (int)when) * (growth - 1) / rate;
        return -(fv + pv * growth) / annuity;
    }

    /// <summary>Interest part of payment number <paramref name="per"/> (1-based); NaN outside 1..nper, as numpy-financial.</summary>
    public static double Ipmt(double rate, int per, double nper, double pv, double fv = 0, PaymentTiming when = PaymentTiming.End)
    {
        if (per < 1 || per > nper)
        {
            return double.NaN;
        }
        var payment = Pmt(rate, nper, pv, fv, when);
        // Interest accrues on the balance left after per − 1 payments.
        var interest = Fv(rate, per - 1, payment, pv, when) * rate;
        if (when == PaymentTiming.Begin)
        {
            // An annuity-due's first payment is made before any interest accrues, and later ones a period early.
            interest = per == 1 ? 0 : interest / (1 + rate);
        }
        return interest;
    }

    public static double Ppmt(double rate, int per, double nper, double pv, double fv = 0, PaymentTiming when = PaymentTiming.End) =>
        Pmt(rate, nper, pv, fv, when) - Ipmt(rate, per, nper, pv, fv, when);

    /// <summary>Number of periods; NaN when no finite count solves it (for example a payment smaller than the interest).</summary>
    public static double Nper(double rate, double pmt, double pv, double fv = 0, PaymentTiming when = PaymentTiming.End)
    {
        if (rate == 0)
        {
            return -(fv + pv) / pmt;
        }
        var z = pmt * (1 + rate * (int)when) / rate;
        return Math.Log((-fv + z) / (pv + z)) / Math.Log(1 + rate);
    }

    /// <summary>
    /// Rate per period that makes pv, nper payments and fv balance. Newton from <paramref name="guess"/>; if that fails,
    /// a scan of (−0.99, 10] for a sign change then bisection. Null when no rate in that range balances (Excel #NUM!).
    /// </summary>
    public static double? Rate(double nper, double pmt, double pv, double fv = 0, PaymentTiming when = PaymentTiming.End, double guess = 0.1)
    {
        // Fv gives the future value that would balance; the rate is right when that equals the fv asked for.
        return SolveRate(r => fv - Fv(r, nper, pmt, pv, when), guess);
    }

    /// <summary>Internal rate of return of per-period flows starting at t = 0; null when no rate in (−0.99, 10] gives NPV 0.</summary>
    public static double? Irr(IReadOnlyList<double> values, double guess = 0.1)
    {
        if (!values.Any(v => v > 0) || !values.Any(v => v < 0))
        {
            return null;
        }
        return SolveRate(r => Npv(r, values), guess);
    }

    /// <summary>
    /// Modified IRR: negative flows financed at <paramref name="financeRate"/> (brought to t = 0), positive flows reinvested
    /// at <paramref name="reinvestRate"/> (carried to the end). NaN unless there is at least one flow of each sign.
    /// </summary>
    public static double Mirr(IReadOnlyList<double> values, double financeRate, double reinvestRate)
    {
        if (!values.Any(v => v > 0) || !values.Any(v => v < 0))
        {
            return double.NaN;
        }
        var n = values.Count;
        var inflows = Math.Abs(Npv(reinvestRate, values.Select(v => v > 0 ? v : 0).ToList()));
        var outflows = Math.Abs(Npv(financeRate, values.Select(v => v < 0 ? v : 0).ToList()));
        return Math.Pow(inflows / outflows, 1.0 / (n - 1)) * (1 + reinvestRate) - 1;
    }

    private static double? SolveRate(Func<double, double> f, double guess)
    {
        if (Newton(f, guess) is { } root)
        {
            return root;
        }
        // Newton can wander off or stall; a coarse scan finds the sign change nearest the guess, then bisection closes in.
        const double low = -0.99, high = 10.0;
        const int steps = 2000;
        double? best = null;
        var previousRate = low;
        var previousValue = f(low);
        for (var i = 1; i <= steps; i++)
        {
            var rate = low + (high - low) * i / steps;
            var value = f(rate);
            if (double.IsFinite(previousValue) && double.IsFinite(value) && Math.Sign(previousValue) != Math.Sign(value))
            {
                var found = Bisect(f, previousRate, rate);
                if (best is null || Math.Abs(found - guess) < Math.Abs(best.Value - guess))
                {
                    best = found;
                }
            }
            previousRate = rate;
            previousValue = value;
        }
        return best;
    }

    private static double? Newton(Func<double, double> f, double guess)
    {
        var rate = guess;
        for (var i = 0; i < MaxIterations; i++)
        {
            var value = f(rate);
            // Central difference: the analytic derivatives differ per function and this is accurate enough to converge.
            var h = 1e-7 * Math.Max(1, Math.Abs(rate));
            var slope = (f(rate + h) - f(rate - h)) / (2 * h);
            if (!double.IsFinite(value) || !double.IsFinite(slope) || slope == 0)
            {
                return null;
            }
            var next = rate - value / slope;
            if (next <= -1 || !double.IsFinite(next))
            {
                return null;
            }
            if (Math.Abs(next - rate) < Tolerance)
            {
                // One more step: each costs the numerical slope's error (~1e-9 relative) times the distance left.
                var polished = next - f(next) / slope;
                return double.IsFinite(polished) ? polished : next;
            }
            rate = next;
        }
        return null;
    }

    private static double Bisect(Func<double, double> f, double low, double high)
    {
        var fLow = f(low);
        for (var i = 0; i < 200 && high - low > Tolerance; i++)
        {
            var mid = (low + high) / 2;
            var fMid = f(mid);
            if (fMid == 0)
            {
                return mid;
            }
            if (Math.Sign(fMid) == Math.Sign(fLow))
            {
                low = mid;
                fLow = fMid;
            }
            else
            {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
