namespace StockVision.Engines.Market.Live;

/// <summary>NSE equities trade in steps of ₹0.05; a price between steps could never have printed.</summary>
internal static class NseTick
{
    public const decimal Size = 0.05m;

    public static decimal Round(decimal price) => Math.Round(price / Size, MidpointRounding.ToEven) * Size;

    /// <summary>Rounds a model price, never below one tick (a share cannot trade at zero).</summary>
    public static decimal Round(double price) =>
        Math.Max(Size, Round((decimal)Math.Clamp(price, 0, 1e12)));
}
