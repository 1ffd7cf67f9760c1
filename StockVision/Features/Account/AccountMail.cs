using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

/// <summary>
/// The account emails. Links use Security:PublicBaseUrl when set: in production that must be configured (or AllowedHosts
/// restricted), otherwise a forged Host header could point a reset link at someone else's site.
/// </summary>
public sealed class AccountMail(Accounts accounts, IEmailSender email, IConfiguration configuration)
{
    public async Task SendVerificationAsync(HttpRequest request, UserRecord user, CancellationToken ct)
    {
        var token = await accounts.CreateTokenAsync(user.Id, TokenPurpose.VerifyEmail, null, ct);
        await email.SendAsync(user.Email, "Confirm your StockVision email address", $"""
            Hello {user.DisplayName},

            Confirm your email address to start using StockVision:
            {Link(request, "/account/verify-email?token=" + token)}

            The link works once, for 24 hours. If you did not create an account, ignore this message.
            """, ct);
    }

    public Task SendAlreadyRegisteredAsync(HttpRequest request, UserRecord user, CancellationToken ct) =>
        email.SendAsync(user.Email, "Someone tried to register with your email address", $"""
            Hello {user.DisplayName},

            Someone (perhaps you) tried to create a StockVision account with this address, which already has one.
            Sign in: {Link(request, "/account/login")}
            Forgotten your password? {Link(request, "/account/forgot-password")}

            If it was not you, you need do nothing.
            """, ct);

    public async Task SendPasswordResetAsync(HttpRequest request, UserRecord user, CancellationToken ct)
    {
        var token = await accounts.CreateTokenAsync(user.Id, TokenPurpose.ResetPassword, null, ct);
        await email.SendAsync(user.Email, "Reset your StockVision password", $"""
            Hello {user.DisplayName},

            Choose a new password here:
            {Link(request, "/account/reset-password?token=" + token)}

            The link works once, for one hour. Resetting signs out every session. If you did not ask for this, ignore this message.
            """, ct);
    }

    public async Task SendEmailChangeAsync(HttpRequest request, UserRecord user, string newEmail, CancellationToken ct)
    {
        var token = await accounts.CreateTokenAsync(user.Id, TokenPurpose.ChangeEmail, newEmail.Trim(), ct);
        await email.SendAsync(newEmail, "Confirm your new StockVision email address", $"""
            Hello {user.DisplayName},

            Confirm that this is your new StockVision email address:
            {Link(request, "/account/verify-email?token=" + token)}

            The link works once, for 24 hours. Until then your account keeps its old address.
            """, ct);
        await email.SendAsync(user.Email, "Your StockVision email address is changing", $"""
            Hello {user.DisplayName},

            Someone signed in to your account asked to change its email address to {newEmail}. If that was not you, reset
            your password now: {Link(request, "/account/forgot-password")}
            """, ct);
    }

    private string Link(HttpRequest request, string pathAndQuery) =>
        (configuration["Security:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}") + pathAndQuery;
}
