namespace StockVision.Infrastructure;

/// <summary>
/// <c>dotnet StockVision.dll healthcheck [url]</c>: the container's HEALTHCHECK. The ASP.NET runtime image carries
/// neither curl nor wget, and the app can ask itself without adding either.
/// </summary>
public static class HealthProbe
{
    public const string DefaultUrl = "http://127.0.0.1:8080/health/live";

    public static bool IsRequested(string[] args) => args is ["healthcheck", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }
            await error.WriteLineAsync($"{url} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{url} did not answer: {e.Message}");
            return 1;
        }
    }
}
