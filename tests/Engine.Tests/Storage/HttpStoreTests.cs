namespace ZarrPS.Engine.Tests.Storage;

public class HttpStoreTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly string _root;
    private readonly HttpTestServer _server;

    public HttpStoreTests()
    {
        _root = _tmp.Combine("matrix.zarr");
        TempDir.CopyTree(Fixtures.MatrixZarr, _root);
        Directory.CreateDirectory(Path.Combine(_root, "odd name"));
        File.WriteAllBytes(Path.Combine(_root, "odd name", "ü+%#?.bin"), Big);
        File.WriteAllBytes(Path.Combine(_root, "big"), Big);
        File.WriteAllBytes(Path.Combine(_root, "empty"), []);
        _server = new HttpTestServer(_root);
    }

    public void Dispose()
    {
        _server.Dispose();
        _tmp.Dispose();
    }

    private static readonly byte[] Big = MakeBig();

    private static byte[] MakeBig()
    {
        var b = new byte[300_000];
        new Random(5).NextBytes(b);
        return b;
    }

    private byte[] FileBytes(string key) => File.ReadAllBytes(Path.Combine(_root, key));

    private HttpStore Store(string mode = "files") => new(_server.Url(mode));

    [Theory]
    [InlineData("files")]
    [InlineData("norange")]
    [InlineData("chunked")]
    public void ReadsWholeValues(string mode)
    {
        var store = Store(mode);
        foreach (var key in new[] { ".zgroup", ".zmetadata", "blosc_lz4_shuffle_f4/.zarray", "blosc_lz4_shuffle_f4/0.0.0", "big" })
        {
            using var got = store.Get(key);
            Assert.NotNull(got);
            Assert.Equal(FileBytes(key), got.Span.ToArray());
        }
        using var empty = store.Get("empty")!;
        Assert.Equal(0, empty.Length);
    }

    [Theory]
    [InlineData("files")]   // 206 replies
    [InlineData("norange")] // 200 replies, sliced here
    [InlineData("chunked")] // 200 replies of unknown length, sliced here
    public void ReadsRangesAndSuffixes(string mode)
    {
        var store = Store(mode);
        foreach (var (range, start, count) in new[]
        {
            (new ByteRange(0, 100), 0, 100),
            (new ByteRange(123_456, 7_890), 123_456, 7_890),
            (new ByteRange(299_990, 100), 299_990, 10),
            (ByteRange.Suffix(64), 300_000 - 64, 64),
            (ByteRange.Suffix(1_000_000), 0, 300_000),
            (new ByteRange(10, 0), 10, 0),
        })
        {
            using var got = store.Get("big", range);
            Assert.NotNull(got);
            Assert.Equal(Big.AsSpan(start, count).ToArray(), got.Span.ToArray());
        }
        using var past = store.Get("big", new ByteRange(400_000, 10))!;
        Assert.Equal(0, past.Length);
    }

    [Fact]
    public void SendsRangeHeaders()
    {
        var store = Store();
        store.Get("big", new ByteRange(5, 10))!.Dispose();
        store.Get("big", ByteRange.Suffix(7))!.Dispose();
        Assert.Contains(_server.Requests, r => r.EndsWith("/files/big bytes=5-14"));
        Assert.Contains(_server.Requests, r => r.EndsWith("/files/big bytes=-7"));
    }

    [Fact]
    public void MissingKeysAreNull()
    {
        var store = Store();
        Assert.Null(store.Get("no/such/key"));
        Assert.Null(store.Get("no/such/key", new ByteRange(0, 4)));
        Assert.False(store.Exists("no/such/key"));
        Assert.True(store.Exists(".zgroup"));

        var forbidden = Store("forbidden");
        Assert.Null(forbidden.Get(".zgroup"));
        Assert.False(forbidden.Exists(".zgroup"));
    }

    [Fact]
    public void ServerErrorsAreReadErrorsNamingTheUrlAndStatus()
    {
        var store = Store("error");
        var e = Assert.Throws<ZarrPSException>(() => store.Get("blosc_lz4_shuffle_f4/0.0.0"));
        Assert.Equal(ErrorKind.ReadError, e.Kind);
        Assert.Equal("HttpReadFailed", e.ErrorId);
        Assert.Contains($"http://127.0.0.1:{_server.Port}/error/blosc_lz4_shuffle_f4/0.0.0", e.Message);
        Assert.Contains("500", e.Message);
        var head = Assert.Throws<ZarrPSException>(() => store.Exists(".zgroup"));
        Assert.Contains("500", head.Message);
    }

    [Fact]
    public void ARefusedConnectionIsAReadErrorNamingTheUrl()
    {
        // A port that was free a moment ago: nothing listens there.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var store = new HttpStore($"http://127.0.0.1:{port}/x.zarr");
        var e = Assert.Throws<ZarrPSException>(() => store.Get(".zgroup"));
        Assert.Equal("HttpReadFailed", e.ErrorId);
        Assert.Contains($"http://127.0.0.1:{port}/x.zarr/.zgroup", e.Message);
    }

    [Fact]
    public void ExistsFallsBackToGetWhenHeadIsNotAllowed()
    {
        var store = Store("nohead");
        Assert.True(store.Exists(".zgroup"));
        Assert.False(store.Exists("missing"));
        Assert.Contains(_server.Requests, r => r.StartsWith("GET /nohead/.zgroup bytes=0-0"));
    }

    [Fact]
    public void KeysAreEscapedPerSegment()
    {
        var store = Store();
        Assert.Equal($"http://127.0.0.1:{_server.Port}/files/odd%20name/%C3%BC%2B%25%23%3F.bin", store.UrlOf("odd name/ü+%#?.bin"));
        using var got = store.Get("odd name/ü+%#?.bin")!;
        Assert.Equal(Big, got.Span.ToArray());
    }

    [Fact]
    public void AQueryStringOnTheBaseUrlIsKept()
    {
        var store = new HttpStore(_server.Url("files") + "/?token=abc");
        Assert.EndsWith("/files/.zgroup?token=abc", store.UrlOf(".zgroup"));
        using var got = store.Get(".zgroup")!;
        Assert.Equal(FileBytes(".zgroup"), got.Span.ToArray());
    }

    [Fact]
    public void InvalidKeysAreRefusedBeforeAnyRequest()
    {
        var store = Store();
        int before = _server.Requests.Count;
        foreach (var key in new[] { "../secret", "/abs", "a\\b", "a//b" })
        {
            var e = Assert.Throws<ZarrPSException>(() => store.Get(key));
            Assert.Contains($"'{key}'", e.Message);
        }
        Assert.Equal(before, _server.Requests.Count);
    }

    [Theory]
    [InlineData("ftp://example.org/x.zarr")]
    [InlineData("not a url")]
    [InlineData("http://example.org/x.zarr#frag")]
    public void BadUrlsAreRefusedNamingThem(string url)
    {
        var e = Assert.Throws<ZarrPSException>(() => new HttpStore(url));
        Assert.Equal("InvalidStoreUrl", e.ErrorId);
        Assert.Contains(url, e.Message);
    }

    [Fact]
    public void CredentialsInTheUrlStayOutOfMessages()
    {
        var store = new HttpStore($"http://user:secret@127.0.0.1:{_server.Port}/error");
        Assert.DoesNotContain("secret", store.Location);
        var e = Assert.Throws<ZarrPSException>(() => store.Get(".zgroup"));
        Assert.DoesNotContain("secret", e.Message);
    }

    [Fact]
    public void ManyThreadsReadAtOnce()
    {
        var store = Store();
        var keys = Directory.GetFiles(Path.Combine(_root, "blosc_lz4_shuffle_f4"), "*")
            .Select(f => "blosc_lz4_shuffle_f4/" + Path.GetFileName(f)).ToArray();
        Assert.NotEmpty(keys);
        int bad = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            string key = keys[i % keys.Length];
            using var got = store.Get(key);
            if (got is null || !got.Span.SequenceEqual(FileBytes(key))) Interlocked.Increment(ref bad);
            using var part = store.Get("big", new ByteRange(i * 1000, 500));
            if (part is null || !part.Span.SequenceEqual(Big.AsSpan(i * 1000, 500))) Interlocked.Increment(ref bad);
        });
        Assert.Equal(0, bad);
    }
}
