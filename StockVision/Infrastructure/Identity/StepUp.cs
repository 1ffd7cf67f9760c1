using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace StockVision.Infrastructure.Identity;

/// <summary>
/// Marks a page model or handler as sensitive: it runs only if the user proved who they are (password, and second factor
/// when on) within the step-up window; otherwise they are sent to /account/reauth and brought back.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresRecentSignInAttribute : Attribute;

public sealed class StepUpFilter(TimeProvider clock, IOptions<IdentityOptions> options) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var required = context.HandlerInstance.GetType().GetCustomAttribute<RequiresRecentSignInAttribute>() is not null
            || context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresRecentSignInAttribute>() is not null;
        var user = context.HttpContext.User;
        if (required && user.IsSignedIn() && !IsFresh(user, clock, options.Value))
        {
            var request = context.HttpContext.Request;
            // A form post cannot be replayed after the detour; the user comes back to the page and submits again.
            var back = request.Path + (HttpMethods.IsGet(request.Method) ? request.QueryString.ToString() : "");
            var target = "/account/reauth?returnUrl=" + Uri.EscapeDataString(back);
            if (Htmx.IsHtmx(request))
            {
                context.HttpContext.Response.Headers["HX-Redirect"] = target;
                context.Result = new NoContentResult();
                return;
            }
            context.Result = new RedirectResult(target);
            return;
        }
        await next();
    }

    public static bool IsFresh(System.Security.Claims.ClaimsPrincipal user, TimeProvider clock, IdentityOptions options) =>
        clock.GetUtcNow().UtcDateTime - user.AuthenticatedAt() <= options.StepUpWindow;
}
