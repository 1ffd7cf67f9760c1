using Microsoft.Net.Http.Headers;

namespace StockVision.Infrastructure;

/// <summary>The few htmx helpers the design card's Htmx package would give (it is not on the registry).</summary>
public static class Htmx
{
    public const string RequestHeader = "HX-Request";
    public const string RequestTypeHeader = "HX-Request-Type";

    /// <summary>
    /// True for an htmx request that wants a fragment. htmx 4 marks requests that replace the whole body
    /// (history restore, boosted links) with HX-Request-Type: full; those get the full page.
    /// </summary>
    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers[RequestHeader] == "true" && request.Headers[RequestTypeHeader] != "full";

    /// <summary>Caches must keep the fragment and the full page apart.</summary>
    public static void VaryOnHtmx(this HttpResponse response) => response.Headers.Append(HeaderNames.Vary, RequestHeader);

    public static void HxTrigger(this HttpResponse response, string eventName) => response.Headers["HX-Trigger"] = eventName;

    public static void HxPushUrl(this HttpResponse response, string url) => response.Headers["HX-Push-Url"] = url;

    public static void HxRetarget(this HttpResponse response, string selector) => response.Headers["HX-Retarget"] = selector;

    public static void HxRefresh(this HttpResponse response) => response.Headers["HX-Refresh"] = "true";
}
