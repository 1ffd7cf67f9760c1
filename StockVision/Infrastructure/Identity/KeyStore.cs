using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace StockVision.Infrastructure.Identity;

/// <summary>
/// Secrets the app makes for itself: generated once by whichever node needs one first, kept in PostgreSQL as Data
/// Protection ciphertext, and therefore shared by every node that shares the key ring. A configured value
/// (Security:Keys:&lt;name&gt;, base64) takes precedence.
/// </summary>
public sealed class KeyStore(NpgsqlDataSource db, IDataProtectionProvider protection, IConfiguration configuration)
{
    public const string AccessTokenSigning = "access-token-signing";
    public const string PanIndex = "pan-blind-index";
    public const string RecoveryCodes = "recovery-codes";

    private readonly IDataProtector protector = protection.CreateProtector("StockVision.KeyStore.v1");
    private readonly ConcurrentDictionary<string, byte[]> keys = new();

    public async ValueTask<byte[]> GetAsync(string name, CancellationToken ct = default)
    {
        if (keys.TryGetValue(name, out var key))
        {
            return key;
        }
        if (configuration[$"Security:Keys:{name}"] is { Length: > 0 } configured)
        {
            return keys[name] = Convert.FromBase64String(configured);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into app_keys (name, protected) values (@Name, @Protected) on conflict (name) do nothing",
            new { Name = name, Protected = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) },
            cancellationToken: ct));
        var stored = await conn.ExecuteScalarAsync<string>(new CommandDefinition(
            "select protected from app_keys where name = @Name", new { Name = name }, cancellationToken: ct));
        return keys[name] = Convert.FromBase64String(protector.Unprotect(stored!));
    }
}
