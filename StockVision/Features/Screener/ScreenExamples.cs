namespace StockVision.Features.Screener;

public sealed record ScreenExample(string Title, string Description, string Query);

public static class ScreenExamples
{
    public static readonly IReadOnlyList<ScreenExample> All =
    [
        new("Quality at a fair price", "High returns on capital, little debt, and cheaper than the industry.",
            "Return on capital employed > 20%\nDebt to equity < 0.5\nPrice to earning < Industry PE"),
        new("Steady compounders", "Sales and profit growing for three years with healthy margins.",
            "Sales growth 3Years > 10%\nNet profit growth 3Years > 12%\nOPM > 15%"),
        new("Large caps near their 52-week low", "Big companies trading within 10% of their lowest price of the year.",
            "Market capitalization > 50,000 Cr\nCurrent price < 1.1 * Low price"),
        new("Banks with clean books", "Low bad loans and a decent return on equity.",
            "Gross NPA < 2.5%\nNet NPA < 0.75%\nReturn on equity > 12%"),
        new("Cash generators", "Free cash flow that is large relative to the company's value.",
            "Free cash flow last year > 0\nFCF yield > 3%\nMarket capitalization > 20,000 Cr"),
        new("Uptrend", "Above the 200-day average, with the 50-day average above the 200-day.",
            "Current price > DMA 200 AND DMA 50 > DMA 200\nReturn over 1year > 15% OR Return over 6months > 10%"),
    ];
}
