namespace StockVision.Features.Valuations;

public static class ValuationsSetup
{
    public static WebApplicationBuilder AddValuations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DcfData>();
        builder.Services.AddSingleton<SavedValuations>();
        return builder;
    }
}
