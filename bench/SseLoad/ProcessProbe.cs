using System.Globalization;

namespace SseLoad;

/// <summary>Reads another process's memory and CPU time, and the machine's CPU time, from /proc.</summary>
internal static class ProcessProbe
{
    // USER_HZ, the unit of /proc's CPU times: 100 on every Linux ABI .NET runs on.
    private const double ClockTicksPerSecond = 100;

    public sealed record Memory(long RssKb, long PeakRssKb, int Threads);

    /// <summary>VmRSS, VmHWM (the peak RSS since the process started) and the thread count; null when the process is gone.</summary>
    public static Memory? ReadMemory(int pid)
    {
        try
        {
            long rss = 0, hwm = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }
            return new Memory(rss, hwm, threads);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The CPU time the process has spent in user mode and in the kernel (system calls, the TCP stack) so far.</summary>
    public static (TimeSpan User, TimeSpan System)? ReadCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name in parentheses may hold spaces; fields count from the last ')'. utime and stime are
            // fields 14 and 15, the 12th and 13th after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (Ticks(fields[11]), Ticks(fields[12]));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The machine's busy and total CPU time, summed over all cores (the first line of /proc/stat).</summary>
    public static (double Busy, double Total) ReadMachineCpu()
    {
        var first = File.ReadLines("/proc/stat").First();
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
        var total = values.Take(8).Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }

    private static TimeSpan Ticks(string field) => TimeSpan.FromSeconds(long.Parse(field, CultureInfo.InvariantCulture) / ClockTicksPerSecond);

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
