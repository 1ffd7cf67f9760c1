using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StockVision.Engines.Backtesting;
using StockVision.Engines.Charting;
using StockVision.Engines.Text;
using StockVision.Features.Shared;
using StockVision.Infrastructure;

namespace StockVision.Features.Backtest;

/// <summary>
/// /backtest: a plain GET form, so a backtest is a link that reruns it. Rules are the screener's language over price
/// series; the run fills at next opens with Indian delivery charges. Bad input answers 400 with the field and reason.
/// Runs are synchronous and bounded (at most <see cref="MaxSymbols"/> symbols of daily bars, well under a second) and
/// stop when the browser goes away.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(BacktestQueries queries) : FormPageModel
{
    public const int MaxSymbols = 50;
    public const int MaxTradesShown = 200;

    [BindProperty(SupportsGet = true, Name = "symbols")] public string? Symbols { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "entry")] public string? Entry { get; set; }
    [BindProperty(SupportsGet = true, Name = "exit")] public string? Exit { get; set; }
    [BindProperty(SupportsGet = true, Name = "capital")] public string? Capital { get; set; }
    [BindProperty(SupportsGet = true, Name = "brokerage")] public string? Brokerage { get; set; }
    [BindProperty(SupportsGet = true, Name = "slippage")] public string? Slippage { get; set; }

    public PriceCoverage? Coverage { get; private set; }
    public BacktestResult? Result { get; private set; }
    public string? RunId { get; private set; }
    public BacktestMetrics? BenchmarkMetrics { get; private set; }
    public LineChartLayout? Chart { get; private set; }
    public IReadOnlyList<EquityPoint> Benchmark { get; private set; } = [];
    public string? BenchmarkNote { get; private set; }

    public bool Submitted => Entry is not null || Exit is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Coverage = await queries.CoverageAsync(ct);
        Symbols ??= "RELIANCE, TCS, INFY, HDFCBANK, ICICIBANK";
        From ??= "2021-01-01";
        To ??= IndianFormat.IsoDate(Coverage.LastIndexSession ?? Coverage.LastSession);
        Capital ??= "1000000";
        Brokerage ??= "0";
        Slippage ??= "5";
        if (!Submitted)
        {
            Entry = "Close > SMA 50 AND SMA 50 > SMA 200";
            Exit = "Close < SMA 50";
            return Page();
        }

        var symbols = await ParseSymbolsAsync(ct);
        var from = ParseDate("from", From, "Start date");
        var to = ParseDate("to", To, "End date");
        if (from is { } f && to is { } t && f >= t)
        {
            AddError("to", "The end date must be after the start date.");
        }
        var capital = ParseNumber("capital", Capital, "Capital", 10_000m, 1_000_000_000m);
        var brokerage = ParseNumber("brokerage", Brokerage, "Brokerage", 0m, 2.5m);
        var slippage = ParseNumber("slippage", Slippage, "Slippage", 0m, 500m);
        if (HasErrors)
        {
            return Invalid();
        }

        var bars = await queries.BarsAsync(symbols, from!.Value, to!.Value, ct);
        if (bars.Count == 0)
        {
            FormError = $"None of these stocks has prices between {IndianFormat.Date(from.Value)} and {IndianFormat.Date(to.Value)}; StockVision's prices run from {IndianFormat.Date(Coverage.FirstSession)} to {IndianFormat.Date(Coverage.LastSession)}.";
            return Invalid();
        }
        // Rules are checked against one stock's bars: names and syntax do not depend on which.
        var sample = bars.First().Value;
        var (_, error, inExit) = RuleCompiler.Strategy(Entry, Exit, sample);
        if (error is not null)
        {
            AddError(inExit ? "exit" : "entry", error.ToString());
            return Invalid();
        }

        var costs = new TradingCosts(BrokerageRate: brokerage!.Value / 100, SlippageBasisPoints: slippage!.Value);
        var config = new BacktestConfig(symbols, from.Value, to.Value, capital!.Value, costs, $"entry: {Entry!.Trim()}\nexit: {Exit!.Trim()}");
        RunId = config.RunId(Coverage.DataVersion);
        Result = RunEach(config, bars, Entry, Exit, ct);

        var index = await queries.IndexAsync(from.Value, to.Value, ct);
        var dates = Result.Equity.Select(p => p.Date).ToList();
        if (index.Count > 0 && dates.Count > 0 && index[0].Date <= dates[0] && index[^1].Date >= dates[^1])
        {
            var byDate = index.ToDictionary(i => i.Date, i => i.Close);
            var aligned = new List<(DateOnly, decimal)>();
            var last = index[0].Close;
            foreach (var d in dates)
            {
                last = byDate.GetValueOrDefault(d, last);
                aligned.Add((d, last));
            }
            Benchmark = Backtester.Benchmark(aligned, capital.Value);
            BenchmarkMetrics = Backtester.Measure(Benchmark, [], config.RiskFreeRate);
        }
        else
        {
            BenchmarkNote = $"NIFTY 50 history in StockVision ends on {(Coverage.LastIndexSession is { } li ? IndianFormat.Date(li) : "—")}, so there is no index comparison for a test that runs past it.";
        }
        if (Result.Equity.Count > 0)
        {
            Chart = LineChart.Layout(Result.Equity.Select(p => new PricePoint(p.Date, p.Equity)).ToList(), new ChartSize(),
                benchmark: Benchmark.Count == Result.Equity.Count ? Benchmark.Select(b => b.Equity).ToList() : null);
        }
        return Page();
    }

    /// <summary>Each symbol's rules compile against that symbol's own bars, since indicator values are per series.</summary>
    private static BacktestResult RunEach(BacktestConfig config, IReadOnlyDictionary<string, IReadOnlyList<BacktestBar>> bars, string entry, string exit,
        CancellationToken ct)
    {
        var none = new Strategy("no prices", _ => false, _ => false);
        var strategies = bars.ToDictionary(b => b.Key, b => RuleCompiler.Strategy(entry, exit, b.Value).Strategy!);
        return Backtester.Run(config, bars, symbol => strategies.GetValueOrDefault(symbol, none), ct);
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<List<string>> ParseSymbolsAsync(CancellationToken ct)
    {
        var known = await queries.SymbolsAsync(ct);
        var wanted = (Symbols ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant()).Distinct().ToList();
        if (wanted.Count == 0)
        {
            AddError("symbols", "Name at least one stock, for example RELIANCE.");
            return [];
        }
        if (wanted.Count > MaxSymbols)
        {
            AddError("symbols", $"A backtest takes at most {MaxSymbols} stocks; this one names {wanted.Count}.");
            return [];
        }
        var unknown = wanted.Where(w => !known.Contains(w)).ToList();
        if (unknown.Count > 0)
        {
            var hints = unknown.Select(u => Similarity.Suggest(u, known.Select(k => new Candidate(k, k)), 1) is [var c] ? $"“{u}” (did you mean {c.Symbol}?)" : $"“{u}”");
            AddError("symbols", $"StockVision has no daily prices for {string.Join(", ", hints)}.");
        }
        return wanted;
    }

    private DateOnly? ParseDate(string field, string? text, string label)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        AddError(field, $"{label} must be a date like 2021-01-31.");
        return null;
    }

    private decimal? ParseNumber(string field, string? text, string label, decimal min, decimal max)
    {
        var cleaned = (text ?? "").Replace(",", "", StringComparison.Ordinal).Replace("₹", "", StringComparison.Ordinal).Trim();
        if (decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        AddError(field, $"{label} must be a number from {IndianFormat.Number(min, 0)} to {IndianFormat.Number(max, 0)}.");
        return null;
    }
}
