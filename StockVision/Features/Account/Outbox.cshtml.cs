using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Npgsql;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

public sealed record OutboxMessage(long Id, string ToAddress, string Subject, string Body, DateTime CreatedAt);

/// <summary>Development only: the emails the app would have sent, so a local sign-up can be finished without a mail server.</summary>
[AllowAnonymous]
public sealed class OutboxModel(NpgsqlDataSource db, IOptions<IdentityOptions> options) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (options.Value.OutboxPage != true)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "no-store";
        await using var conn = await db.OpenConnectionAsync(ct);
        Messages = (await conn.QueryAsync<OutboxMessage>(new CommandDefinition("""
            select id as Id, to_address as ToAddress, subject as Subject, body as Body, created_at as CreatedAt
            from email_outbox order by id desc limit 50
            """, cancellationToken: ct))).ToList();
        return Page();
    }
}
