using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StockVision.Infrastructure;

namespace StockVision.Tests.Infrastructure;

public class EmbeddedPostgresTests
{
    [Fact]
    public async Task Starts_a_private_cluster_creates_the_database_and_stops_it_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Path.Combine(Path.GetTempPath(), "sv-embedded-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new EmbeddedPostgresOptions { DataDirectory = dir, Port = Random.Shared.Next(40000, 50000), Database = "embedded_test" };
        string connectionString;
        using (var pg = new EmbeddedPostgres(options, NullLogger.Instance))
        {
            await pg.StartAsync(ct);
            connectionString = pg.ConnectionString;
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            Assert.Equal("embedded_test", await conn.ExecuteScalarAsync<string>("select current_database()"));
            // No TCP listener: the socket directory is the only way in.
            Assert.Equal("", await conn.ExecuteScalarAsync<string>("show listen_addresses"));
        }

        await using var after = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
        await Assert.ThrowsAnyAsync<Exception>(() => after.OpenAsync(ct));
        Assert.True(File.Exists(Path.Combine(dir, "PG_VERSION")));
    }
}
