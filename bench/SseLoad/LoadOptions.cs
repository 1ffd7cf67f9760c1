using System.Globalization;

namespace SseLoad;

internal sealed record LoadOptions(
    Uri Url,
    int Connections,
    int SymbolsPerConnection,
    int RampSeconds,
    int WarmupSeconds,
    int MeasureSeconds,
    string? SymbolList,
    int? ServerPid,
    ulong Seed)
{
    public const string Usage = """
        usage: SseLoad [--url http://127.0.0.1:5091] [--connections 10000] [--symbols-per-connection 5]
                       [--ramp-seconds 20] [--warmup-seconds 5] [--measure-seconds 60]
                       [--symbol-list FILE|A,B,C] [--server-pid PID] [--seed 1]
          --url          the app's base URL, or the stream's URL (default path /stream/quotes)
          --symbol-list  a file with one symbol per line or a CSV whose first column is "symbol",
                         or a comma-separated list (default: StockVision/Data/nifty50-ohlcv/constituents.csv)
          --server-pid   samples the server's VmRSS/VmHWM and CPU time from /proc/PID
        """;

    private const string DefaultSymbolFile = "StockVision/Data/nifty50-ohlcv/constituents.csv";

    public static LoadOptions? Parse(string[] args, out string? error)
    {
        var o = new LoadOptions(new Uri("http://127.0.0.1:5091"), 10_000, 5, 20, 5, 60, null, null, 1);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null || args[i] is "-h" or "--help")
            {
                error = args[i] is "-h" or "--help" ? "" : $"{args[i]} needs a value";
                return null;
            }
            i++;
            try
            {
                o = args[i - 1] switch
                {
                    "--url" => o with { Url = new Uri(value) },
                    "--connections" => o with { Connections = Positive(value) },
                    "--symbols-per-connection" => o with { SymbolsPerConnection = Positive(value) },
                    "--ramp-seconds" => o with { RampSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--warmup-seconds" => o with { WarmupSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--measure-seconds" => o with { MeasureSeconds = Positive(value) },
                    "--symbol-list" => o with { SymbolList = value },
                    "--server-pid" => o with { ServerPid = Positive(value) },
                    "--seed" => o with { Seed = ulong.Parse(value, CultureInfo.InvariantCulture) },
                    _ => throw new FormatException($"unknown option {args[i - 1]}"),
                };
            }
            catch (FormatException e)
            {
                error = $"{args[i - 1]} {value}: {e.Message}";
                return null;
            }
            catch (OverflowException e)
            {
                error = $"{args[i - 1]} {value}: {e.Message}";
                return null;
            }
        }
        return o;
    }

    public static IReadOnlyList<string> ReadSymbols(string? list)
    {
        var file = list ?? FindUpwards(DefaultSymbolFile)
            ?? throw new FileNotFoundException($"{DefaultSymbolFile} not found above {Environment.CurrentDirectory}; pass --symbol-list");
        var symbols = File.Exists(file)
            ? File.ReadLines(file).Select(l => l.Split(',')[0].Trim()).Where(s => s.Length > 0 && !s.Equals("symbol", StringComparison.OrdinalIgnoreCase))
            : file.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var distinct = symbols.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count > 0 ? distinct : throw new InvalidOperationException($"no symbols in {file}");
    }

    private static string? FindUpwards(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static int Positive(string value) =>
        int.Parse(value, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new FormatException("must be positive");
}
