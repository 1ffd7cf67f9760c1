namespace StockVision.Features.Screener;

public static class ScreenerSetup
{
    public static WebApplicationBuilder AddScreener(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ScreenerData>();
        builder.Services.AddSingleton<SavedScreens>();
        return builder;
    }
}
