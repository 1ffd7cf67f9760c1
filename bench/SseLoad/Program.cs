using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using SseLoad;

// Each receive does a few microseconds of parsing and never blocks, so running it on the epoll thread is cheaper than a
// thread-pool hop per receive. Read once, when the first socket is created.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

if (LoadOptions.Parse(args, out var error) is not { } o)
{
    await Console.Error.WriteLineAsync(error + Environment.NewLine + LoadOptions.Usage);
    return 2;
}

var symbols = LoadOptions.ReadSymbols(o.SymbolList);
var perConnection = Math.Min(o.SymbolsPerConnection, symbols.Count);
var server = await ResolveAsync(o.Url);
var path = o.Url.AbsolutePath == "/" ? "/stream/quotes" : o.Url.AbsolutePath;
var stats = new LoadStats();
var connections = new SseConnection[o.Connections];
for (var i = 0; i < connections.Length; i++)
{
    // M&M: a raw & would end the query parameter.
    var query = string.Join(',', Pick(symbols, perConnection, o.Seed, i).Select(Uri.EscapeDataString));
    var request = $"GET {path}?symbols={query} HTTP/1.1\r\n" +
        $"Host: {o.Url.Authority}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
    connections[i] = new SseConnection(server, Encoding.ASCII.GetBytes(request), stats);
}

var clock = Stopwatch.StartNew();
var phase = "ramp";
ProcessProbe.Memory? serverMemory = null;
long maxRssWhileMeasuring = 0;
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    long lastReceived = 0;
    while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
    {
        if (o.ServerPid is { } pid && ProcessProbe.ReadMemory(pid) is { } m)
        {
            serverMemory = m;
            if (stats.Measuring)
            {
                maxRssWhileMeasuring = Math.Max(maxRssWhileMeasuring, m.RssKb);
            }
        }
        var second = (int)clock.Elapsed.TotalSeconds;
        var received = stats.Received;
        if (second % 5 == 0)
        {
            Console.Error.WriteLine(FormattableString.Invariant(
                $"[sse-load] {second,4} s {phase,-8} open {stats.Open}, failed {stats.FailedCount}, dropped {stats.DroppedCount}, {received - lastReceived:N0} msg in the last second") +
                (serverMemory is { } s ? FormattableString.Invariant($", server RSS {s.RssKb / 1024} MiB") : ""));
        }
        lastReceived = received;
    }
});

var tasks = new Task[connections.Length];
for (var i = 0; i < connections.Length; i++)
{
    var due = TimeSpan.FromSeconds(o.RampSeconds * i / (double)connections.Length);
    if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
    {
        await Task.Delay(wait);
    }
    tasks[i] = connections[i].RunAsync();
}
// Connections still being accepted would steal the server's time from the measurement.
while (stats.ConnectedCount + stats.FailedCount < connections.Length && clock.Elapsed.TotalSeconds < o.RampSeconds + 60)
{
    await Task.Delay(100);
}
var answeredAfter = clock.Elapsed;

phase = "warm-up";
await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds));
var rssAfterWarmup = o.ServerPid is { } p0 ? ProcessProbe.ReadMemory(p0) : null;

phase = "measure";
var serverCpu0 = o.ServerPid is { } p1 ? ProcessProbe.ReadCpu(p1) : null;
var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
var machine0 = ProcessProbe.ReadMachineCpu();
var windowStart = LoadStats.NowMs();
stats.OpenWindow(windowStart);
await Task.Delay(TimeSpan.FromSeconds(o.MeasureSeconds));
var windowEnd = LoadStats.NowMs();
stats.CloseWindow(windowEnd);
var held = stats.Open;
var serverCpu1 = o.ServerPid is { } p2 ? ProcessProbe.ReadCpu(p2) : null;
var clientCpu1 = Process.GetCurrentProcess().TotalProcessorTime;
var machine1 = ProcessProbe.ReadMachineCpu();
var memoryAtEnd = o.ServerPid is { } p3 ? ProcessProbe.ReadMemory(p3) : null;

phase = "drain";
// The last ticks stamped inside the window are still fanning out: wait until their messages stop arriving.
var lastCount = stats.Measured;
var quietSince = clock.Elapsed;
while (clock.Elapsed - quietSince < TimeSpan.FromSeconds(1.5) && LoadStats.NowMs() - windowEnd < LoadStats.HistogramMs)
{
    await Task.Delay(250);
    if (stats.Measured != lastCount)
    {
        lastCount = stats.Measured;
        quietSince = clock.Elapsed;
    }
}

phase = "stop";
stats.Stopping = true;
await sampling.CancelAsync();
foreach (var c in connections)
{
    c.Close();
}
await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(10)));
try
{
    await sampler;
}
catch (OperationCanceledException)
{
}

