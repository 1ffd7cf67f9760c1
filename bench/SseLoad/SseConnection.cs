using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SseLoad;

/// <summary>
/// One subscriber: a hand-written HTTP/1.1 GET on its own socket, then a byte-at-a-time reader of the chunked SSE
/// body that keeps only what latency needs (each event's <c>id:</c> and whether it is named). No strings, lines or
/// tasks per message: ten thousand of these share two cores with the server they measure.
/// </summary>
internal sealed class SseConnection(IPEndPoint server, byte[] request, LoadStats stats)
{
    // A tick is five ~700-byte events per connection; 16 KB takes a backlog of several in one receive.
    private const int BufferSize = 16 * 1024;
    private static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(30);
    private static readonly ulong IdField = Pack("id"u8);
    private static readonly ulong EventField = Pack("event"u8);

    private Socket? socket;
    private long connectedAtMs;

    private Body body;
    private long chunkRemaining;

    private Field field;
    private int nameLength;
    private ulong name;
    private int valueLength;
    private long id;
    private bool idValid;
    private bool eventHasId;
    private long eventId;
    private bool eventNamed;

    private enum Body : byte { Identity, ChunkSize, ChunkExtension, ChunkData, ChunkDataEnd }

    private enum Field : byte { Name, Id, Event, Skip }

    public async Task RunAsync()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket = s;
        var buffer = new byte[BufferSize];
        int bodyStart, filled = 0;
        try
        {
            using (var timeout = new CancellationTokenSource(HeadersTimeout))
            {
                await s.ConnectAsync(server, timeout.Token);
                await s.SendAsync(request, SocketFlags.None, timeout.Token);
                while (true)
                {
                    var n = await s.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
                    if (n == 0)
                    {
                        stats.Failed("closed before the response headers");
                        return;
                    }
                    filled += n;
                    var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                    if (end >= 0)
                    {
                        bodyStart = end + 4;
                        break;
                    }
                    if (filled == buffer.Length)
                    {
                        stats.Failed("response headers too long");
                        return;
                    }
                }
            }
            var headers = Encoding.ASCII.GetString(buffer, 0, bodyStart);
            if (!headers.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
            {
                stats.Failed(headers[..headers.IndexOf('\r', StringComparison.Ordinal)]);
                return;
            }
            body = headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Body.ChunkSize : Body.Identity;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            stats.Failed(e is OperationCanceledException ? "no response headers within 30 s" : e.Message);
            s.Dispose();
            return;
        }

        connectedAtMs = LoadStats.NowMs();
        stats.Connected();
        try
        {
            var open = FeedBody(buffer.AsSpan(bodyStart, filled - bodyStart), connectedAtMs);
            while (open)
            {
                // No token: stopping closes the socket, which ends this receive, and a token registration per
                // receive would cost ten thousand registrations a tick.
                var n = await s.ReceiveAsync(buffer, SocketFlags.None);
                open = n > 0 && FeedBody(buffer.AsSpan(0, n), LoadStats.NowMs());
            }
            stats.Closed(stats.Stopping ? null : "server ended the stream");
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            stats.Closed(stats.Stopping ? null : e.Message);
        }
        finally
        {
            s.Dispose();
        }
    }

    public void Close() => socket?.Dispose();

    /// <summary>De-chunks the response body into the SSE reader; false when the response ended or is malformed.</summary>
    private bool FeedBody(ReadOnlySpan<byte> data, long nowMs)
    {
        while (!data.IsEmpty)
        {
            if (body == Body.Identity)
            {
                FeedEvents(data, nowMs);
                return true;
            }
            if (body == Body.ChunkData)
            {
                var n = (int)Math.Min(chunkRemaining, data.Length);
                FeedEvents(data[..n], nowMs);
                data = data[n..];
                chunkRemaining -= n;
                if (chunkRemaining == 0)
                {
                    body = Body.ChunkDataEnd;
                }
                continue;
            }
            var b = data[0];
            data = data[1..];
            if (b == '\r')
            {
                continue;
            }
            switch (body)
            {
                case Body.ChunkSize when b == '\n':
                    if (chunkRemaining == 0)
                    {
                        return false;
                    }
                    body = Body.ChunkData;
                    break;
                case Body.ChunkSize when b == ';':
                    body = Body.ChunkExtension;
                    break;
                case Body.ChunkSize:
                    var digit = HexValue(b);
                    if (digit < 0)
                    {
                        return false;
                    }
                    chunkRemaining = chunkRemaining * 16 + digit;
                    break;
                case Body.ChunkExtension when b == '\n':
                    if (chunkRemaining == 0)
                    {
                        return false;
                    }
                    body = Body.ChunkData;
                    break;
                case Body.ChunkDataEnd when b == '\n':
                    body = Body.ChunkSize;
                    break;
                case Body.ChunkDataEnd:
                    return false;
            }
        }
        return true;
    }

    private void FeedEvents(ReadOnlySpan<byte> data, long nowMs)
    {
        while (!data.IsEmpty)
        {
            if (field == Field.Skip)
            {
                // data: lines are most of the bytes; let the vectorised search step over them.
                var newline = data.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return;
                }
                data = data[(newline + 1)..];
                StartLine();
                continue;
            }
            var b = data[0];
            data = data[1..];
            if (b == '\r')
            {
                continue;
            }
            switch (field)
            {
                case Field.Name when b == '\n':
                    if (nameLength == 0)
                    {
                        Dispatch(nowMs);
                    }
                    StartLine();
                    break;
                case Field.Name when b == ':':
                    field = nameLength == 0 ? Field.Skip
                        : name == IdField && nameLength == 2 ? Field.Id
                        : name == EventField && nameLength == 5 ? Field.Event
                        : Field.Skip;
                    // -1: the value's first byte is still to come, and a space there is not part of it.
                    valueLength = -1;
                    id = -1;
                    idValid = true;
                    break;
                case Field.Name:
                    if (nameLength == 8)
                    {
                        field = Field.Skip;
                        break;
                    }
                    name = name << 8 | b;
                    nameLength++;
                    break;
                case Field.Id when b == '\n':
                    eventHasId = idValid && id >= 0;
                    eventId = id;
                    StartLine();
                    break;
                case Field.Id:
                    if (valueLength++ < 0 && b == ' ')
                    {
                        break;
                    }
                    if (b is >= (byte)'0' and <= (byte)'9')
                    {
                        id = Math.Max(id, 0) * 10 + (b - '0');
                    }
                    else
                    {
                        idValid = false;
                    }
                    break;
                case Field.Event when b == '\n':
                    StartLine();
                    break;
                case Field.Event:
                    if (valueLength++ < 0 && b == ' ')
                    {
                        break;
                    }
                    eventNamed = true;
                    break;
            }
        }
    }

    private void StartLine()
    {
        field = Field.Name;
        nameLength = 0;
        name = 0;
    }

    private void Dispatch(long nowMs)
    {
        if (eventNamed)
        {
            stats.Heartbeat();
        }
        else if (eventHasId)
        {
            // The stream opens with the current quote of each symbol, stamped before this connection existed.
            if (eventId < connectedAtMs)
            {
                stats.Snapshot();
            }
            else
            {
                stats.Message(eventId, nowMs);
            }
        }
        eventHasId = false;
        eventNamed = false;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static ulong Pack(ReadOnlySpan<byte> text)
    {
        ulong packed = 0;
        foreach (var b in text)
        {
            packed = packed << 8 | b;
        }
        return packed;
    }
}
