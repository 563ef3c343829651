using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZarrPS.Engine.Tests.Storage;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 (a free port) for the HttpStore tests. The first path segment
/// picks a behaviour: "files" serves the folder with Range support, "norange" ignores Range (200 with the whole
/// file), "chunked" ignores Range and sends no Content-Length, "nohead" answers HEAD with 405, "error" always 500,
/// "forbidden" always 403. Missing files are 404.
/// </summary>
internal sealed class HttpTestServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public HttpTestServer(string root)
    {
        _root = root;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public string Url(string mode) => $"http://127.0.0.1:{Port}/{mode}";

    /// <summary>Every request seen, as "METHOD /path range".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _acceptLoop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                // Keep-alive: several requests per connection, until the client closes it or the server stops.
                for (int n = 0; n < 10_000 && !_stop.IsCancellationRequested; n++)
                {
                    var head = await ReadHead(stream);
                    if (head is null) return;
                    await Respond(stream, head);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task<string[]?> ReadHead(NetworkStream stream)
    {
        var bytes = new List<byte>(512);
        var one = new byte[1];
        while (bytes.Count < 16 * 1024)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            int n = await stream.ReadAsync(one, timeout.Token);
            if (n == 0) return null;
            bytes.Add(one[0]);
            int c = bytes.Count;
            if (c >= 4 && bytes[c - 4] == '\r' && bytes[c - 3] == '\n' && bytes[c - 2] == '\r' && bytes[c - 1] == '\n')
                return Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }
        return null;
    }

    private async Task Respond(NetworkStream stream, string[] head)
    {
        var parts = head[0].Split(' ');
        string method = parts[0], target = parts[1];
        string? range = head.Skip(1).Select(h => h.Split(':', 2)).Where(h => h[0].Trim().Equals("Range", StringComparison.OrdinalIgnoreCase))
            .Select(h => h[1].Trim()).FirstOrDefault();
        Requests.Enqueue($"{method} {target} {range}");

        int slash = target.IndexOf('/', 1);
        string mode = slash < 0 ? target[1..] : target[1..slash];
        string relative = slash < 0 ? "" : string.Join('/', target[(slash + 1)..].Split('?')[0].Split('/').Select(Uri.UnescapeDataString));
        string file = Path.Combine(_root, relative);

        if (mode == "error") { await Send(stream, method, 500, "Internal Server Error", Encoding.ASCII.GetBytes("boom"), []); return; }
        if (mode == "forbidden") { await Send(stream, method, 403, "Forbidden", [], []); return; }
        if (mode == "nohead" && method == "HEAD") { await Send(stream, method, 405, "Method Not Allowed", [], ["Allow: GET"]); return; }
        if (relative.Length == 0 || relative.Split('/').Contains("..") || !File.Exists(file)) { await Send(stream, method, 404, "Not Found", [], []); return; }

        byte[] data = await File.ReadAllBytesAsync(file);
        if (mode == "chunked")
        {
            await SendChunked(stream, method, data);
            return;
        }
        if (range is not null && mode is "files" or "nohead" && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            string spec = range["bytes=".Length..];
            string[] ab = spec.Split('-');
            long start, end;
            if (ab[0].Length == 0)
            {
                long suffix = long.Parse(ab[1]);
                start = Math.Max(0, data.Length - suffix);
                end = data.Length - 1;
            }
            else
            {
                start = long.Parse(ab[0]);
                end = ab[1].Length == 0 ? data.Length - 1 : Math.Min(long.Parse(ab[1]), data.Length - 1);
            }
            if (start >= data.Length || data.Length == 0)
            {
                await Send(stream, method, 416, "Range Not Satisfiable", [], [$"Content-Range: bytes */{data.Length}"]);
                return;
            }
            await Send(stream, method, 206, "Partial Content", data[(int)start..(int)(end + 1)], [$"Content-Range: bytes {start}-{end}/{data.Length}"]);
            return;
        }
        await Send(stream, method, 200, "OK", data, []);
    }

    private static async Task Send(NetworkStream stream, string method, int status, string reason, byte[] body, string[] headers)
    {
        var sb = new StringBuilder();
        sb.Append($"HTTP/1.1 {status} {reason}\r\nContent-Length: {body.Length}\r\nContent-Type: application/octet-stream\r\n");
        foreach (var h in headers) sb.Append(h).Append("\r\n");
        sb.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()));
        if (method != "HEAD") await stream.WriteAsync(body);
    }

    private static async Task SendChunked(NetworkStream stream, string method, byte[] body)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        if (method == "HEAD") return;
        for (int at = 0; at < body.Length; at += 1000)
        {
            int n = Math.Min(1000, body.Length - at);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{n:x}\r\n"));
            await stream.WriteAsync(body.AsMemory(at, n));
            await stream.WriteAsync("\r\n"u8.ToArray());
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
    }
}
