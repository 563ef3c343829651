using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// A read-only store served over HTTP(S): key "a/b" of base URL "https://host/data.zarr" is
/// "https://host/data.zarr/a/b" (each path segment URL-escaped; a query string on the base URL, such as a
/// signature, is kept on every request). A byte range becomes a <c>Range</c> header; a server that ignores it
/// and sends the whole value is sliced locally. 404 and 403 mean a missing key; any other failure is a
/// ReadError naming the URL and the status. The calls are synchronous and safe from many threads; they share
/// one connection pool.
/// </summary>
public sealed class HttpStore : IReadableStore
{
    /// <summary>Connections kept open to one server at most: enough for parallel chunk reads, polite to the server.</summary>
    public const int MaxConnectionsPerServer = 32;

    /// <summary>How long a request may wait for the response headers.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>How long reading a response body may stall without receiving a byte.</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<HttpClient> SharedClient = new(CreateClient);

    private readonly HttpClient _client;
    private readonly string _basePath; // scheme://authority/path without a trailing '/'
    private readonly string _query;    // "" or "?..."

    /// <summary>Opens the store at <paramref name="baseUrl"/> (http or https). Nothing is requested until a key is read.</summary>
    /// <param name="baseUrl">The URL of the store's root, for example https://example.org/era5.zarr.</param>
    /// <param name="client">An HttpClient to use instead of the shared one (for custom authentication or proxies).
    /// It must allow synchronous sends (HTTP/1.1), as the default handler does.</param>
    public HttpStore(string baseUrl, HttpClient? client = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStoreUrl", $"'{baseUrl}' is not an http:// or https:// URL.", baseUrl);
        if (uri.Fragment.Length > 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStoreUrl", $"The store URL '{baseUrl}' has a fragment ('{uri.Fragment}'), which a server never sees.", baseUrl);

        _client = client ?? SharedClient.Value;
        _basePath = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _query = uri.Query;
        // Credentials in the URL are used for requests but kept out of messages.
        Location = uri.UserInfo.Length == 0 ? _basePath + _query : new UriBuilder(uri) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The URL that holds <paramref name="key"/> (validated; each segment escaped).</summary>
    public string UrlOf(string key)
    {
        StoreKey.Validate(key, Location);
        var sb = new StringBuilder(_basePath.Length + key.Length + 16 + _query.Length);
        sb.Append(_basePath);
        foreach (var segment in key.Split('/'))
            sb.Append('/').Append(Uri.EscapeDataString(segment));
        sb.Append(_query);
        return sb.ToString();
    }

    /// <inheritdoc />
    public PooledBuffer? Get(string key, ByteRange? range = null)
    {
        string url = UrlOf(key);
        StoreErrors.CheckRange(range, Location, key);

        // "bytes=a-(a-1)" cannot be written: an empty range only needs to know that the key exists.
        if (range is { } empty && (empty.IsSuffix ? empty.Offset == 0 : empty.Length == 0))
            return Exists(key) ? PooledBuffer.Rent(0) : null;

        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        if (range is { } r)
            request.Headers.Range = r.IsSuffix ? new RangeHeaderValue(null, -r.Offset) : new RangeHeaderValue(r.Offset, r.Offset + r.Length - 1);

        using var response = Send(request, url);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
            case HttpStatusCode.Forbidden:
                return null;
            case HttpStatusCode.RequestedRangeNotSatisfiable when range is not null:
                // The range starts past the end of an existing value: like every store, return no bytes.
                return PooledBuffer.Rent(0);
            case HttpStatusCode.PartialContent when range is not null:
                return ReadPartial(response, url, range.Value);
            case HttpStatusCode.OK:
                return range is { } whole ? ReadSliced(response, url, whole) : ReadBody(response, url, 0, -1);
            default:
                throw Failed("GET", url, response);
        }
    }

    /// <inheritdoc />
    public bool Exists(string key)
    {
        string url = UrlOf(key);
        using (var head = new HttpRequestMessage(HttpMethod.Head, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower })
        using (var response = Send(head, url))
        {
            if (response.IsSuccessStatusCode) return true;
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden) return false;
            if (response.StatusCode is not (HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented))
                throw Failed("HEAD", url, response);
        }

        // Some servers (and some signed URLs) allow only GET: ask for one byte and do not read the body.
        using var get = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        get.Headers.Range = new RangeHeaderValue(0, 0);
        using var reply = Send(get, url);
        if (reply.IsSuccessStatusCode || reply.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return true;
        if (reply.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden) return false;
        throw Failed("GET", url, reply);
    }

    /// <inheritdoc />
    public override string ToString() => $"HttpStore({Location})";

    private HttpResponseMessage Send(HttpRequestMessage request, string url)
    {
        try
        {
            return _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            string why = e is TaskCanceledException ? $"no response within {_client.Timeout.TotalSeconds:0} s" : e.Message;
            throw new ZarrPSException(ErrorKind.ReadError, "HttpReadFailed", $"HTTP {request.Method} {Redact(url)} failed: {why}", Redact(url), e);
        }
    }

    /// <summary>A 206 reply: the body is the requested range (perhaps shortened at the end of the value).</summary>
    private PooledBuffer ReadPartial(HttpResponseMessage response, string url, ByteRange range)
    {
        var contentRange = response.Content.Headers.ContentRange;
        if (contentRange is { From: { } from } && !range.IsSuffix && from != range.Offset)
            throw new ZarrPSException(ErrorKind.ReadError, "HttpReadFailed",
                $"HTTP GET {Redact(url)} returned bytes from {from}, but bytes from {range.Offset} were asked for.", Redact(url));
        long wanted = range.IsSuffix ? -range.Offset : range.Length;
        return ReadBody(response, url, 0, wanted);
    }

    /// <summary>A 200 reply to a range request: the whole value arrives; keep only the range.</summary>
    private PooledBuffer ReadSliced(HttpResponseMessage response, string url, ByteRange range)
    {
        if (response.Content.Headers.ContentLength is { } total)
        {
            (long start, long count) = range.Resolve(total);
            return ReadBody(response, url, start, count);
        }
        using var all = ReadBody(response, url, 0, -1);
        (long s, long c) = range.Resolve(all.Length);
        return PooledBuffer.CopyOf(all.Span.Slice((int)s, (int)c));
    }

    /// <summary>Reads <paramref name="take"/> bytes (or all with -1) after skipping <paramref name="skip"/>; fewer when the body is shorter.</summary>
    private PooledBuffer ReadBody(HttpResponseMessage response, string url, long skip, long take)
    {
        long? declared = response.Content.Headers.ContentLength;
        if (declared is { } d)
        {
            long available = Math.Max(0, d - skip);
            take = take < 0 ? available : Math.Min(take, available);
            if (take > Array.MaxLength) throw StoreErrors.TooLarge(Location, url, take);
        }

        PooledBuffer? buffer = null;
        try
        {
            using var body = response.Content.ReadAsStream();
            if (skip > 0) Skip(body, skip, url);
            if (declared is null)
            {
                buffer = ReadToEnd(body);
                if (take >= 0 && buffer.Length > take) buffer.Truncate((int)take);
                return buffer;
            }

            buffer = PooledBuffer.Rent((int)take);
            int total = 0;
            while (total < take)
            {
                int n = body.Read(buffer.Span[total..]);
                if (n == 0) throw new IOException($"the connection closed after {skip + total} bytes, {skip + take} expected");
                total += n;
            }
            return buffer;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or SocketException or OperationCanceledException)
        {
            buffer?.Dispose();
            throw new ZarrPSException(ErrorKind.ReadError, "HttpReadFailed",
                $"HTTP GET {Redact(url)} ({(int)response.StatusCode} {response.ReasonPhrase}) failed while reading the body: {e.Message}", Redact(url), e);
        }
        catch
        {
            buffer?.Dispose();
            throw;
        }
    }

    private static void Skip(Stream body, long count, string url)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (count > 0)
            {
                int n = body.Read(scratch, 0, (int)Math.Min(scratch.Length, count));
                if (n == 0) throw new IOException($"the body of {Redact(url)} ended before the requested range");
                count -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static PooledBuffer ReadToEnd(Stream body)
    {
        byte[] array = ArrayPool<byte>.Shared.Rent(64 * 1024);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == array.Length)
                {
                    if (array.Length >= Array.MaxLength) throw new IOException("the response is larger than one buffer can hold");
                    byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)array.Length * 2, Array.MaxLength));
                    array.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = bigger;
                }
                int n = body.Read(array, length, array.Length - length);
                if (n == 0) break;
                length += n;
            }
            return PooledBuffer.CopyOf(array.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private static ZarrPSException Failed(string method, string url, HttpResponseMessage response) =>
        new(ErrorKind.ReadError, "HttpReadFailed",
            $"HTTP {method} {Redact(url)} failed with status {(int)response.StatusCode} ({response.ReasonPhrase}).", Redact(url));

    /// <summary>Drops credentials from a URL before it appears in a message.</summary>
    private static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.UserInfo.Length > 0
            ? new UriBuilder(u) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Path)
            : url;

    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxConnectionsPerServer,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(20),
            // A transparently decompressed body would not match the byte ranges asked for.
            AutomaticDecompression = DecompressionMethods.None,
            // Reads are synchronous; a receive timeout on the socket bounds a stalled body read, which the
            // client's Timeout (headers only, with ResponseHeadersRead) does not.
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
                {
                    NoDelay = true,
                    ReceiveTimeout = (int)StallTimeout.TotalMilliseconds,
                    SendTimeout = (int)StallTimeout.TotalMilliseconds,
                };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { Timeout = RequestTimeout };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ZarrPS", typeof(HttpStore).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return client;
    }
}
