using Microsoft.AspNetCore.Mvc;
using StockVision.Engines.Security;
using StockVision.Infrastructure.Identity;

namespace StockVision.Features.Account;

public static class AccountSetup
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var commonPasswords = Path.Combine(AppContext.BaseDirectory, "Data", "passwords", "10k-most-common.txt");
        builder.Services.AddSingleton(_ => CommonPasswords.Load(commonPasswords));
        builder.Services.AddSingleton<Accounts>();
        builder.Services.AddSingleton<AccountMail>();
        builder.Services.AddSingleton<SignInFlow>();
        var secure = builder.Configuration.GetValue("Security:RequireHttps", !builder.Environment.IsDevelopment());
        builder.Services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = secure ? "__Host-sv-td" : "sv-td";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.IsEssential = true;
        });
        return builder;
    }
}
