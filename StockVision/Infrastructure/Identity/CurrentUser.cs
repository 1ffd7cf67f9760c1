using System.Globalization;
using System.Security.Claims;

namespace StockVision.Infrastructure.Identity;

public static class IdentityClaims
{
    public const string SessionIdClaim = "sid";
    public const string AuthenticatedAtClaim = "auth_time";

    public static long UserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."), CultureInfo.InvariantCulture);

    public static Guid SessionId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(SessionIdClaim) ?? throw new InvalidOperationException("Not signed in."));

    public static DateTime AuthenticatedAt(this ClaimsPrincipal user) =>
        DateTime.Parse(user.FindFirstValue(AuthenticatedAtClaim)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    internal static ClaimsPrincipal Principal(SessionUser s, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, s.UserId.ToString(CultureInfo.InvariantCulture)),
        new Claim(SessionIdClaim, s.SessionId.ToString()),
        new Claim(ClaimTypes.Name, s.DisplayName),
        new Claim(ClaimTypes.Email, s.Email),
        new Claim(ClaimTypes.Role, s.Role),
        new Claim(AuthenticatedAtClaim, s.AuthenticatedAt.ToString("O", CultureInfo.InvariantCulture)),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));
}
