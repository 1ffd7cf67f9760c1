using Dapper;
using Npgsql;

namespace StockVision.Features.Watchlists;

public sealed record WatchlistSummary(long Id, string Name, int SymbolCount, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record WatchlistItem(string Symbol, string Company, int Position, string? Note, decimal? TargetPrice, DateTime AddedAt);

public enum CreateOutcome { Created, DuplicateName, LimitReached }

public sealed record CreateResult(CreateOutcome Outcome, long Id = 0);

public enum RenameOutcome { Renamed, DuplicateName, NoList }

public enum AddOutcome { Added, AlreadyOnList, ListFull, NoList }

public enum ItemOutcome { Done, NotOnList, NoList }

public enum MoveDirection { Up, Down }

public enum MoveOutcome { Moved, AlreadyAtEdge, NotOnList, NoList }

/// <summary>Where a moved item ended up: its 1-based place among the list's items.</summary>
public sealed record MoveResult(MoveOutcome Outcome, int Place = 0, int Count = 0);

/// <summary>
/// Reads and changes one user's watchlists. Every method takes the signed-in user's id and every statement filters on it,
/// so a list id guessed or copied from another account reads and changes nothing: callers answer 404 for both.
/// </summary>
public sealed class Watchlists(NpgsqlDataSource db)
{
    public const int MaxLists = 20;
    // Equal to Market:Live:MaxSymbolsPerStream's default, so one quote stream can carry a full list.
    public const int MaxItems = 100;
    public const int MaxNameLength = 60;
    public const int MaxNoteLength = 200;

    private const string UniqueNameIndex = "watchlists_user_name";

    public async Task<IReadOnlyList<WatchlistSummary>> ListAsync(long userId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<WatchlistSummary>(new CommandDefinition(WatchlistSql.Lists, new { UserId = userId }, cancellationToken: ct))).ToList();
    }

    public async Task<WatchlistSummary?> GetAsync(long userId, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<WatchlistSummary>(new CommandDefinition(WatchlistSql.List, new { UserId = userId, Id = id }, cancellationToken: ct));
    }

    /// <summary>The list's items in the user's order.</summary>
    public async Task<IReadOnlyList<WatchlistItem>> ItemsAsync(long userId, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<WatchlistItem>(new CommandDefinition(WatchlistSql.Items, new { UserId = userId, Id = id }, cancellationToken: ct))).ToList();
    }

    public async Task<CreateResult> CreateAsync(long userId, string name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(WatchlistSql.LockUser, new { UserId = userId }, tx, cancellationToken: ct));
        if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(WatchlistSql.CountLists, new { UserId = userId }, tx, cancellationToken: ct)) >= MaxLists)
        {
            return new CreateResult(CreateOutcome.LimitReached);
        }
        try
        {
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(WatchlistSql.Create, new { UserId = userId, Name = name }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new CreateResult(CreateOutcome.Created, id);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueNameIndex })
        {
            return new CreateResult(CreateOutcome.DuplicateName);
        }
    }

    public async Task<RenameOutcome> RenameAsync(long userId, long id, string name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var rows = await conn.ExecuteAsync(new CommandDefinition(WatchlistSql.Rename, new { UserId = userId, Id = id, Name = name }, cancellationToken: ct));
            return rows == 1 ? RenameOutcome.Renamed : RenameOutcome.NoList;
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueNameIndex })
        {
            return RenameOutcome.DuplicateName;
        }
    }

    /// <summary>The deleted list's name, or null when the user has no such list. Its items go with it (on delete cascade).</summary>
    public async Task<string?> DeleteAsync(long userId, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(WatchlistSql.Delete, new { UserId = userId, Id = id }, cancellationToken: ct));
    }

    /// <summary>Adds an instrument (by its exact symbol, as stored in <c>instruments</c>) at the end of the list.</summary>
    public Task<AddOutcome> AddAsync(long userId, long id, string symbol, CancellationToken ct) =>
        InLockedListAsync(userId, id, AddOutcome.NoList, async (conn, tx, slots) =>
        {
            if (slots.Any(p => p.Symbol == symbol))
            {
                return (AddOutcome.AlreadyOnList, false);
            }
            if (slots.Count >= MaxItems)
            {
                return (AddOutcome.ListFull, false);
            }
            await conn.ExecuteAsync(new CommandDefinition(WatchlistSql.AddItem, new { UserId = userId, Id = id, Symbol = symbol }, tx, cancellationToken: ct));
            return (AddOutcome.Added, true);
        }, ct);

    public Task<ItemOutcome> RemoveAsync(long userId, long id, string symbol, CancellationToken ct) =>
        InLockedListAsync(userId, id, ItemOutcome.NoList, async (conn, tx, _) =>
        {
            var removed = await conn.ExecuteAsync(new CommandDefinition(WatchlistSql.RemoveItem, new { UserId = userId, Id = id, Symbol = symbol }, tx, cancellationToken: ct)) == 1;
            return (removed ? ItemOutcome.Done : ItemOutcome.NotOnList, removed);
        }, ct);

    /// <summary>Swaps the item with its neighbour above or below (positions may have gaps after removals; only their order counts).</summary>
    public Task<MoveResult> MoveAsync(long userId, long id, string symbol, MoveDirection direction, CancellationToken ct) =>
        InLockedListAsync(userId, id, new MoveResult(MoveOutcome.NoList), async (conn, tx, slots) =>
        {
            var index = slots.FindIndex(p => p.Symbol == symbol);
            if (index < 0)
            {
                return (new MoveResult(MoveOutcome.NotOnList), false);
            }
            var other = direction == MoveDirection.Up ? index - 1 : index + 1;
            if (other < 0 || other >= slots.Count)
            {
                return (new MoveResult(MoveOutcome.AlreadyAtEdge, index + 1, slots.Count), false);
            }
            await conn.ExecuteAsync(new CommandDefinition(WatchlistSql.SwapPositions, new
            {
                UserId = userId,
                Id = id,
                Symbol = symbol,
                slots[index].Position,
                Other = slots[other].Symbol,
                OtherPosition = slots[other].Position,
            }, tx, cancellationToken: ct));
            return (new MoveResult(MoveOutcome.Moved, other + 1, slots.Count), true);
        }, ct);

    public Task<ItemOutcome> UpdateItemAsync(long userId, long id, string symbol, string? note, decimal? targetPrice, CancellationToken ct) =>
        InLockedListAsync(userId, id, ItemOutcome.NoList, async (conn, tx, _) =>
        {
            var updated = await conn.ExecuteAsync(new CommandDefinition(WatchlistSql.UpdateItem,
                new { UserId = userId, Id = id, Symbol = symbol, Note = note, TargetPrice = targetPrice }, tx, cancellationToken: ct)) == 1;
            return (updated ? ItemOutcome.Done : ItemOutcome.NotOnList, updated);
        }, ct);

    private sealed record Slot(string Symbol, int Position);

    /// <summary>
    /// Runs a change to one list's items with the list row locked (so limits and positions hold under concurrent
    /// requests), then marks the list updated when something changed. Returns <paramref name="noList"/> when the user has no such list.
    /// </summary>
    private async Task<T> InLockedListAsync<T>(long userId, long id, T noList,
        Func<NpgsqlConnection, NpgsqlTransaction, List<Slot>, Task<(T Result, bool Changed)>> change, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var key = new { UserId = userId, Id = id };
        if (await conn.ExecuteScalarAsync<string?>(new CommandDefinition(WatchlistSql.LockList, key, tx, cancellationToken: ct)) is null)
        {
            return noList;
        }
        var slots = (await conn.QueryAsync<Slot>(new CommandDefinition(WatchlistSql.Positions, key, tx, cancellationToken: ct))).ToList();
        var (result, changed) = await change(conn, tx, slots);
        if (changed)
        {
            await conn.ExecuteAsync(new CommandDefinition(WatchlistSql.Touch, key, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        return result;
    }
}
