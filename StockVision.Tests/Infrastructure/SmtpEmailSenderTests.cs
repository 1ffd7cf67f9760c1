using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using StockVision.Infrastructure.Identity;

namespace StockVision.Tests.Infrastructure;

/// <summary>The SMTP sender against a minimal SMTP server on loopback (RFC 5321's happy path), so no mail leaves the machine.</summary>
public class SmtpEmailSenderTests
{
    [Fact]
    public async Task Smtp_settings_send_the_message_to_the_configured_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var ct = TestContext.Current.CancellationToken;
        var received = ServeOneMessageAsync(listener, ct);

        var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            From = "StockVision <no-reply@stockvision.test>",
            Smtp = new EmailOptions.SmtpOptions { Host = "127.0.0.1", Port = port, EnableSsl = false },
        }));
        await sender.SendAsync("asha@example.com", "Confirm your StockVision email address", "Follow this link.", ct);

        var transcript = await received;
        Assert.Contains("MAIL FROM:<no-reply@stockvision.test>", transcript, StringComparison.Ordinal);
        Assert.Contains("RCPT TO:<asha@example.com>", transcript, StringComparison.Ordinal);
        Assert.Contains("Subject: Confirm your StockVision email address", transcript, StringComparison.Ordinal);
        Assert.Contains("Follow this link.", transcript, StringComparison.Ordinal);
    }

    private static async Task<string> ServeOneMessageAsync(TcpListener listener, CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var transcript = new StringBuilder();
        await writer.WriteLineAsync("220 localhost test SMTP");
        var inData = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            transcript.AppendLine(line);
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    await writer.WriteLineAsync("250 queued");
                }
                continue;
            }
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                case "DATA":
                    inData = true;
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return transcript.ToString();
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
        return transcript.ToString();
    }
}
