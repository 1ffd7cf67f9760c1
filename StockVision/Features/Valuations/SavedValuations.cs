using System.Text.Json;
using Dapper;
using Npgsql;

namespace StockVision.Features.Valuations;

public sealed record SavedValuation(long Id, string Symbol, string Name, string Inputs, DateTime CreatedAt, DateTime UpdatedAt)
{
    public IReadOnlyDictionary<string, string> Values => SavedValuations.Read(Inputs);

    /// <summary>The builder with these inputs filled in, and the valuation named so the page offers to update it.</summary>
    public string RunUrl => SavedValuations.RunUrl(Symbol, Values) + "&valuation=" + Id;
}

public sealed record ValuationChange(long Id, long ValuationId, DateTime ChangedAt, string Inputs, string Note);

public enum SaveValuationOutcome { Created, Updated, Unchanged, DuplicateName, NotFound, LimitReached }

/// <summary>On a clash, the name and stock of the valuation already saved under that name (its case may differ).</summary>
public sealed record SaveValuationResult(SaveValuationOutcome Outcome, long Id = 0, string? Clash = null, string? ClashSymbol = null, string? Note = null);

/// <summary>
/// One user's saved DCF valuations and their change log. Every method takes the signed-in user's id and every statement
/// filters on it, so an id from another account reads and changes nothing: callers answer 404.
/// </summary>
public sealed class SavedValuations(NpgsqlDataSource db)
{
    public const int MaxValuations = 100;
    public const int MaxNameLength = 80;

    private const string UniqueNameIndex = "valuations_name";

    public static string RunUrl(string symbol, IReadOnlyDictionary<string, string> values) =>
        $"/stocks/{Uri.EscapeDataString(symbol)}/dcf?" + string.Join('&', DcfSetup.Keys.Where(values.ContainsKey).Select(k => k + "=" + Uri.EscapeDataString(values[k])));

    public static IReadOnlyDictionary<string, string> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public async Task<IReadOnlyList<SavedValuation>> ListAsync(long userId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SavedValuation>(new CommandDefinition(SavedValuationSql.List, new { UserId = userId }, cancellationToken: ct))).ToList();
    }

    public async Task<SavedValuation?> GetAsync(long userId, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SavedValuation>(new CommandDefinition(SavedValuationSql.Get, new { UserId = userId, Id = id }, cancellationToken: ct));
    }

    /// <summary>Every change of every valuation of the user's, newest first.</summary>
    public async Task<ILookup<long, ValuationChange>> ChangesAsync(long userId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ValuationChange>(new CommandDefinition(SavedValuationSql.Changes, new { UserId = userId }, cancellationToken: ct)))
            .ToLookup(c => c.ValuationId);
    }

    /// <summary>
    /// Saves inputs the caller has checked. With an id, updates that valuation (renaming it if the name changed); without
    /// one, a name the user already uses for the same stock updates that valuation, and for another stock is a clash.
    /// Each update logs the inputs it replaced and what it changed.
    /// </summary>
    public async Task<SaveValuationResult> SaveAsync(long userId, long? id, string symbol, string name, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(DcfSetup.Keys.Where(values.ContainsKey).ToDictionary(k => k, k => values[k]));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(SavedValuationSql.LockUser, new { UserId = userId }, tx, cancellationToken: ct));
        var named = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(SavedValuationSql.ByName, new { UserId = userId, Name = name }, tx, cancellationToken: ct));
        var targetId = id ?? named;
        if (targetId is null)
        {
            if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(SavedValuationSql.Count, new { UserId = userId }, tx, cancellationToken: ct)) >= MaxValuations)
            {
                return new SaveValuationResult(SaveValuationOutcome.LimitReached);
            }
            try
            {
                var created = await conn.ExecuteScalarAsync<long>(new CommandDefinition(SavedValuationSql.Create,
                    new { UserId = userId, Symbol = symbol, Name = name, Inputs = json }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                return new SaveValuationResult(SaveValuationOutcome.Created, created);
            }
            catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueNameIndex })
            {
                // The user lock makes this unreachable from the app; kept for a write from elsewhere between check and insert.
                return new SaveValuationResult(SaveValuationOutcome.DuplicateName, Clash: name);
            }
        }
        var existing = await conn.QuerySingleOrDefaultAsync<SavedValuation>(new CommandDefinition(SavedValuationSql.GetForUpdate,
            new { UserId = userId, Id = targetId }, tx, cancellationToken: ct));
        if (existing is null || (id is not null && existing.Symbol != symbol))
        {
            return new SaveValuationResult(SaveValuationOutcome.NotFound);
        }
        if (existing.Symbol != symbol || (named is { } other && other != existing.Id))
        {
            var clash = named == existing.Id ? existing : await conn.QuerySingleAsync<SavedValuation>(new CommandDefinition(SavedValuationSql.Get,
                new { UserId = userId, Id = named }, tx, cancellationToken: ct));
            return new SaveValuationResult(SaveValuationOutcome.DuplicateName, Clash: clash.Name, ClashSymbol: clash.Symbol);
        }
        var note = Describe(existing.Values, values, existing.Name, name);
        if (note is null)
        {
            return new SaveValuationResult(SaveValuationOutcome.Unchanged, existing.Id);
        }
        await conn.ExecuteAsync(new CommandDefinition(SavedValuationSql.LogChange, new { UserId = userId, existing.Id, existing.Inputs, Note = note }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(SavedValuationSql.Update, new { UserId = userId, existing.Id, Name = name, Inputs = json }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new SaveValuationResult(SaveValuationOutcome.Updated, existing.Id, Note: note);
    }

    /// <summary>The deleted valuation's name, or null when the user has no such valuation.</summary>
    public async Task<string?> DeleteAsync(long userId, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SavedValuationSql.Delete, new { UserId = userId, Id = id }, cancellationToken: ct));
    }

    /// <summary>"EBIT margin, % 21.6 → 25; Terminal growth, % 5 → 4", or null when nothing changed.</summary>
    public static string? Describe(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, string oldName, string newName)
    {
        var parts = DcfSetup.Keys
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{Label(k)} {before.GetValueOrDefault(k) ?? "—"} → {after.GetValueOrDefault(k) ?? "—"}")
            .ToList();
        if (!string.Equals(oldName, newName, StringComparison.Ordinal))
        {
            parts.Insert(0, $"renamed from “{oldName}”");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Label(string key) => DcfSetup.Fields.TryGetValue(key, out var f) ? f.Label : key switch
    {
        DcfSetup.Reinvest => "Reinvestment rule",
        DcfSetup.Terminal => "Terminal rule",
        DcfSetup.MidYear => "Mid-year convention",
        _ => key,
    };
}
