using System.Text;

namespace ZarrPS.Engine.Tests.Storage;

public class DirectoryStoreTests : WritableStoreContract
{
    private readonly TempDir _tmp = new();
    private readonly DirectoryStore _store;

    public DirectoryStoreTests()
    {
        RootPath = _tmp.Combine("root");
        _store = new DirectoryStore(RootPath, create: true) { UseManagedIo = ManagedIo };
    }

    protected virtual bool ManagedIo => false;

    protected string RootPath { get; }

    protected override IWritableStore Store => _store;

    public override void Dispose()
    {
        _tmp.Dispose();
        base.Dispose();
    }

    private string[] TempFiles() =>
        Directory.GetFiles(RootPath, "*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 });

    [Fact]
    public void KeysAreFilesUnderTheRoot()
    {
        Store.Set("g/arr/.zarray", Encoding.UTF8.GetBytes("{}"));
        Store.Set("g/arr/0.0", Bytes(10));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(RootPath, "g", "arr", ".zarray")));
        Assert.Equal(Bytes(10), File.ReadAllBytes(Path.Combine(RootPath, "g", "arr", "0.0")));
        Assert.Equal(Path.Combine(RootPath, "g", "arr", "0.0"), _store.PathOf("g/arr/0.0"));
    }

    [Fact]
    public void WritesLeaveNoTemporaryFiles()
    {
        for (int i = 0; i < 20; i++) Store.Set($"x/{i % 3}", Bytes(1000 + i));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public void TemporaryFilesAreNotListed()
    {
        Store.Set("a/v", Bytes(3));
        string stray = Path.Combine(RootPath, "a", "." + "v" + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllBytes(stray, Bytes(2));
        Assert.Equal(["a/v"], Store.List());
        Assert.Equal(["a/v"], Store.ListDir("a/").Keys);
        Assert.True(DirectoryStore.IsTempName(Path.GetFileName(stray)));
        Assert.False(DirectoryStore.IsTempName(".zarray"));
        Assert.False(DirectoryStore.IsTempName(".zarray.tmp"));
    }

    [Fact]
    public void AFailedWriteLeavesNoTemporaryFileAndNamesTheKey()
    {
        // A folder where the value should go: the rename fails after the temporary file was written.
        Directory.CreateDirectory(Path.Combine(RootPath, "g", "taken", "inner"));
        var e = Assert.Throws<ZarrPSException>(() => Store.Set("g/taken", Bytes(100)));
        Assert.Equal(ErrorKind.WriteError, e.Kind);
        Assert.Contains("'g/taken'", e.Message);
        Assert.Empty(TempFiles());
        Assert.True(Directory.Exists(Path.Combine(RootPath, "g", "taken", "inner")));
    }

    [Fact]
    public void AFileInPlaceOfAFolderIsAWriteErrorNamingTheKey()
    {
        Store.Set("a", Bytes(3));
        var e = Assert.Throws<ZarrPSException>(() => Store.Set("a/b", Bytes(3)));
        Assert.Equal(ErrorKind.WriteError, e.Kind);
        Assert.Contains("'a/b'", e.Message);
        Assert.Null(Store.Get("a/b"));
        Assert.Equal(Bytes(3), Read("a"));
    }

    [Fact]
    public void AFolderIsNotAValue()
    {
        Directory.CreateDirectory(Path.Combine(RootPath, "dir", "sub"));
        Assert.Null(Store.Get("dir"));
        Assert.Null(Store.Get("dir", new ByteRange(0, 4)));
        Assert.Null(Store.Get("dir", ByteRange.Suffix(4)));
        Assert.False(Store.Exists("dir"));
        Assert.False(Store.Delete("dir"));
        Assert.True(Directory.Exists(Path.Combine(RootPath, "dir", "sub")));
    }

    [Fact]
    public void InvalidKeysWriteNothingOutsideTheRoot()
    {
        foreach (var key in new[] { "../escape", "../../escape", "a/../../escape", "/tmp/escape-" + Guid.NewGuid().ToString("N"), "..\\escape" })
        {
            Assert.Throws<ZarrPSException>(() => Store.Set(key, Bytes(4)));
            Assert.Throws<ZarrPSException>(() => Store.Get(key));
            Assert.Throws<ZarrPSException>(() => Store.Delete(key));
        }
        Assert.Equal([RootPath], Directory.GetFileSystemEntries(_tmp.Path));
        Assert.Empty(Directory.GetFileSystemEntries(RootPath));
    }

    [Fact]
    public void DeletePrefixRemovesTheFolders()
    {
        Store.Set("g/a/0", Bytes(1));
        Store.Set("g/a/sub/1", Bytes(1));
        Store.Set("g/keep", Bytes(1));
        Store.DeletePrefix("g/a/");
        Assert.False(Directory.Exists(Path.Combine(RootPath, "g", "a")));
        Assert.True(File.Exists(Path.Combine(RootPath, "g", "keep")));
        Store.Delete("g/keep");
        Assert.False(Directory.Exists(Path.Combine(RootPath, "g")));
        Assert.True(Directory.Exists(RootPath));
        Store.Set("h/x", Bytes(1));
        Store.DeletePrefix("");
        Assert.True(Directory.Exists(RootPath));
        Assert.Empty(Directory.GetFileSystemEntries(RootPath));
    }

    [Fact]
    public void DeletePrefixDoesNotFollowALinkOutOfTheStore()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("symbolic links need privileges on Windows");
        string outside = _tmp.Combine("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllBytes(Path.Combine(outside, "precious"), Bytes(5));
        Directory.CreateSymbolicLink(Path.Combine(RootPath, "link"), outside);

        Assert.Equal(Bytes(5), Read("link/precious")); // links inside the root are followed for reading
        Store.DeletePrefix("link/");
        Assert.False(Directory.Exists(Path.Combine(RootPath, "link")));
        Assert.True(File.Exists(Path.Combine(outside, "precious")));
    }

    [Fact]
    public void ListingStopsAtLinkedFoldersAndSkipsDanglingLinks()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("symbolic links need privileges on Windows");
        Store.Set("a/x", Bytes(1));
        Store.Set("b/y", Bytes(2));
        Directory.CreateSymbolicLink(Path.Combine(RootPath, "a", "loop"), RootPath); // a cycle
        File.CreateSymbolicLink(Path.Combine(RootPath, "a", "gone"), _tmp.Combine("no-such-file"));
        File.CreateSymbolicLink(Path.Combine(RootPath, "a", "alias"), Path.Combine(RootPath, "b", "y"));

        Assert.Equal(["a/alias", "a/x", "b/y"], Store.List());
        Assert.Equal(["a/alias", "a/x"], Store.ListDir("a/").Keys);
        Assert.Null(Store.Get("a/gone"));
        Assert.False(Store.Exists("a/gone"));
        Assert.True(Store.Exists("a/alias"));
        Assert.Equal(Bytes(2), Read("a/alias"));
        Assert.Equal(Bytes(1), Read("a/loop/a/x"));
    }

    [Fact]
    public void AMissingRootIsNotFoundNamingThePath()
    {
        string missing = _tmp.Combine("nope", "store.zarr");
        var e = Assert.Throws<ZarrPSException>(() => new DirectoryStore(missing));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains(missing, e.Message);
        Assert.False(Directory.Exists(missing));

        var created = new DirectoryStore(missing, create: true);
        Assert.True(Directory.Exists(missing));
        Assert.Equal(missing, created.Location);
    }

    [Fact]
    public void AFileAsRootIsRefused()
    {
        string file = _tmp.Combine("file.zarr");
        File.WriteAllBytes(file, Bytes(2));
        var e = Assert.Throws<ZarrPSException>(() => new DirectoryStore(file, create: true));
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void ReadsTheZarrPythonFixtureLikeTheFileSystem()
    {
        string copy = _tmp.Combine("matrix.zarr");
        TempDir.CopyTree(Fixtures.MatrixZarr, copy);
        var store = new DirectoryStore(copy) { UseManagedIo = ManagedIo };

        var files = Directory.GetFiles(copy, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(copy, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(".zmetadata", files);
        Assert.Equal(files, store.List());
        foreach (var key in files.Take(200))
        {
            using var b = store.Get(key)!;
            Assert.Equal(File.ReadAllBytes(Path.Combine(copy, key)), b.Span.ToArray());
        }
        var top = store.ListDir();
        Assert.Contains(".zgroup", top.Keys);
        Assert.Contains("blosc_lz4_shuffle_f4/", top.Prefixes);
    }

    [Fact]
    public void FlushToDiskWritesTheSameBytes()
    {
        var durable = new DirectoryStore(RootPath, flushToDisk: true);
        durable.Set("d/v", Bytes(3000));
        Assert.Equal(Bytes(3000), Read("d/v"));
        Assert.Empty(TempFiles());
    }
}

/// <summary>The same tests through File.OpenHandle instead of the Linux fast path.</summary>
public class DirectoryStoreManagedIoTests : DirectoryStoreTests
{
    protected override bool ManagedIo => true;
}
