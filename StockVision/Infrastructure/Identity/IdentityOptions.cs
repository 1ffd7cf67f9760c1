namespace StockVision.Infrastructure.Identity;

/// <summary>Bound from the "Security" section. Lifetimes follow the issue: 15-minute access, 7-day idle, 30-day absolute.</summary>
public sealed class IdentityOptions
{
    public bool RequireHttps { get; set; } = true;

    /// <summary>Accounts with these emails become admins when their email is confirmed (bootstraps the first admin).</summary>
    public string[] AdminEmails { get; set; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshIdleLifetime { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A rotated refresh token presented again within this interval is a race between two of the same browser's requests,
    /// not theft: it is honoured without a new token. Later reuse revokes the family.
    /// </summary>
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(10);

    public int LoginAttemptsPerIpPerMinute { get; set; } = 5;
    public int LoginAttemptsPerAccountPerMinute { get; set; } = 20;
    public int FailuresBeforeLockout { get; set; } = 10;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The development outbox page (/account/outbox); on in Development unless configured.</summary>
    public bool? OutboxPage { get; set; }
}
