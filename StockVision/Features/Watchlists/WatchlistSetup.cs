namespace StockVision.Features.Watchlists;

public static class WatchlistSetup
{
    public static WebApplicationBuilder AddWatchlists(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Watchlists>();
        return builder;
    }
}
