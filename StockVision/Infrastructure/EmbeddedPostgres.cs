using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

namespace StockVision.Infrastructure;

public sealed class EmbeddedPostgresOptions
{
    public string DataDirectory { get; set; } = ".data/postgres";
    /// <summary>Names the unix socket (.s.PGSQL.port); the cluster listens on no TCP address at all.</summary>
    public int Port { get; set; } = 5433;
    public string Database { get; set; } = "stockvision";
    /// <summary>Directory holding initdb and pg_ctl; found under /usr/lib/postgresql when empty.</summary>
    public string? BinDirectory { get; set; }
}

/// <summary>
/// The zero-configuration default: a private PostgreSQL cluster under .data/, started from the installed server binaries
/// and stopped again with the app. It listens only on a unix socket in a directory private to its owner, so no other
/// local user can reach the trust-authenticated cluster over TCP.
/// </summary>
public sealed partial class EmbeddedPostgres : IDisposable
{
    private readonly EmbeddedPostgresOptions options;
    private readonly ILogger log;
    private readonly string dataDir;
    private readonly string socketDir;
    private readonly string bin;
    private readonly bool asRoot;
    private bool startedByUs;

    public EmbeddedPostgres(EmbeddedPostgresOptions options, ILogger log)
    {
        this.options = options;
        this.log = log;
        dataDir = Path.GetFullPath(options.DataDirectory);
        // Unix socket paths are limited to 107 bytes, so the socket lives in a short directory of its own, one per
        // OS user so that two people on one machine never fight over it.
        socketDir = OperatingSystem.IsLinux() ? $"/tmp/sv-pg-{geteuid()}-{options.Port}" : Path.Combine(Path.GetTempPath(), $"sv-pg-{options.Port}");
        bin = options.BinDirectory ?? FindBinDirectory()
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries found under /usr/lib/postgresql. Install the Debian package 'postgresql' " +
                "(./run.sh does this for you) or set ConnectionStrings:Postgres to an existing server.");
        asRoot = OperatingSystem.IsLinux() && geteuid() == 0;
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = socketDir,
        Port = options.Port,
        Username = "postgres",
        Database = options.Database,
    }.ConnectionString;

    public async Task StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        Directory.CreateDirectory(socketDir);
        if (asRoot)
        {
            // initdb and postgres refuse to run as root; the Debian package's postgres account owns the cluster instead.
            await RunAsync("chown", ["-R", "postgres:postgres", dataDir, socketDir], ct);
        }
        await RunAsync("chmod", ["700", dataDir, socketDir], ct);

        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            log.LogInformation("Initialising a private PostgreSQL cluster in {DataDir}", dataDir);
            await RunPgAsync("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"], ct);
        }

        if (await RunPgAsync("pg_ctl", ["-D", dataDir, "status"], ct, throwOnError: false) == 0)
        {
            log.LogInformation("Reusing the PostgreSQL cluster already running in {DataDir}", dataDir);
        }
        else
        {
            var logFile = Path.Combine(dataDir, "server.log");
            await RunPgAsync("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60",
                "-o", $"-p {options.Port} -k {socketDir} -c listen_addresses=''", "start"], ct);
            startedByUs = true;
            log.LogInformation("Started PostgreSQL on socket {SocketDir} (port {Port})", socketDir, options.Port);
        }

        await CreateDatabaseIfMissingAsync(ct);
    }

    private async Task CreateDatabaseIfMissingAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.AddWithValue(options.Database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // CREATE DATABASE takes no parameters; the name is validated to a plain identifier first.
            if (!DatabaseName().IsMatch(options.Database))
            {
                throw new InvalidOperationException($"Embedded database name '{options.Database}' must be a plain lower-case identifier.");
            }
            await using var create = new NpgsqlCommand("create database " + options.Database, conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public void Dispose()
    {
        if (!startedByUs)
        {
            return;
        }
        startedByUs = false;
        NpgsqlConnection.ClearAllPools();
        log.LogInformation("Stopping the PostgreSQL cluster this app started");
        RunPgAsync("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None, throwOnError: false)
            .GetAwaiter().GetResult();
    }

    private Task<int> RunPgAsync(string tool, string[] args, CancellationToken ct, bool throwOnError = true) =>
        asRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args], ct, throwOnError)
            : RunAsync(Path.Combine(bin, tool), args, ct, throwOnError);

    private static async Task<int> RunAsync(string file, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        // pg_ctl start leaves postgres holding the inherited pipes, so read output without waiting for EOF.
        var stderr = p.StandardError.ReadLineAsync(ct).AsTask();
        await p.WaitForExitAsync(ct);
        if (throwOnError && p.ExitCode != 0)
        {
            var first = stderr.IsCompleted ? await stderr : null;
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {p.ExitCode}: {first}");
        }
        return p.ExitCode;
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex DatabaseName();
}
