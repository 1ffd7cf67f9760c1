using StockVision.Features.Account;
using StockVision.Features.Backtest;
using StockVision.Features.Financials;
using StockVision.Features.Live;
using StockVision.Features.Market;
using StockVision.Features.Screener;
using StockVision.Features.Stocks;
using StockVision.Features.Valuations;
using StockVision.Features.Watchlists;
using StockVision.Infrastructure;
using StockVision.Infrastructure.Identity;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // wwwroot sits at the repository top level and is copied beside the binaries (see StockVision.csproj).
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.Logging.AddJsonConsoleWhenConfigured(builder.Configuration);
builder.AddDatabase();
builder.AddRedisWhenConfigured();
builder.AddHealth();
builder.AddSecurityHeaders();
builder.AddWebPages();
builder.AddIdentity();
builder.AddAccounts();
builder.AddMarket();
builder.AddStocks();
builder.AddFinancials();
builder.AddLive();
builder.AddWatchlists();
builder.AddScreener();
builder.AddBacktests();
builder.AddValuations();

var app = builder.Build();

await app.PrepareDatabaseAsync();
await app.PrepareLiveAsync();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseExceptionHandler("/errors/500");
app.UseStatusCodePagesWithReExecute("/errors/{0}");
app.UseWebStaticFiles();
app.UseRouting();
// Authentication before the output cache: signed-in requests are never answered from it.
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.UseAntiforgery();

app.MapHealth();
app.MapRazorPages();
app.MapFinancials();
app.MapQuoteStream();
app.MapScreenerExport();

await app.RunAsync();
return 0;

public partial class Program;
