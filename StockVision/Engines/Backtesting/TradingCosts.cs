namespace StockVision.Engines.Backtesting;

/// <summary>
/// Charges on an NSE equity delivery trade, as a contract note computes them. Rates are fractions of turnover unless
/// named per order. Defaults (November 2026):
/// - brokerage: 0 for delivery (discount brokers), configurable as a rate with a cap per order;
/// - STT: 0.1 % of turnover on both the buy and the sell side of a delivery trade (Securities Transaction Tax);
/// - exchange transaction charge: NSE 0.00297 % of turnover (NSE circular, effective 1 Oct 2024);
/// - SEBI turnover fee: ₹10 per crore = 0.0001 %;
/// - stamp duty: 0.015 % on the buy side only (Indian Stamp Act, delivery rate since 1 Jul 2020);
/// - GST: 18 % on brokerage + exchange charge + SEBI fee (not on STT or stamp duty);
/// - slippage: a price concession in basis points, applied to the fill price rather than charged.
/// Each charge is rounded to the paisa, as contract notes do.
/// </summary>
public sealed record TradingCosts(
    decimal BrokerageRate = 0m,
    decimal BrokerageCapPerOrder = 20m,
    decimal SttRate = 0.001m,
    decimal ExchangeRate = 0.0000297m,
    decimal SebiRate = 0.000001m,
    decimal StampDutyBuyRate = 0.00015m,
    decimal GstRate = 0.18m,
    decimal SlippageBasisPoints = 0m)
{
    public static readonly TradingCosts None = new(0, 0, 0, 0, 0, 0, 0, 0);

    public TradeCharges ChargesFor(TradeSide side, decimal turnover)
    {
        var brokerage = Paise(Math.Min(turnover * BrokerageRate, BrokerageCapPerOrder));
        var stt = Paise(turnover * SttRate);
        var exchange = Paise(turnover * ExchangeRate);
        var sebi = Paise(turnover * SebiRate);
        var stamp = side == TradeSide.Buy ? Paise(turnover * StampDutyBuyRate) : 0m;
        var gst = Paise((brokerage + exchange + sebi) * GstRate);
        return new TradeCharges(brokerage, stt, exchange, sebi, stamp, gst);
    }

    /// <summary>The price actually paid (buy) or received (sell) once slippage is conceded.</summary>
    public decimal FillPrice(TradeSide side, decimal price) =>
        side == TradeSide.Buy ? price * (1 + SlippageBasisPoints / 10_000m) : price * (1 - SlippageBasisPoints / 10_000m);

    private static decimal Paise(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

public enum TradeSide
{
    Buy,
    Sell,
}

public sealed record TradeCharges(decimal Brokerage, decimal Stt, decimal ExchangeCharge, decimal SebiFee, decimal StampDuty, decimal Gst)
{
    public decimal Total => Brokerage + Stt + ExchangeCharge + SebiFee + StampDuty + Gst;
}
