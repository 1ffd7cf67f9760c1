using AngleSharp;
using AngleSharp.Dom;

namespace StockVision.Tests.Support;

public static class Html
{
    public static async Task<IDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html));
    }

    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(HttpClient client, string url, bool htmx = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }
}
