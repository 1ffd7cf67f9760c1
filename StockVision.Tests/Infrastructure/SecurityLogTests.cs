using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StockVision.Infrastructure;
using StockVision.Infrastructure.Identity;
using StockVision.Tests.Support;

namespace StockVision.Tests.Infrastructure;

/// <summary>The audit trail on a database of its own, so tampering here cannot disturb the app's chain.</summary>
public class SecurityLogTests
{
    private static async Task<(NpgsqlDataSource Db, SecurityLog Log, long UserId)> FreshAsync()
    {
        var db = NpgsqlDataSource.Create(await TestServers.CreateDatabaseAsync("sv_audit"));
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(
            MigrationScript.FromDirectory(Path.Combine(AppContext.BaseDirectory, "migrations")), TestContext.Current.CancellationToken);
        await using var conn = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var userId = await conn.ExecuteScalarAsync<long>("""
            insert into users (email, email_normalized, display_name, password_hash) values ('a@example.com', 'a@example.com', 'A', 'x') returning id
            """);
        return (db, new SecurityLog(db, TimeProvider.System), userId);
    }

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        var (db, log, userId) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;
        await log.WriteAsync(SecurityEvents.LoginSucceeded, userId, null, new { session = Guid.NewGuid() }, ct);
        await log.WriteAsync(SecurityEvents.LoginFailed, null, null, new { reason = "unknown_email", note = "ünïcödé ₹" }, ct);
        await log.WriteAsync(SecurityEvents.PanViewed, userId, null, ct: ct);
        Assert.Equal(new ChainCheck(3, null), await log.VerifyAsync(ct));
        Assert.Equal(2, (await log.ForUserAsync(userId, 10, null, ct)).Count);
    }

    [Fact]
    public async Task The_table_refuses_updates_and_deletes()
    {
        var (db, log, userId) = await FreshAsync();
        await using var _ = db;
        await log.WriteAsync(SecurityEvents.LoginSucceeded, userId, null, ct: TestContext.Current.CancellationToken);
        await using var conn = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var update = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("update security_events set event_type = 'nothing'"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("delete from security_events"));
    }

    [Fact]
    public async Task An_edited_row_is_found_by_the_chain_check()
    {
        var (db, log, userId) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            await log.WriteAsync(SecurityEvents.LoginFailed, userId, null, new { attempt = i }, ct);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var third = await conn.ExecuteScalarAsync<long>("select id from security_events order by id offset 2 limit 1");
        // A superuser can switch triggers off; the hash chain still gives the edit away.
        await conn.ExecuteAsync("set session_replication_role = replica");
        await conn.ExecuteAsync("update security_events set details = '{\"attempt\": 99}' where id = @Id", new { Id = third });
        await conn.ExecuteAsync("set session_replication_role = origin");

        Assert.Equal(new ChainCheck(3, third), await log.VerifyAsync(ct));
    }

    [Fact]
    public async Task A_deleted_row_breaks_the_link_of_the_next_one()
    {
        var (db, log, userId) = await FreshAsync();
        await using var _ = db;
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 4; i++)
        {
            await log.WriteAsync(SecurityEvents.LoginFailed, userId, null, new { attempt = i }, ct);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = (await conn.QueryAsync<long>("select id from security_events order by id")).ToList();
        await conn.ExecuteAsync("set session_replication_role = replica");
        await conn.ExecuteAsync("delete from security_events where id = @Id", new { Id = ids[1] });
        await conn.ExecuteAsync("set session_replication_role = origin");

        Assert.Equal(ids[2], (await log.VerifyAsync(ct)).FirstBrokenId);
    }
}
