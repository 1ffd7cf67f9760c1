using System.Net;
using System.Net.Mail;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace StockVision.Infrastructure.Identity;

public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>Bound from "Email". With Smtp:Host set, mail goes out over SMTP; otherwise to the outbox table and the log.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "StockVision <no-reply@stockvision.local>";
    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public bool EnableSsl { get; set; } = true;
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }
}

/// <summary>Development and tests: every message lands in email_outbox (shown at /account/outbox) and in the log.</summary>
public sealed class OutboxEmailSender(NpgsqlDataSource db, ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into email_outbox (to_address, subject, body) values (@To, @Subject, @Body)",
            new { To = to, Subject = subject, Body = body }, cancellationToken: ct));
        logger.LogInformation("Email to {To}: {Subject}\n{Body}", to, subject, body);
    }
}

public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.Smtp.Host, o.Smtp.Port) { EnableSsl = o.Smtp.EnableSsl };
        if (!string.IsNullOrEmpty(o.Smtp.UserName))
        {
            client.Credentials = new NetworkCredential(o.Smtp.UserName, o.Smtp.Password);
        }
        using var message = new MailMessage(MailAddress(o.From), new MailAddress(to)) { Subject = subject, Body = body };
        await client.SendMailAsync(message, ct);
    }

    private static MailAddress MailAddress(string from) => new(from);
}
