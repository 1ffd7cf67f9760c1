using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StockVision.Infrastructure;

public static class Redis
{
    public const string DataProtectionKeysKey = "stockvision:dataprotection:keys";

    /// <summary>
    /// With ConnectionStrings:Redis, nodes share the Data Protection key ring (antiforgery and cookies verify on any node);
    /// without it, keys live in a directory and everything else that would use Redis stays in-process.
    /// </summary>
    public static WebApplicationBuilder AddRedisWhenConfigured(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("StockVision");
        var connectionString = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var keys = builder.Configuration["DataProtection:KeysDirectory"] ?? ".data/keys";
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys)));
            return builder;
        }

        // abortConnect=false: the app starts while Redis is down and reconnects; /health/ready reports it meanwhile.
        var redis = ConnectionMultiplexer.Connect(connectionString + ",abortConnect=false");
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new RedisXmlRepository(redis, DataProtectionKeysKey)));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}

/// <summary>The Data Protection key ring in a Redis list (the design card's DataProtection.StackExchangeRedis is not on the registry).</summary>
public sealed class RedisXmlRepository(IConnectionMultiplexer redis, string key) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        redis.GetDatabase().ListRange(key).Select(v => XElement.Parse((string)v!)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        redis.GetDatabase().ListRightPush(key, element.ToString(SaveOptions.DisableFormatting));
}

public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable", e);
        }
    }
}
