using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace StockVision.Infrastructure.Identity;

/// <summary>
/// Personal data at rest: Data Protection's authenticated encryption with the shared key ring (rotated every 90 days;
/// old keys still decrypt), plus a keyed hash (blind index) so PAN uniqueness is checked without decrypting anything.
/// </summary>
public sealed class Pii(IDataProtectionProvider protection, KeyStore keys)
{
    private readonly IDataProtector protector = protection.CreateProtector("StockVision.Pii.v1");

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);

    public async ValueTask<byte[]> PanIndexAsync(string normalizedPan, CancellationToken ct) =>
        HMACSHA256.HashData(await keys.GetAsync(KeyStore.PanIndex, ct), Encoding.UTF8.GetBytes(normalizedPan));
}
