namespace StockVision.Features.Live.Providers;

public static class ProviderSetup
{
    /// <summary>
    /// Registers the Finnhub and Twelve Data typed clients and binds their options. Registration alone calls nothing:
    /// whoever builds the source chain includes a provider only when its IsConfigured says a key is present.
    /// </summary>
    public static IServiceCollection AddQuoteProviders(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<FinnhubOptions>(config.GetSection(FinnhubOptions.Section));
        services.Configure<TwelveDataOptions>(config.GetSection(TwelveDataOptions.Section));
        services.AddHttpClient<FinnhubQuoteSource>();
        services.AddHttpClient<TwelveDataQuoteSource>();
        return services;
    }
}
