using Dapper;
using Npgsql;

namespace StockVision.Tests.Support;

/// <summary>The PostgreSQL and Redis servers ./test.sh starts for this run.</summary>
public static class TestServers
{
    public static string Postgres => Environment.GetEnvironmentVariable("SV_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SV_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    public static string Redis => Environment.GetEnvironmentVariable("SV_TEST_REDIS")
        ?? throw new InvalidOperationException("SV_TEST_REDIS is not set: run the tests with ./test.sh, which starts a throwaway Redis.");

    /// <summary>A new, empty database on the test server; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await using var conn = new NpgsqlConnection(Postgres + ";Database=postgres;Pooling=false");
        await conn.OpenAsync();
        // Names come from the test's own prefix and a GUID; CREATE DATABASE takes no parameters.
        await conn.ExecuteAsync("create database " + name);
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }
}
