using System.IO.Compression;

namespace ZarrPS.Engine.Tests.Storage;

public class StoreFactoryTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void PathsOpenDirectoryStores()
    {
        string dir = _tmp.Combine("a.zarr");
        Directory.CreateDirectory(dir);
        var store = Assert.IsType<DirectoryStore>(StoreFactory.Open(dir));
        Assert.Equal(dir, store.Location);
    }

    [Fact]
    public void RelativePathsResolveAgainstTheBaseDirectory()
    {
        Directory.CreateDirectory(_tmp.Combine("sub", "b.zarr"));
        var store = Assert.IsType<DirectoryStore>(StoreFactory.Open("sub/b.zarr", baseDirectory: _tmp.Path));
        Assert.Equal(_tmp.Combine("sub", "b.zarr"), store.Location);
        Assert.Equal(_tmp.Combine("c.zarr"), StoreFactory.ResolvePath("sub/../c.zarr", _tmp.Path));
        var e = Assert.Throws<ZarrPSException>(() => StoreFactory.Open("x.zarr", baseDirectory: "relative/base"));
        Assert.Contains("relative/base", e.Message);
    }

    [Fact]
    public void WritableCreatesAMissingFolderAndReadingDoesNot()
    {
        string dir = _tmp.Combine("new", "c.zarr");
        var e = Assert.Throws<ZarrPSException>(() => StoreFactory.Open(dir));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains(dir, e.Message);
        Assert.False(Directory.Exists(dir));

        var store = StoreFactory.OpenWritable(dir);
        store.Set("x", [1, 2, 3]);
        Assert.True(File.Exists(Path.Combine(dir, "x")));
    }

    [Fact]
    public void FileUrlsOpenDirectoryStores()
    {
        string dir = _tmp.Combine("d.zarr");
        Directory.CreateDirectory(dir);
        var store = Assert.IsType<DirectoryStore>(StoreFactory.Open(new Uri(dir).AbsoluteUri));
        Assert.Equal(dir, store.Location);
    }

    [Fact]
    public void ZipPathsOpenReadOnlyZipStores()
    {
        string zip = _tmp.Combine("e.zip");
        using (var z = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var s = z.CreateEntry(".zgroup").Open())
            s.Write("{\"zarr_format\": 2}"u8);

        using (var store = Assert.IsType<ZipStore>(StoreFactory.Open(zip)))
            Assert.True(store.Exists(".zgroup"));
        var e = Assert.Throws<ZarrPSException>(() => StoreFactory.Open(zip, writable: true));
        Assert.Equal(ErrorKind.InvalidOperation, e.Kind);
        Assert.Contains(zip, e.Message);

        var missing = Assert.Throws<ZarrPSException>(() => StoreFactory.Open(_tmp.Combine("nope.zip")));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Contains("nope.zip", missing.Message);
    }

    [Fact]
    public void HttpUrlsOpenReadOnlyHttpStores()
    {
        var store = Assert.IsType<HttpStore>(StoreFactory.Open("https://example.org/data/era5.zarr/"));
        Assert.Equal("https://example.org/data/era5.zarr", store.Location);
        Assert.IsType<HttpStore>(StoreFactory.Open("HTTP://example.org/x.zarr"));
        var e = Assert.Throws<ZarrPSException>(() => StoreFactory.Open("http://example.org/x.zarr", writable: true));
        Assert.Equal(ErrorKind.InvalidOperation, e.Kind);
        Assert.Contains("http://example.org/x.zarr", e.Message);
    }

    [Fact]
    public void MemoryUrlsOpenProcessWideNamedStores()
    {
        string name = "factory-" + Guid.NewGuid().ToString("N");
        var a = StoreFactory.OpenWritable("memory://" + name);
        a.Set("k", [9]);
        var b = Assert.IsType<MemoryStore>(StoreFactory.Open("memory://" + name));
        Assert.Same(a, b);
        Assert.True(b.Exists("k"));
        MemoryStore.RemoveNamed(name);
        Assert.Throws<ZarrPSException>(() => StoreFactory.Open("memory://"));
    }

    [Theory]
    [InlineData("s3://bucket/x.zarr")]
    [InlineData("gs://bucket/x.zarr")]
    public void UnsupportedSchemesAreRefusedNamingTheUrl(string url)
    {
        var e = Assert.Throws<ZarrPSException>(() => StoreFactory.Open(url));
        Assert.Equal(ErrorKind.NotImplemented, e.Kind);
        Assert.Contains(url, e.Message);
    }

    [Fact]
    public void EmptyPathsAreRefused()
    {
        Assert.Equal("InvalidStorePath", Assert.Throws<ZarrPSException>(() => StoreFactory.Open("  ")).ErrorId);
    }
}
