using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace StockVision.Infrastructure;

public sealed record MigrationScript(string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(Sql))));

    // Line endings and a trailing newline differ between checkouts; they are not an edit.
    private static string Normalise(string sql) => sql.ReplaceLineEndings("\n").TrimEnd();

    public static IReadOnlyList<MigrationScript> FromDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.sql")
            .Select(path => new MigrationScript(Path.GetFileName(path), File.ReadAllText(path)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
}

public sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied);

public sealed class MigrationChecksumException(string message) : Exception(message);

/// <summary>
/// DbUp's semantics without DbUp (not on the registry): scripts in name order, a <c>schemaversions</c> journal,
/// one transaction per script, and a refusal to start when an applied script was edited afterwards.
/// A session-level advisory lock serialises nodes that start together, so each script runs once.
/// </summary>
public sealed class Migrator(NpgsqlDataSource db, ILogger<Migrator> log)
{
    private const string Journal = """
        create table if not exists schemaversions (
            script_name text primary key,
            checksum    text not null,
            applied_at  timestamptz not null default now()
        )
        """;

    private const string Applied = "select script_name as Name, checksum as Checksum from schemaversions";

    private const string Record = "insert into schemaversions (script_name, checksum) values (@Name, @Checksum)";

    public async Task<MigrationResult> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@Key)", new { Key = AdvisoryLocks.Migrations }, cancellationToken: ct));
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(Journal, cancellationToken: ct));
            var journal = (await conn.QueryAsync<(string Name, string Checksum)>(new CommandDefinition(Applied, cancellationToken: ct)))
                .ToDictionary(r => r.Name, r => r.Checksum, StringComparer.Ordinal);

            var edited = scripts.Where(s => journal.TryGetValue(s.Name, out var sum) && sum != s.Checksum).Select(s => s.Name).ToList();
            if (edited.Count > 0)
            {
                throw new MigrationChecksumException(
                    $"Refusing to start: applied migration(s) {string.Join(", ", edited)} changed after they were applied. " +
                    "Migrations are forward-only: restore the original script and put the change in a new, higher-numbered script.");
            }

            var applied = new List<string>();
            foreach (var script in scripts.Where(s => !journal.ContainsKey(s.Name)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                try
                {
                    await conn.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, cancellationToken: ct));
                    await conn.ExecuteAsync(new CommandDefinition(Record, new { script.Name, script.Checksum }, tx, cancellationToken: ct));
                    await tx.CommitAsync(ct);
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"Migration {script.Name} failed and was rolled back: {e.MessageText}", e);
                }
                log.LogInformation("Applied migration {Script}", script.Name);
                applied.Add(script.Name);
            }
            return new MigrationResult(applied, scripts.Where(s => journal.ContainsKey(s.Name)).Select(s => s.Name).ToList());
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(@Key)", new { Key = AdvisoryLocks.Migrations }, cancellationToken: CancellationToken.None));
        }
    }
}

/// <summary>Keys for Postgres advisory locks, in one place so two features never share one by accident.</summary>
public static class AdvisoryLocks
{
    public const long Migrations = 0x5356_0001;
    public const long BundledData = 0x5356_0002;
    public const long RatioSnapshot = 0x5356_0003;
}