var seconds = (windowEnd - windowStart) / 1000.0;
// The server sends one message per connection per tick, carrying every subscribed symbol that moved (in the
// simulation all of them move every tick).
var expected = (double)held * stats.TicksSeen;
var machineBusy = 100 * (machine1.Busy - machine0.Busy) / (machine1.Total - machine0.Total);
var summary = new StringBuilder();
var ic = CultureInfo.InvariantCulture;
summary.AppendLine(ic, $"SSE fan-out: {o.Url.GetLeftPart(UriPartial.Authority)}{path}, {perConnection} of {symbols.Count} symbols per connection, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
summary.AppendLine(ic, $"connections  requested {connections.Length:N0}, held {held:N0}, failed {stats.FailedCount:N0}, dropped {stats.DroppedCount:N0} (ramp {o.RampSeconds} s, all answered after {answeredAfter.TotalSeconds:0.0} s)");
summary.AppendLine(ic, $"messages     {stats.Measured:N0} in {seconds:0.0} s = {stats.Measured / seconds:N0}/s; {stats.TicksSeen} ticks stamped in that time, {(expected > 0 ? 100 * stats.Measured / expected : 0):0.0} % of held connections x ticks; whole run: {stats.Snapshots:N0} snapshot events, {stats.Heartbeats:N0} heartbeats");
summary.AppendLine(ic, $"latency      tick-to-client p50 {stats.Percentile(0.50)} ms, p90 {stats.Percentile(0.90)} ms, p99 {stats.Percentile(0.99)} ms, max {stats.MaxLatencyMs} ms");
var (firstP50, lastP50, lastMax) = stats.Spread();
summary.AppendLine(ic, $"per tick     the first subscriber had it after p50 {firstP50} ms, the last after p50 {lastP50} ms (max {lastMax} ms)");
var clientCpu = clientCpu1 - clientCpu0;
// Whatever else is busy on the machine (a build, another test run) competes for the same cores; say how much.
var others = TimeSpan.FromSeconds(machineBusy / 100 * Environment.ProcessorCount * seconds) - clientCpu;
if (o.ServerPid is { } pid && serverCpu0 is { } s0 && serverCpu1 is { } s1)
{
    var (serverUser, serverSystem) = (s1.User - s0.User, s1.System - s0.System);
    others -= serverUser + serverSystem;
    summary.AppendLine(ic, $"server       pid {pid}: VmRSS {Mib(rssAfterWarmup?.RssKb)} after warm-up, max {Mib(maxRssWhileMeasuring)} while measuring, {Mib(memoryAtEnd?.RssKb)} at the end; peak VmHWM {Mib(memoryAtEnd?.PeakRssKb)}; {memoryAtEnd?.Threads} threads");
    summary.AppendLine(ic, $"cpu          server {Percent(serverUser + serverSystem)} of one core (user {Percent(serverUser)}, kernel {Percent(serverSystem)}; {1e6 * (serverUser + serverSystem).TotalSeconds / Math.Max(1, stats.Measured):0.0} us per message), client {Percent(clientCpu)}, other processes {Percent(others)}; machine {machineBusy:0} % of {Environment.ProcessorCount} cores busy");
}
else
{
    summary.AppendLine(ic, $"cpu          client {Percent(clientCpu)} of one core, other processes (the server among them) {Percent(others)}; machine {machineBusy:0} % of {Environment.ProcessorCount} cores busy");
}
foreach (var (reason, count) in stats.Reasons.OrderByDescending(r => r.Value).Take(5))
{
    summary.AppendLine(ic, $"failure      {count:N0} x {reason}");
}
Console.Write(summary);
return held > 0 ? 0 : 1;

string Mib(long? kb) => kb is { } k ? string.Create(ic, $"{k / 1024.0:N0} MiB") : "n/a";

string Percent(TimeSpan cpu) => string.Create(ic, $"{100 * cpu.TotalSeconds / seconds:0} %");

static async Task<IPEndPoint> ResolveAsync(Uri url)
{
    var address = IPAddress.TryParse(url.Host, out var ip) ? ip
        : (await Dns.GetHostAddressesAsync(url.Host)).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
    return new IPEndPoint(address, url.Port);
}

// The same seed and index always give the same symbols, so runs load the same topics in the same proportions.
static IEnumerable<string> Pick(IReadOnlyList<string> all, int count, ulong seed, int index)
{
    var order = Enumerable.Range(0, all.Count).ToArray();
    var state = seed ^ ((ulong)index * 0x9E3779B97F4A7C15);
    for (var i = 0; i < count; i++)
    {
        var j = i + (int)(SplitMix64(ref state) % (ulong)(all.Count - i));
        (order[i], order[j]) = (order[j], order[i]);
    }
    return order.Take(count).Select(i => all[i]);
}

static ulong SplitMix64(ref ulong state)
{
    var z = state += 0x9E3779B97F4A7C15;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
    return z ^ (z >> 31);
}
