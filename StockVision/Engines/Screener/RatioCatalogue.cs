using StockVision.Engines.Indicators;

namespace StockVision.Engines.Screener;

/// <summary>
/// Every ratio a screen can name, with its formula in words. Amounts come from the company's consolidated statements
/// where it files them (standalone otherwise); "last year" is the latest fiscal year in the filings, "TTM" the latest
/// four quarters. Percentages are in percent (22 = 22 %). A ratio whose inputs were not filed has no value: it is
/// never treated as zero.
/// </summary>
public sealed class RatioCatalogue
{
    public static RatioCatalogue Default { get; } = new(Build());

    private readonly Dictionary<string, int> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);

    public RatioCatalogue(IReadOnlyList<RatioDefinition> ratios)
    {
        Ratios = ratios;
        for (var i = 0; i < ratios.Count; i++)
        {
            if (!byKey.TryAdd(ratios[i].Key, i))
            {
                throw new ArgumentException($"Two ratios share the key {ratios[i].Key}.", nameof(ratios));
            }
            foreach (var name in ratios[i].AllNames)
            {
                if (!byName.TryAdd(RatioNames.Normalize(name), i))
                {
                    throw new ArgumentException($"\"{name}\" names two ratios.", nameof(ratios));
                }
            }
        }
        NormalizedNames = byName.Select(kv => (kv.Key, kv.Value)).ToList();
    }

    public IReadOnlyList<RatioDefinition> Ratios { get; }

    /// <summary>Every name and alias in its normalised form, with the index of the ratio it names.</summary>
    public IReadOnlyList<(string Name, int Index)> NormalizedNames { get; }

    public int Count => Ratios.Count;

    public int? IndexOfName(string name) => byName.TryGetValue(RatioNames.Normalize(name), out var i) ? i : null;

    public int? IndexOfKey(string key) => byKey.TryGetValue(key, out var i) ? i : null;

    public RatioDefinition this[int index] => Ratios[index];

    public RatioDefinition? ByKey(string key) => IndexOfKey(key) is { } i ? Ratios[i] : null;

    private const string Price = "Price";
    private const string Valuation = "Valuation";
    private const string Income = "Income statement";
    private const string Returns = "Returns on capital";
    private const string Balance = "Balance sheet";
    private const string Cash = "Cash flow";
    private const string Technical = "Price performance and technicals";
    private const string Banking = "Banks and NBFCs";

    private static List<RatioDefinition> Build()
    {
        var list = new List<RatioDefinition>
        {
            new("current_price", "Current price", ["CMP", "Price", "Last price"], RatioUnit.RupeesPerShare, Price,
                "Closing price of the latest session in StockVision's daily prices", "Latest session",
                c => c.LastPrice?.Close),
            new("high_price", "High price", ["Year high", "High 52 weeks"], RatioUnit.RupeesPerShare, Price,
                "Highest price of the 52 weeks up to the latest session", "52 weeks",
                c => YearRange(c, high: true)),
            new("low_price", "Low price", ["Year low", "Low 52 weeks"], RatioUnit.RupeesPerShare, Price,
                "Lowest price of the 52 weeks up to the latest session", "52 weeks",
                c => YearRange(c, high: false)),
            new("market_cap", "Market capitalization", ["Market cap", "Market capitalisation", "Mcap"], RatioUnit.Crore, Valuation,
                "Current price × shares outstanding (paid-up capital ÷ face value, from the latest filing) ÷ 1 crore", "Latest session",
                c => c.MarketCap),
            new("pe", "Price to earning", ["PE", "Price to earnings", "PE ratio"], RatioUnit.Times, Valuation,
                "Current price ÷ EPS over the trailing twelve months (basic EPS of the latest four quarters); none when EPS is not positive", "Price: latest session; EPS: TTM",
                c => c.LastPrice is { } p && c.Ttm(q => q.BasicEps) is > 0 and var eps ? p.Close / eps : null),
            new("industry_pe", "Industry PE", ["Industry price to earning", "Industry median PE"], RatioUnit.Times, Valuation,
                "Median price to earning of the companies in the same industry that have one", "As price to earning",
                _ => null, IndustryMedianOf: "pe"),
            new("book_value", "Book value", ["Book value per share", "BVPS"], RatioUnit.RupeesPerShare, Valuation,
                "Equity attributable to owners (banks: capital + reserves) on the latest balance sheet × 1 crore ÷ shares outstanding", "Latest balance sheet",
                c => c.LatestBalance?.OwnersEquity is { } e && c.Shares is { } s ? e * RatioContext.Crore / s : null),
            new("pb", "Price to book value", ["PB", "Price to book", "PBV"], RatioUnit.Times, Valuation,
                "Current price ÷ book value per share; none when book value is not positive", "Latest session and balance sheet",
                c => c.LastPrice is { } p && c.LatestBalance?.OwnersEquity is > 0 and var e && c.Shares is { } s ? p.Close / (e * RatioContext.Crore / s) : null),
            new("enterprise_value", "Enterprise value", ["EV"], RatioUnit.Crore, Valuation,
                "Market capitalization + borrowings (current and non-current) − cash and cash equivalents, from the latest balance sheet; not for banks", "Latest session and balance sheet",
                EnterpriseValue),
            new("ev_ebitda", "EV to EBITDA", ["Enterprise value to EBITDA", "EV EBITDA"], RatioUnit.Times, Valuation,
                "Enterprise value ÷ operating profit (EBITDA) over the trailing twelve months; none when EBITDA is not positive", "TTM",
                c => EnterpriseValue(c) is { } ev && c.Ttm(q => q.OperatingProfit) is > 0 and var ebitda ? ev / ebitda : null),
            new("dividend_yield", "Dividend yield", ["Yield"], RatioUnit.Percent, Valuation,
                "Dividends paid in the last fiscal year (cash-flow statement) ÷ market capitalization × 100", "Last fiscal year",
                c => c.LastYear?.DividendsPaid is { } d && c.MarketCap is > 0 and var m ? d / m * 100 : null),
            new("fcf_yield", "FCF yield", ["Free cash flow yield"], RatioUnit.Percent, Valuation,
                "Free cash flow of the last fiscal year ÷ market capitalization × 100", "Last fiscal year",
                c => c.LastYear?.FreeCashFlow is { } f && c.MarketCap is > 0 and var m ? f / m * 100 : null),
        };

        list.AddRange(Flow("sales", "Sales", ["Revenue", "Revenue from operations"], RatioUnit.Crore,
            "Revenue from operations (total income when a company files no revenue figure; banks: total income, i.e. interest earned + other income)", p => p.Sales));
        list.AddRange(Flow("operating_profit", "Operating profit", ["EBITDA"], RatioUnit.Crore,
            "Revenue − (total expenses − finance costs − depreciation); banks: operating profit before provisions", p => p.OperatingProfit));
        list.AddRange(Flow("net_profit", "Net profit", ["Profit after tax", "PAT"], RatioUnit.Crore,
            "Net profit attributable to the owners of the company", p => p.OwnersProfit));
        list.AddRange(Flow("eps", "EPS", ["Earnings per share"], RatioUnit.RupeesPerShare,
            "Basic earnings per share as filed", p => p.BasicEps));

        list.AddRange(Yearly("opm", "OPM", ["Operating profit margin"], Income,
            "Operating profit ÷ sales × 100", (_, y) => Margin(y.OperatingProfit, y.Sales), quarters: true));
        list.AddRange(Yearly("npm", "NPM", ["Net profit margin"], Income,
            "Net profit ÷ sales × 100", (_, y) => Margin(y.OwnersProfit, y.Sales), quarters: true));
        list.AddRange(Yearly("roe", "Return on equity", ["ROE"], Returns,
            "Net profit of the year ÷ average equity attributable to owners (opening and closing balance sheets; closing alone when the opening one was not filed) × 100",
            (c, y) => c.AverageOverYear(y.PeriodEnd, b => b.OwnersEquity) is > 0 and var e && y.OwnersProfit is { } p ? p / e * 100 : null));
        list.AddRange(Yearly("roce", "Return on capital employed", ["ROCE"], Returns,
            "EBIT (profit before tax + finance costs) ÷ average capital employed (total equity + borrowings) × 100; not for banks",
            (c, y) => y.IsBank ? null : c.AverageOverYear(y.PeriodEnd, CapitalEmployed) is > 0 and var ce && y.Ebit is { } ebit ? ebit / ce * 100 : null));
        list.AddRange(Yearly("roa", "Return on assets", ["ROA"], Returns,
            "Net profit of the year ÷ average total assets × 100",
            (c, y) => c.AverageOverYear(y.PeriodEnd, b => b.TotalAssets) is > 0 and var a && y.OwnersProfit is { } p ? p / a * 100 : null,
            averages: false));
        list.AddRange(Yearly("dividend_payout", "Dividend payout", ["Dividend payout ratio", "Payout ratio"], Cash,
            "Dividends paid (cash-flow statement) ÷ net profit × 100; none when profit is not positive",
            (_, y) => y.DividendsPaid is { } d && y.OwnersProfit is > 0 and var p ? d / p * 100 : null));

        list.AddRange(
        [
            new("debt", "Debt", ["Borrowings", "Total debt"], RatioUnit.Crore, Balance,
                "Borrowings, current + non-current, on the latest balance sheet; not for banks", "Latest balance sheet",
                c => c.LastYear?.IsBank == true ? null : c.LatestBalance?.Borrowings),
            new("net_worth", "Net worth", ["Shareholders equity"], RatioUnit.Crore, Balance,
                "Equity attributable to owners (banks: capital + reserves) on the latest balance sheet", "Latest balance sheet",
                c => c.LatestBalance?.OwnersEquity),
            new("debt_to_equity", "Debt to equity", ["DE", "Debt equity"], RatioUnit.Times, Balance,
                "Borrowings ÷ total equity on the latest balance sheet; not for banks", "Latest balance sheet",
                c => c.LastYear?.IsBank == true ? null : c.LatestBalance is { Borrowings: { } d, Equity: > 0 and var e } ? d / e : null),
            new("current_ratio", "Current ratio", [], RatioUnit.Times, Balance,
                "Current assets ÷ current liabilities on the latest balance sheet", "Latest balance sheet",
                c => c.LatestBalance is { CurrentAssets: { } a, CurrentLiabilities: > 0 and var l } ? a / l : null),
            new("interest_coverage", "Interest coverage", ["Interest coverage ratio", "ICR"], RatioUnit.Times, Balance,
                "EBIT (profit before tax + finance costs) ÷ finance costs of the last fiscal year; none without finance costs or for banks", "Last fiscal year",
                c => c.LastYear is { IsBank: false, Ebit: { } ebit, FinanceCosts: > 0 and var f } ? ebit / f : null),
        ]);

        list.AddRange(Yearly("free_cash_flow", "Free cash flow", ["FCF"], Cash,
            "Cash from operations − purchase of property, plant and equipment − purchase of intangibles", (_, y) => y.FreeCashFlow,
            unit: RatioUnit.Crore));
        list.AddRange(Yearly("cash_from_operations", "Cash from operations", ["CFO", "Operating cash flow"], Cash,
            "Net cash from operating activities as filed", (_, y) => y.CashFromOperations, unit: RatioUnit.Crore, averages: false));

        list.AddRange(
        [
            Return("return_1m", 1, months: true),
            Return("return_3m", 3, months: true),
            Return("return_6m", 6, months: true),
            Return("return_1y", 1, months: false),
            Return("return_3y", 3, months: false),
            new("dma_50", "DMA 50", ["50 day moving average", "Moving average 50"], RatioUnit.RupeesPerShare, Technical,
                "Simple average of the last 50 closes", "Last 50 sessions", c => MovingAverage(c, 50)),
            new("dma_200", "DMA 200", ["200 day moving average", "Moving average 200"], RatioUnit.RupeesPerShare, Technical,
                "Simple average of the last 200 closes", "Last 200 sessions", c => MovingAverage(c, 200)),
            new("rsi", "RSI", ["RSI 14", "Relative strength index"], RatioUnit.Index, Technical,
                "Wilder's relative strength index over 14 sessions: 100 − 100 ÷ (1 + average gain ÷ average loss), averages smoothed with 1/14", "Last session",
                c => Rsi(c.Closes, 14) is { } r ? (decimal)r : null),

            new("net_interest_income", "Net interest income", ["NII"], RatioUnit.Crore, Banking,
                "Interest earned − interest expended (banks) or − finance costs (NBFCs), last fiscal year", "Last fiscal year",
                c => c.LastYear?.NetInterestIncome),
            new("net_interest_margin", "Net interest margin", ["NIM"], RatioUnit.Percent, Banking,
                "Net interest income of the last fiscal year ÷ average earning assets (advances + investments) × 100 — an approximation: banks' own NIM averages daily balances", "Last fiscal year",
                c => c.LastYear is { } y && y.NetInterestIncome is { } nii && c.AverageOverYear(y.PeriodEnd, b => b.EarningAssets) is > 0 and var assets ? nii / assets * 100 : null),
            new("gross_npa", "Gross NPA", ["GNPA", "Gross NPA ratio"], RatioUnit.Percent, Banking,
                "Gross non-performing assets as a share of gross advances, as filed (from the bank's standalone results: its consolidated results leave it at 0)", "Latest quarter",
                c => AsFiledPercent(c, q => q.GrossNpaRatio)),
            new("net_npa", "Net NPA", ["NNPA", "Net NPA ratio"], RatioUnit.Percent, Banking,
                "Net non-performing assets as a share of net advances, as filed (from the bank's standalone results: its consolidated results leave it at 0)", "Latest quarter",
                c => AsFiledPercent(c, q => q.NetNpaRatio)),
            new("cet1", "CET1 ratio", ["CET1", "Common equity tier 1"], RatioUnit.Percent, Banking,
                "Common equity tier 1 capital ratio, as filed (from the bank's standalone results: its consolidated results leave it at 0)", "Latest quarter",
                c => AsFiledPercent(c, q => q.Cet1Ratio)),
        ]);
        return list;
    }

    /// <summary>An amount from the income statement, over TTM, either of the last two years or quarters, and its growth.</summary>
    private static IEnumerable<RatioDefinition> Flow(string key, string name, string[] aliases, RatioUnit unit, string what, Func<ResultPeriod, decimal?> metric)
    {
        RatioDefinition Make(string suffixKey, string suffix, RatioUnit u, string formula, string period, Func<RatioContext, decimal?> compute) =>
            new(key + suffixKey, name + suffix, aliases.Select(a => a + suffix).ToList(), u, Income, formula, period, compute);

        yield return Make("", "", unit, what + ", summed over the latest four quarters", "TTM", c => c.Ttm(metric));
        yield return Make("_last_year", " last year", unit, what, "Last fiscal year", c => c.LastYear is { } y ? metric(y) : null);
        yield return Make("_preceding_year", " preceding year", unit, what, "Fiscal year before the last", c => c.YearsBack(1) is { } y ? metric(y) : null);
        yield return Make("_latest_quarter", " latest quarter", unit, what, "Latest quarter", c => c.LatestQuarter is { } q ? metric(q) : null);
        yield return Make("_preceding_quarter", " preceding quarter", unit, what, "Quarter before the latest", c => c.QuartersBack(1) is { } q ? metric(q) : null);
        yield return Make("_quarterly_growth", " quarterly growth", RatioUnit.Percent,
            "Latest quarter over the same quarter a year earlier, % change; none when the earlier figure is not positive", "Latest quarter, year on year",
            c => Growth(c.LatestQuarter is { } q ? metric(q) : null, c.QuartersBack(4) is { } b ? metric(b) : null));
        yield return Make("_growth", " growth", RatioUnit.Percent,
            "Last fiscal year over the year before, % change; none when the earlier figure is not positive", "Last fiscal year",
            c => Growth(c.LastYear is { } y ? metric(y) : null, c.YearsBack(1) is { } b ? metric(b) : null));
        foreach (var years in new[] { 3, 5 })
        {
            yield return Make($"_growth_{years}y", $" growth {years}Years", RatioUnit.Percent,
                $"Compound annual growth rate over {years} fiscal years: (last ÷ {years} years earlier)^(1/{years}) − 1; none unless both are positive",
                $"{years} fiscal years to the last",
                c => Cagr(c.LastYear is { } y ? metric(y) : null, c.YearsBack(years) is { } b ? metric(b) : null, years));
        }
    }

    /// <summary>A ratio of one fiscal year: the last year, the year before, 3- and 5-year averages, and optionally quarters.</summary>
    private static IEnumerable<RatioDefinition> Yearly(string key, string name, string[] aliases, string category, string formula,
        Func<RatioContext, ResultPeriod, decimal?> forPeriod, bool quarters = false, bool averages = true, RatioUnit unit = RatioUnit.Percent)
    {
        yield return new(key, name, aliases.Prepend(name).Select(a => a + " last year").Concat(aliases).ToList(), unit, category, formula, "Last fiscal year",
            c => c.LastYear is { } y ? forPeriod(c, y) : null);
        yield return new(key + "_preceding_year", name + " preceding year", aliases.Select(a => a + " preceding year").ToList(), unit, category, formula,
            "Fiscal year before the last", c => c.YearsBack(1) is { } y ? forPeriod(c, y) : null);
        if (quarters)
        {
            yield return new(key + "_latest_quarter", name + " latest quarter", aliases.Select(a => a + " latest quarter").ToList(), unit, category, formula,
                "Latest quarter", c => c.LatestQuarter is { } q ? forPeriod(c, q) : null);
            yield return new(key + "_preceding_quarter", name + " preceding quarter", aliases.Select(a => a + " preceding quarter").ToList(), unit, category, formula,
                "Quarter before the latest", c => c.QuartersBack(1) is { } q ? forPeriod(c, q) : null);
        }
        if (!averages)
        {
            yield break;
        }
        foreach (var years in new[] { 3, 5 })
        {
            var lowered = char.IsLower(name.Length > 1 ? name[1] : 'A') ? char.ToLowerInvariant(name[0]) + name[1..] : name;
            yield return new($"{key}_average_{years}y", $"Average {lowered} {years}Years", aliases.Select(a => $"Average {a} {years}Years").ToList(), unit, category,
                $"Mean over the last {years} fiscal years of: {formula}; none unless every year has a value", $"{years} fiscal years to the last",
                c => Average(c, years, forPeriod));
        }
    }

    private static RatioDefinition Return(string key, int count, bool months)
    {
        var unitWord = months ? (count == 1 ? "month" : "months") : (count == 1 ? "year" : "years");
        var name = $"Return over {count}{unitWord}";
        var formula = !months && count > 1
            ? $"Compound annual price return over {count} years: (current price ÷ close {count} years earlier)^(1/{count}) − 1"
            : $"Price change over {count} {unitWord}: current price ÷ close {count} {unitWord} earlier − 1";
        return new(key, name, [$"Return {count}{unitWord}", $"Returns over {count}{unitWord}"], RatioUnit.Percent, Technical, formula,
            $"{count} {unitWord} to the latest session", c =>
            {
                if (c.LastPrice is not { } last)
                {
                    return null;
                }
                var from = months ? last.Date.AddMonths(-count) : last.Date.AddYears(-count);
                if (c.Facts.Prices[0].Date > from || c.CloseOnOrBefore(from) is not { } start || start <= 0)
                {
                    return null;
                }
                return months || count == 1 ? Growth(last.Close, start) : Cagr(last.Close, start, count);
            });
    }

    private static decimal? EnterpriseValue(RatioContext c) =>
        c.LastYear?.IsBank == true ? null
        : c.MarketCap is { } m && c.LatestBalance is { Borrowings: { } debt } b ? m + debt - (b.Cash ?? 0) : null;

    private static decimal? CapitalEmployed(BalanceSheet b) => b.Equity is { } e ? e + (b.Borrowings ?? 0) : null;

    private static decimal? Margin(decimal? part, decimal? whole) => part is { } p && whole is > 0 and var w ? p / w * 100 : null;

    internal static decimal? Growth(decimal? end, decimal? start) => end is { } e && start is > 0 and var s ? (e / s - 1) * 100 : null;

    internal static decimal? Cagr(decimal? end, decimal? start, int years) =>
        end is > 0 and var e && start is > 0 and var s ? (decimal)((Math.Pow((double)(e / s), 1.0 / years) - 1) * 100) : null;

    private static decimal? Average(RatioContext c, int years, Func<RatioContext, ResultPeriod, decimal?> forPeriod)
    {
        decimal sum = 0;
        for (var back = 0; back < years; back++)
        {
            if (c.YearsBack(back) is not { } y || forPeriod(c, y) is not { } v)
            {
                return null;
            }
            sum += v;
        }
        return sum / years;
    }

    private static decimal? YearRange(RatioContext c, bool high)
    {
        if (c.LastPrice is not { } last)
        {
            return null;
        }
        var from = last.Date.AddYears(-1);
        var window = c.Facts.Prices.Where(p => p.Date > from);
        return high ? window.Max(p => p.High) : window.Min(p => p.Low);
    }

    private static decimal? MovingAverage(RatioContext c, int sessions)
    {
        var prices = c.Facts.Prices;
        if (prices.Count < sessions)
        {
            return null;
        }
        decimal sum = 0;
        for (var i = prices.Count - sessions; i < prices.Count; i++)
        {
            sum += prices[i].Close;
        }
        return sum / sessions;
    }

    /// <summary>Wilder's RSI of the last close, from the indicators engine so the formula exists once.</summary>
    internal static double? Rsi(IReadOnlyList<double> closes, int period) =>
        closes.Count > period ? Indicator.Rsi(closes as double[] ?? [.. closes], period)[^1] : null;

    /// <summary>Bank ratios are filed as fractions; a consolidated bank filing reports 0 where it does not state them.</summary>
    private static decimal? AsFiledPercent(RatioContext c, Func<ResultPeriod, decimal?> ratio) =>
        c.LatestQuarter is { } q && ratio(q) is { } v && v != 0 ? v * 100 : null;
}
