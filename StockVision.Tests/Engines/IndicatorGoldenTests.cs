using System.Globalization;
using System.Text.Json;
using StockVision.Engines.Indicators;

namespace StockVision.Tests.Engines;

/// <summary>
/// The indicators against Skender.Stock.Indicators' published values for SPY 2017–2018: every bar and field of its
/// regression baselines, and every assertion of its unit tests (Data/indicators-golden/SOURCE.md).
/// </summary>
public class IndicatorGoldenTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "indicators-golden");

    private static readonly Lazy<Bar[]> Quotes = new(() =>
        [.. File.ReadLines(Path.Combine(Folder, "quotes_default.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new Bar(
                DateOnly.Parse(f[0], CultureInfo.InvariantCulture),
                double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture)))
            .OrderBy(b => b.Date)]);

    /// <summary>One row per (indicator, parameters, field) of baseline_series.csv.</summary>
    public static TheoryData<string, string, string> BaselineSeries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var key in ReadCsv("baseline_series.csv").Select(r => (r["function"], r["params_json"], r["field"])).Distinct())
        {
            data.Add(key.Item1, key.Item2, key.Item3);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BaselineSeries))]
    public void Every_bar_of_the_published_baseline_matches_within_one_part_in_a_million(string function, string parameters, string field)
    {
        var expected = ReadCsv("baseline_series.csv")
            .Where(r => r["function"] == function && r["params_json"] == parameters && r["field"] == field)
            .ToDictionary(r => int.Parse(r["bar_index"], CultureInfo.InvariantCulture), r => double.Parse(r["value"], CultureInfo.InvariantCulture));
        var actual = Compute(function, parameters, field);

        Assert.Equal(502, actual.Length);
        Assert.True(expected.Count > 450, $"only {expected.Count} baseline rows");
        for (var i = 0; i < actual.Length; i++)
        {
            if (expected.TryGetValue(i, out var value))
            {
                Assert.True(Math.Abs(actual[i] - value) <= 1e-6 * Math.Abs(value),
                    $"{function} {field} bar {i} ({Quotes.Value[i].Date}): expected {value:R}, got {actual[i]:R}");
            }
            else
            {
                // The baseline leaves out the bars where the library returns null: those are our warm-up NaNs.
                Assert.True(double.IsNaN(actual[i]), $"{function} {field} bar {i}: expected no value, got {actual[i]:R}");
            }
        }
    }

    public static TheoryData<string, string, int, string, string, string, string> Assertions()
    {
        var data = new TheoryData<string, string, int, string, string, string, string>();
        foreach (var r in ReadCsv("expected_assertions.csv"))
        {
            data.Add(r["function"], r["params_json"], int.Parse(r["bar_index"], CultureInfo.InvariantCulture), r["field"], r["assertion"], r["expected"], r["tolerance"]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Assertions))]
    public void Every_assertion_of_the_library_unit_tests_holds(string function, string parameters, int bar, string field, string assertion, string expected, string tolerance)
    {
        var actual = Compute(function, parameters, field)[bar];
        switch (assertion)
        {
            case "null":
                Assert.True(double.IsNaN(actual), $"expected no value, got {actual:R}");
                break;
            case "not_null":
                Assert.False(double.IsNaN(actual));
                break;
            case "exact":
                Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), actual);
                break;
            case "approx":
                var value = double.Parse(expected, CultureInfo.InvariantCulture);
                var within = double.Parse(tolerance, CultureInfo.InvariantCulture);
                Assert.InRange(actual, value - within, value + within);
                break;
            default:
                Assert.Fail($"unknown assertion {assertion}");
                break;
        }
    }

    [Fact]
    public void The_golden_files_cover_every_case_the_source_describes()
    {
        // SOURCE.md: 54 unit-test cases and 6,735 baseline values.
        Assert.Equal(54, ReadCsv("expected_assertions.csv").Count);
        Assert.Equal(6_735, ReadCsv("baseline_series.csv").Count);
    }

    private static double[] Compute(string function, string parametersJson, string field)
    {
        using var json = JsonDocument.Parse(parametersJson);
        var p = json.RootElement;
        int Int(string name) => p.GetProperty(name).GetInt32();
        var part = p.TryGetProperty("candlePart", out var c) ? c.GetString() : "Close";
        var values = Quotes.Value.Select(b => part switch
        {
            "Open" => b.Open,
            "Volume" => b.Volume,
            "Close" => b.Close,
            _ => throw new InvalidOperationException($"candle part {part}"),
        }).ToArray();

        return (function, field) switch
        {
            ("ToSma", "Sma") => Indicator.Sma(values, Int("lookbackPeriods")),
            ("ToEma", "Ema") => Indicator.Ema(values, Int("lookbackPeriods")),
            ("ToRsi", "Rsi") => Indicator.Rsi(values, Int("lookbackPeriods")),
            ("ToMacd", _) => Field(Indicator.Macd(values, Int("fastPeriods"), Int("slowPeriods"), Int("signalPeriods")), field),
            ("ToBollingerBands", _) => Field(Indicator.Bollinger(values, Int("lookbackPeriods"), p.GetProperty("standardDeviations").GetDouble()), field),
            _ => throw new InvalidOperationException($"{function}.{field} has no counterpart"),
        };
    }

    private static double[] Field(MacdSeries m, string field) => field switch
    {
        "Macd" => m.Macd,
        "Signal" => m.Signal,
        "Histogram" => m.Histogram,
        "FastEma" => m.FastEma,
        "SlowEma" => m.SlowEma,
        _ => throw new InvalidOperationException(field),
    };

    private static double[] Field(BollingerSeries b, string field) => field switch
    {
        "Sma" => b.Middle,
        "UpperBand" => b.Upper,
        "LowerBand" => b.Lower,
        "PercentB" => b.PercentB,
        "ZScore" => b.ZScore,
        "Width" => b.Width,
        _ => throw new InvalidOperationException(field),
    };

    private static readonly Dictionary<string, List<Dictionary<string, string>>> Csvs = [];

    /// <summary>Rows keyed by header; quoted fields (the JSON parameters) may hold commas and doubled quotes.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string file)
    {
        lock (Csvs)
        {
            if (Csvs.TryGetValue(file, out var cached))
            {
                return cached;
            }
            var lines = File.ReadAllLines(Path.Combine(Folder, file));
            var header = SplitCsv(lines[0]);
            var rows = lines.Skip(1).Where(l => l.Length > 0)
                .Select(l => SplitCsv(l).Select((v, i) => (header[i], v)).ToDictionary(x => x.Item1, x => x.v))
                .ToList();
            Csvs[file] = rows;
            return rows;
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }
}
