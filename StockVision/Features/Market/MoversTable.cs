using StockVision.Engines.Market;

namespace StockVision.Features.Market;

public sealed record MoversTable(string Title, string Id, IReadOnlyList<SessionMove> Moves);
