using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace StockVision.Tests.Support;

/// <summary>A real SSE client on an HttpClient: events are parsed as they arrive and waited for under a timeout.</summary>
public sealed class SseConnection : IAsyncDisposable
{
    private readonly Channel<SseItem<string>> events = Channel.CreateUnbounded<SseItem<string>>();
    private readonly CancellationTokenSource stop = new();
    private readonly HttpResponseMessage response;
    private readonly Task pump;

    private SseConnection(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in SseParser.Create(body).EnumerateAsync(stop.Token))
                {
                    events.Writer.TryWrite(item);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
            }
            finally
            {
                events.Writer.TryComplete();
            }
        });
    }

    public HttpResponseMessage Response => response;

    public static async Task<SseConnection> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return new SseConnection(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The next event that matches (others are skipped), or a TimeoutException naming what was awaited.</summary>
    public async Task<SseItem<string>> NextAsync(Func<SseItem<string>, bool>? match = null, TimeSpan? timeout = null, string? what = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var item = await events.Reader.ReadAsync(cts.Token);
                if (match is null || match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No SSE event {what ?? "matching"} arrived in time.");
        }
    }

    /// <summary>Everything received so far that has not been read.</summary>
    public IReadOnlyList<SseItem<string>> Drain()
    {
        var list = new List<SseItem<string>>();
        while (events.Reader.TryRead(out var item))
        {
            list.Add(item);
        }
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        await pump;
        stop.Dispose();
    }
}
