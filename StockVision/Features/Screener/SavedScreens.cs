using Dapper;
using Npgsql;
using StockVision.Engines.Screener;

namespace StockVision.Features.Screener;

public sealed record SavedScreen(long Id, string Name, string Query, bool Notify, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>The screener with this screen filled in. The query travels in the address, so a run link can be bookmarked or shared.</summary>
    public string RunUrl => SavedScreens.RunUrl(Query);
}

public enum SaveScreenOutcome { Created, DuplicateName, LimitReached }

/// <summary>The outcome of a save; on a clash, the name of the screen already saved (which may differ in case from the one asked for).</summary>
public sealed record SaveScreenResult(SaveScreenOutcome Outcome, long Id = 0, string? Clash = null);

public enum RenameScreenOutcome { Renamed, DuplicateName, NoScreen }

public sealed record RenameScreenResult(RenameScreenOutcome Outcome, string? Clash = null);

/// <summary>
/// Reads and changes one user's saved screens. Every method takes the signed-in user's id and every statement filters on it,
/// so a screen id guessed or copied from another account reads and changes nothing: callers answer 404 for both.
/// </summary>
public sealed class SavedScreens(NpgsqlDataSource db)
{
    public const int MaxScreens = 50;
    public const int MaxNameLength = 80;
    // Equal to the parser's limit, so anything the screener accepts can be saved, and to the column's check constraint.
    public const int MaxQueryLength = QueryParser.MaxLength;

    private const string UniqueNameIndex = "saved_screens_name";

    public static string RunUrl(string query) => "/screener?q=" + Uri.EscapeDataString(query);

    public async Task<IReadOnlyList<SavedScreen>> ListAsync(long userId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SavedScreen>(new CommandDefinition(SavedScreenSql.List, new { UserId = userId }, cancellationToken: ct))).ToList();
    }

    public async Task<SavedScreen?> GetAsync(long userId, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SavedScreen>(new CommandDefinition(SavedScreenSql.Get, new { UserId = userId, Id = id }, cancellationToken: ct));
    }

    /// <summary>Saves a screen whose name and query the caller has already checked (<see cref="SavedScreenInput"/>).</summary>
    public async Task<SaveScreenResult> CreateAsync(long userId, string name, string query, bool notify, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(SavedScreenSql.LockUser, new { UserId = userId }, tx, cancellationToken: ct));
        if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(SavedScreenSql.Count, new { UserId = userId }, tx, cancellationToken: ct)) >= MaxScreens)
        {
            return new SaveScreenResult(SaveScreenOutcome.LimitReached);
        }
        if (await ClashAsync(conn, tx, userId, null, name, ct) is { } clash)
        {
            return new SaveScreenResult(SaveScreenOutcome.DuplicateName, Clash: clash);
        }
        try
        {
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(SavedScreenSql.Create,
                new { UserId = userId, Name = name, Query = query, Notify = notify }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new SaveScreenResult(SaveScreenOutcome.Created, id);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueNameIndex })
        {
            // The user lock makes this unreachable from the app; kept for a write from elsewhere between check and insert.
            return new SaveScreenResult(SaveScreenOutcome.DuplicateName, Clash: name);
        }
    }

    public async Task<RenameScreenResult> RenameAsync(long userId, long id, string name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // Changing only the case of a screen's own name is not a clash with itself.
        if (await ClashAsync(conn, null, userId, id, name, ct) is { } clash)
        {
            return new RenameScreenResult(RenameScreenOutcome.DuplicateName, clash);
        }
        try
        {
            var rows = await conn.ExecuteAsync(new CommandDefinition(SavedScreenSql.Rename, new { UserId = userId, Id = id, Name = name }, cancellationToken: ct));
            return new RenameScreenResult(rows == 1 ? RenameScreenOutcome.Renamed : RenameScreenOutcome.NoScreen);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueNameIndex })
        {
            return new RenameScreenResult(RenameScreenOutcome.DuplicateName, name);
        }
    }

    /// <summary>The screen's name, or null when the user has no such screen.</summary>
    public async Task<string?> SetNotifyAsync(long userId, long id, bool notify, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SavedScreenSql.SetNotify, new { UserId = userId, Id = id, Notify = notify }, cancellationToken: ct));
    }

    /// <summary>The deleted screen's name, or null when the user has no such screen.</summary>
    public async Task<string?> DeleteAsync(long userId, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SavedScreenSql.Delete, new { UserId = userId, Id = id }, cancellationToken: ct));
    }

    /// <summary>The name of another of the user's screens that equals this one ignoring case, as the unique index compares them.</summary>
    private static Task<string?> ClashAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long userId, long? exceptId, string name, CancellationToken ct) =>
        conn.ExecuteScalarAsync<string?>(new CommandDefinition(SavedScreenSql.NameInUse, new { UserId = userId, ExceptId = exceptId, Name = name }, tx, cancellationToken: ct));
}

/// <summary>What people type into the save and rename forms, checked and normalised; errors are sentences shown beside the field.</summary>
public static class SavedScreenInput
{
    // Control characters become spaces: PostgreSQL text cannot hold NUL, and the others only hide in a name.
    public static string CleanName(string? name) =>
        string.Join(' ', new string((name ?? "").Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string? NameError(string name) => name.Length switch
    {
        0 => "Enter a name for the screen.",
        > SavedScreens.MaxNameLength => $"Use at most {SavedScreens.MaxNameLength} characters for the name (this one has {name.Length}).",
        _ => null,
    };

    public static string DuplicateName(string clash) => $"You already have a screen called “{clash}”. Choose another name.";

    /// <summary>
    /// A form posts a textarea's line breaks as CRLF; one kind of line break keeps the stored text, the run link and the
    /// error's line numbers the same whichever way the query arrived.
    /// </summary>
    public static string CleanQuery(string? query) => (query ?? "").ReplaceLineEndings("\n").Trim();
}
