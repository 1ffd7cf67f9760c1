using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using StockVision.Engines.Valuation;
using StockVision.Infrastructure;
using StockVision.Tests.Support;

namespace StockVision.Tests.Features;

/// <summary>
/// The DCF builder over HTTP against the bundled data. Expected defaults are worked out here from rows of the bundled
/// CSV files (cited beside each), not from the app's queries, and every value shown must be the engine's on the same inputs.
/// </summary>
public class DcfPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Data/india-fundamentals-xbrl/annual_results_and_cashflow.csv, INFY Consolidated (the statement the ratios use):
    //   FY21 (2021-03-31): revenue 100472
    //   FY22 (2022-03-31): revenue 121641, other income 2295, finance costs 200, profit before exceptional items and tax 30110
    //   FY23 (2023-03-31): revenue 146767, other income 2701, finance costs 284, profit before exceptional items and tax 33322
    //   FY24 (2024-03-31): revenue 153670, other income 4711, finance costs 470, profit before exceptional items and tax 35988,
    //                      profit before tax 35988, tax expense 9740, paid-up capital 2071, face value 5, depreciation 4678
    // Data/india-fundamentals-xbrl/balance_sheets.csv, INFY Consolidated:
    //   2023-03-31: borrowings 0 + 0;  2024-03-31: total equity 88461, borrowings 0 + 0
    //   2024-09-30 (latest): borrowings 0 + 0, cash 21799, current investments 7432, non-controlling interest 367
    // Data/nifty50-ohlcv/nifty50_constituents_daily_2020-10_2025-09.csv: INFY,2025-09-30,1443.0,1452.2,1438.1,1441.8 (latest close)
    private static readonly decimal InfyGrowth = Round3((decimal)Math.Pow(153670.0 / 100472.0, 1.0 / 3) - 1);
    private static readonly decimal InfyMargin = Round3(((30110m + 200 - 2295) / 121641 + (33322m + 284 - 2701) / 146767 + (35988m + 470 - 4711) / 153670) / 3);
    private static readonly decimal InfyTax = Round3(9740m / 35988);
    private static readonly decimal InfyStc = Math.Round(153670m / 88461, 2);
    private const decimal InfyShares = 2071m / 5;
    private const decimal InfyCash = 21799m + 7432;
    private const decimal InfyMinority = 367m;
    private const decimal InfyPrice = 1441.8m;

    [Fact]
    public async Task Infosys_defaults_come_from_its_own_filings_and_prices_each_with_its_source()
    {
        var beta = InfyBeta();
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0.152", $"{InfyGrowth}");
        Assert.Equal("153670", Value(doc, "revenue"));
        Assert.Equal("15.2", Value(doc, "growth"));
        Assert.Equal(Pct(InfyMargin), Value(doc, "margin"));
        Assert.Equal("27.1", Value(doc, "tax"));
        Assert.Equal("1.74", Value(doc, "stc"));
        Assert.Equal("7", Value(doc, "rf"));
        Assert.Equal("6", Value(doc, "erp"));
        Assert.Equal(Math.Round(beta.Beta, 2).ToString("0.##", CultureInfo.InvariantCulture), Value(doc, "beta"));
        Assert.Equal("9", Value(doc, "kd"));
        Assert.Equal("0", Value(doc, "wd"));
        Assert.Equal("5", Value(doc, "g"));
        Assert.Equal("5", Value(doc, "years"));
        Assert.Equal("414.2", Value(doc, "shares"));
        Assert.Equal("0", Value(doc, "debt"));
        Assert.Equal("29231", Value(doc, "cash"));
        Assert.Equal("367", Value(doc, "minority"));

        Assert.Contains("3-year revenue CAGR FY21–FY24 from the filings: 15.2 %", Hint(doc, "growth"), StringComparison.Ordinal);
        Assert.Contains($"3-year average EBIT margin FY22–FY24 from the filings: {Pct(InfyMargin)} %", Hint(doc, "margin"), StringComparison.Ordinal);
        Assert.Contains("effective tax rate FY24 (tax expense ÷ profit before tax): 27.1 %", Hint(doc, "tax"), StringComparison.Ordinal);
        Assert.Contains($"beta {beta.Beta:0.00} vs NIFTY 50 from {beta.Returns} daily returns, {IndianFormat.Date(beta.First)} – {IndianFormat.Date(beta.Last)}", Hint(doc, "beta"), StringComparison.Ordinal);
        Assert.Contains("7.0 %: India 10-year government bond yield, an assumption you can change", Hint(doc, "rf"), StringComparison.Ordinal);
        Assert.Contains("6.0 %: an assumption", Hint(doc, "erp"), StringComparison.Ordinal);
        Assert.Contains("no borrowings", Hint(doc, "kd"), StringComparison.Ordinal);
        Assert.Contains("borrowings ÷ (borrowings + market cap", Hint(doc, "wd"), StringComparison.Ordinal);
        Assert.Contains("paid-up capital ₹2,071 crore ÷ face value ₹5.00 (FY24): 414.20 crore shares", Hint(doc, "shares"), StringComparison.Ordinal);
        Assert.Contains("cash and current investments on 30 Sep 2024: ₹29,231 crore", Hint(doc, "cash"), StringComparison.Ordinal);
        Assert.Contains("revenue from operations FY24 from the filings: ₹1,53,670 crore", Hint(doc, "revenue"), StringComparison.Ordinal);
        Assert.Contains("against the close of ₹1,441.80 on 30 Sep 2025", doc.QuerySelector("#dcf-results [role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_value_per_share_is_the_engines_on_the_same_inputs_for_the_defaults_and_for_a_changed_url()
    {
        var beta = Math.Round((decimal)InfyBeta().Beta, 2);
        var defaults = InfyInputs(beta);
        using var client = app.CreateClient();

        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf");
        var expected = Dcf.Value(defaults).Valuation!;
        Assert.Equal(IndianFormat.Rupees(expected.ValuePerShare), doc.QuerySelector("#value-per-share")!.TextContent);
        Assert.Equal(5, doc.QuerySelectorAll("table:has(#years-caption) tbody tr").Length);
        Assert.Contains($"margin of safety {Pct(expected.MarginOfSafety!.Value)} %", doc.QuerySelector("#margin-of-safety")!.TextContent, StringComparison.Ordinal);

        var changed = defaults with
        {
            Years = [.. Enumerable.Range(0, 7).Select(i => new ForecastYear(0.12m - i * 0.01m, 0.25m, 0.25m))],
            Reinvestment = new ReinvestmentRule.ShareOfRevenue(0.04m),
            Capital = defaults.Capital with { Beta = 0.9m, MarginalTaxRate = 0.25m, DebtWeight = 0.1m, PreTaxCostOfDebt = 0.08m },
            Terminal = new TerminalRule.ExitMultiple(15m, ExitMetric.Ebitda, Math.Round(4678m / 153670, 3)),
            MidYear = true,
        };
        var (response, custom) = await Html.GetAsync(client,
            $"/stocks/INFY/dcf?years=7&growth=12%2C+11%2C+10%2C+9%2C+8%2C+7%2C+6&margin=25&tax=25&reinvest=share&share=4&beta=0.9&kd=8&wd=10&terminal=exit&multiple=15&midyear=true&{Bridge()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(IndianFormat.Rupees(Dcf.Value(changed).Valuation!.ValuePerShare), custom.QuerySelector("#value-per-share")!.TextContent);
        Assert.Equal(7, custom.QuerySelectorAll("table:has(#years-caption) tbody tr").Length);
        Assert.True(custom.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-midyear")!.IsChecked);
        Assert.True(custom.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-terminal-exit")!.IsChecked);

        static string Bridge() => "revenue=153670&shares=414.2&debt=0&cash=29231&minority=367";
    }

    [Fact]
    public async Task Terminal_growth_not_below_WACC_and_unreadable_fields_answer_400_naming_the_field()
    {
        using var client = app.CreateClient();
        // WACC = 5 % + 1 × 5 % = 10 % with no debt.
        var (response, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf?g=12&rf=5&erp=5&beta=1&wd=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        const string message = "Terminal growth 12.0 % is not below WACC 10.0 %: the Gordon formula has no finite value. Lower the terminal growth, raise the cost of capital, or use an exit multiple.";
        Assert.Equal("Error: " + message, doc.QuerySelector("#f-g-error")!.TextContent);
        Assert.Equal("true", doc.QuerySelector("#f-g")!.GetAttribute("aria-invalid"));
        var link = doc.QuerySelector(".error-summary a")!;
        Assert.Equal("#f-g", link.GetAttribute("href"));
        Assert.Equal(message, link.TextContent);
        Assert.Equal("12", Value(doc, "g"));
        Assert.Null(doc.QuerySelector("#value-per-share"));

        // An exit multiple needs no growth below WACC.
        var (exit, _) = await Html.GetAsync(client, "/stocks/INFY/dcf?g=12&rf=5&erp=5&beta=1&wd=0&terminal=exit");
        Assert.Equal(HttpStatusCode.OK, exit.StatusCode);

        var (bad, badDoc) = await Html.GetAsync(client, "/stocks/INFY/dcf?margin=abc&years=12&growth=10%2C5");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Error: EBIT margin, %: “abc” is not a number. Enter digits, for example 12.5.", badDoc.QuerySelector("#f-margin-error")!.TextContent);
        Assert.Equal("Error: Forecast years: 12 years is outside the range StockVision accepts, 5 years to 10 years.", badDoc.QuerySelector("#f-years-error")!.TextContent);

        var (list, listDoc) = await Html.GetAsync(client, "/stocks/INFY/dcf?growth=10%2C5");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Contains("lists 2 rates but the forecast has 5 years", listDoc.QuerySelector("#f-growth-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_free_cash_flow_is_explained_where_the_value_is_shown()
    {
        using var client = app.CreateClient();
        // Reinvestment = Δrevenue ÷ sales-to-capital: at 20 % growth and a ratio of 0.5, year 1 needs 0.2 × 2 = 40 % of
        // revenue against NOPAT of at most the margin, so every year's FCFF is negative.
        var (response, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf?g=5&growth=20&margin=10&stc=0.5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = doc.QuerySelector("#negative-fcff")!.TextContent;
        Assert.Contains("free cash flow is negative throughout", notice, StringComparison.Ordinal);
        Assert.Contains("each ₹1 of extra revenue needs ₹2.00 of new capital", notice, StringComparison.Ordinal);

        var (_, positive) = await Html.GetAsync(client, "/stocks/INFY/dcf?g=5&growth=5&margin=25&stc=3");
        Assert.Null(positive.QuerySelector("#negative-fcff"));
    }

    [Fact]
    public async Task A_bank_and_an_NBFC_get_an_explanation_instead_of_the_form()
    {
        using var client = app.CreateClient();
        var (response, doc) = await Html.GetAsync(client, "/stocks/HDFCBANK/dcf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A cash-flow DCF does not suit a bank", doc.QuerySelector("#lender-heading")!.TextContent);
        Assert.Contains("Banking format", doc.QuerySelector("#lender-heading + p")!.TextContent, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("form.dcf-form"));

        var (_, nbfc) = await Html.GetAsync(client, "/stocks/BAJFINANCE/dcf");
        Assert.Equal("A cash-flow DCF does not suit a non-banking financial company (NBFC)", nbfc.QuerySelector("#lender-heading")!.TextContent);
    }

    [Fact]
    public async Task Bear_and_bull_shift_growth_by_3_points_and_margin_by_2_in_every_year_as_the_caption_says()
    {
        var inputs = InfyInputs(Math.Round((decimal)InfyBeta().Beta, 2));
        DcfInputs Shift(decimal growth, decimal margin) =>
            inputs with { Years = [.. inputs.Years.Select(y => y with { RevenueGrowth = y.RevenueGrowth + growth, EbitMargin = y.EbitMargin + margin })] };
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf");

        var table = doc.QuerySelector("table:has(#scenarios-caption)")!;
        Assert.Contains("bear lowers revenue growth by 3 percentage points and the EBIT margin by 2 percentage points in every year",
            table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var values = table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Value per share")
            .QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(
            [.. new[] { Shift(-0.03m, -0.02m), inputs, Shift(0.03m, 0.02m) }.Select(i => IndianFormat.Rupees(Dcf.Value(i).Valuation!.ValuePerShare))],
            values);
    }

    [Fact]
    public async Task The_sensitivity_table_is_five_by_five_with_headers_both_ways_the_base_cell_marked_and_refusals_explained()
    {
        using var client = app.CreateClient();
        // WACC 10 %, terminal growth 8 %: the grid spans WACC 8–12 % and growth 6–10 %, so its corner cells have g ≥ WACC.
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf?g=8&rf=5&erp=5&beta=1&wd=0");
        var table = doc.QuerySelector("table:has(#sensitivity-caption)")!;

        var columns = table.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent).ToList();
        Assert.Equal(["WACC \\ terminal growth", "6.0 %", "7.0 %", "8.0 %", "9.0 %", "10.0 %"], columns);
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(["8.0 %", "9.0 %", "10.0 %", "11.0 %", "12.0 %"], rows.Select(r => r.QuerySelector("th[scope=row]")!.TextContent).ToList());
        Assert.All(rows, r => Assert.Equal(5, r.QuerySelectorAll("td").Length));
        var marked = Assert.Single(table.QuerySelectorAll("td.base-cell"));
        Assert.Same(rows[2].QuerySelectorAll("td")[2], marked);
        Assert.Equal(doc.QuerySelector("#value-per-share")!.TextContent + " (these inputs)", marked.TextContent.Trim());
        // Row WACC 8 %: growth 8, 9 and 10 % are not below it.
        var first = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.All(first[2..], c => Assert.Equal("not computable: growth is not below WACC", c));
        Assert.StartsWith("₹", first[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reverse_DCF_sentence_gives_the_growth_the_engine_solves_for_at_the_latest_price_or_says_why_none()
    {
        var defaults = InfyInputs(Math.Round((decimal)InfyBeta().Beta, 2));
        var inputs = defaults with { Terminal = new TerminalRule.ExitMultiple(20m, ExitMetric.Ebitda, Math.Round(4678m / 153670, 3)) };
        var implied = Dcf.ImpliedGrowth(inputs, InfyPrice);
        Assert.True(implied.IsSolved, implied.Message);
        using var client = app.CreateClient();
        var (_, doc) = await Html.GetAsync(client, "/stocks/INFY/dcf?terminal=exit&multiple=20");

        Assert.Equal($"Reverse DCF: At ₹1,441.80 the market implies {Pct(implied.Growth.Value)} % a year revenue growth for 5 years, other inputs unchanged.",
            doc.QuerySelector("#reverse-dcf")!.TextContent);

        // With the Gordon default, faster growth also means heavier final-year reinvestment, which the terminal value
        // capitalises: the engine finds no growth reaching the price, and the page says so rather than inventing one.
        Assert.False(Dcf.ImpliedGrowth(defaults, InfyPrice).IsSolved);
        var (_, unsolved) = await Html.GetAsync(client, "/stocks/INFY/dcf");
        Assert.StartsWith("Reverse DCF: At ₹1,441.80 no constant revenue growth gives this price with the other inputs unchanged: No growth in",
            unsolved.QuerySelector("#reverse-dcf")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Htmx_gets_the_results_alone_and_other_spellings_redirect_or_404()
    {
        using var client = app.CreateClient(followRedirects: false);
        var (response, fragment) = await Html.GetAsync(client, "/stocks/INFY/dcf?g=12&rf=5&erp=5&beta=1&wd=0", htmx: true);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(fragment.QuerySelector("h1"));
        Assert.Equal("#f-g", fragment.QuerySelector("#dcf-results .error-summary a")!.GetAttribute("href"));

        var lower = await client.GetAsync("/stocks/infy/dcf?g=4", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, lower.StatusCode);
        Assert.Equal("/stocks/INFY/dcf?g=4", lower.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/stocks/NOSUCH/dcf", Ct)).StatusCode);
    }

    internal static DcfInputs InfyInputs(decimal beta) => new(
        153670m,
        [.. Enumerable.Repeat(new ForecastYear(InfyGrowth, InfyMargin, InfyTax), 5)],
        new ReinvestmentRule.SalesToCapital(InfyStc),
        new CapitalInputs(0.07m, beta, 0.06m, 0.09m, InfyTax, 0m),
        new TerminalRule.GordonGrowth(0.05m),
        new EquityBridge(0m, InfyCash, InfyMinority),
        InfyShares,
        MidYear: false,
        MarketPrice: InfyPrice);

    /// <summary>OLS beta of INFY's simple daily returns on the NIFTY 50's, 1 Jan 2023 – 31 Dec 2024, straight from the CSV files.</summary>
    internal static (double Beta, int Returns, DateOnly First, DateOnly Last) InfyBeta()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "nifty50-ohlcv");
        var from = new DateOnly(2023, 1, 1);
        var to = new DateOnly(2024, 12, 31);
        var index = File.ReadLines(Path.Combine(folder, "nifty50_index_daily_2007-09_2024-12.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (Date: DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), Close: decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .Where(r => r.Date >= from && r.Date <= to)
            .ToDictionary(r => r.Date, r => r.Close);
        var pairs = File.ReadLines(Path.Combine(folder, "nifty50_constituents_daily_2020-10_2025-09.csv")).Skip(1)
            .Where(l => l.StartsWith("INFY,", StringComparison.Ordinal))
            .Select(l => l.Split(','))
            .Select(f => (Date: DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), Close: decimal.Parse(f[5], CultureInfo.InvariantCulture)))
            .Where(r => index.ContainsKey(r.Date))
            .OrderBy(r => r.Date)
            .ToList();
        var rs = pairs.Zip(pairs.Skip(1), (a, b) => (double)(b.Close / a.Close) - 1).ToList();
        var rm = pairs.Zip(pairs.Skip(1), (a, b) => (double)(index[b.Date] / index[a.Date]) - 1).ToList();
        var (ms, mm) = (rs.Average(), rm.Average());
        var cov = rs.Zip(rm, (s, m) => (s - ms) * (m - mm)).Sum();
        var var = rm.Sum(m => (m - mm) * (m - mm));
        return (cov / var, rs.Count, pairs[0].Date, pairs[^1].Date);
    }

    private static decimal Round3(decimal value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    private static string Pct(decimal fraction) => Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Value(IDocument doc, string key) => doc.QuerySelector($"#f-{key}")!.GetAttribute("value")!;

    private static string Hint(IDocument doc, string key) => doc.QuerySelector($"#f-{key}-hint")!.TextContent;
}
