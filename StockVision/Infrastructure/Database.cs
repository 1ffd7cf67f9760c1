using System.Data;
using Dapper;
using Npgsql;

namespace StockVision.Infrastructure;

public static class Database
{
    /// <summary>
    /// Uses ConnectionStrings:Postgres when configured; otherwise starts the embedded cluster under .data/ (the ./run.sh default).
    /// </summary>
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole());
            var options = builder.Configuration.GetSection("EmbeddedPostgres").Get<EmbeddedPostgresOptions>() ?? new();
            var embedded = new EmbeddedPostgres(options, loggers.CreateLogger<EmbeddedPostgres>());
            embedded.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            builder.Services.AddSingleton(_ => embedded);
            connectionString = embedded.ConnectionString;
        }
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = "stockvision" }.Build());
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddSingleton<BundledDataLoader>();
        return builder;
    }

    /// <summary>Startup migrates and loads the bundled data before serving, and fails loudly if either cannot.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        if (app.Services.GetService<EmbeddedPostgres>() is { } embedded)
        {
            // After the server has drained its requests, stop the cluster this process started (Ctrl-C in ./run.sh).
            app.Lifetime.ApplicationStopped.Register(embedded.Dispose);
        }
        var migrationsDir = app.Configuration["Migrations:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "migrations");
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(MigrationScript.FromDirectory(migrationsDir), ct);
        var dataDir = app.Configuration["BundledData:Directory"] ?? BundledDataLoader.DefaultDirectory;
        await app.Services.GetRequiredService<BundledDataLoader>().LoadAsync(dataDir, ct);
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new DataException($"Cannot convert {value.GetType()} to DateOnly"),
        };
    }
}
