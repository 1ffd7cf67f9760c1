namespace StockVision.Engines.Market;

/// <summary>One stock's session: today's close against the previous session's close.</summary>
public sealed record SessionMove(string Symbol, string Name, string? Sector, decimal Close, decimal PreviousClose)
{
    public decimal Change => Close - PreviousClose;

    public double ChangePercent => PreviousClose == 0 ? 0 : (double)(Change / PreviousClose) * 100;
}

public sealed record SectorBreadth(string Sector, int Advancing, int Declining, int Unchanged, double AverageChangePercent)
{
    public int Total => Advancing + Declining + Unchanged;
}

public sealed record MarketBreadth(
    IReadOnlyList<SessionMove> Gainers,
    IReadOnlyList<SessionMove> Losers,
    IReadOnlyList<SectorBreadth> Sectors,
    int Advancing,
    int Declining,
    int Unchanged);

public static class Breadth
{
    /// <summary>
    /// Top gainers and losers by % change, and per sector the advance/decline count and the equal-weighted mean % change.
    /// A stock is unchanged only when its close equals the previous close to the paisa.
    /// </summary>
    public static MarketBreadth Compute(IReadOnlyList<SessionMove> moves, int top = 5)
    {
        var gainers = moves.Where(m => m.Change > 0).OrderByDescending(m => m.ChangePercent).ThenBy(m => m.Symbol, StringComparer.Ordinal).Take(top).ToList();
        var losers = moves.Where(m => m.Change < 0).OrderBy(m => m.ChangePercent).ThenBy(m => m.Symbol, StringComparer.Ordinal).Take(top).ToList();
        var sectors = moves
            .GroupBy(m => m.Sector ?? "Unclassified")
            .Select(g => new SectorBreadth(
                g.Key,
                g.Count(m => m.Change > 0),
                g.Count(m => m.Change < 0),
                g.Count(m => m.Change == 0),
                g.Average(m => m.ChangePercent)))
            .OrderByDescending(s => s.AverageChangePercent)
            .ThenBy(s => s.Sector, StringComparer.Ordinal)
            .ToList();
        return new MarketBreadth(gainers, losers, sectors,
            moves.Count(m => m.Change > 0), moves.Count(m => m.Change < 0), moves.Count(m => m.Change == 0));
    }
}
