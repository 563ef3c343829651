using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace ZarrPS.Engine.Tests.Storage;

public class ZipStoreTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static byte[] Bytes(int count, int seed = 0)
    {
        var b = new byte[count];
        var rng = new Random(seed);
        // Half random, half repetitive: deflate then has something to do without making the data trivial.
        rng.NextBytes(b.AsSpan(0, count / 2));
        for (int i = count / 2; i < count; i++) b[i] = (byte)(i % 13);
        return b;
    }

    /// <summary>The entries written by <see cref="MakeZip"/>, by name, with how each is compressed.</summary>
    private static readonly (string Name, int Size, CompressionLevel Level)[] Sample =
    [
        ("store.zarr/.zgroup", 24, CompressionLevel.NoCompression),
        ("store.zarr/.zattrs", 0, CompressionLevel.NoCompression),
        ("store.zarr/a/.zarray", 300, CompressionLevel.Optimal),
        ("store.zarr/a/0.0", 70_000, CompressionLevel.NoCompression),
        ("store.zarr/a/0.1", 70_000, CompressionLevel.Optimal),
        ("store.zarr/a/1.0", 5, CompressionLevel.Fastest),
        ("store.zarr/b/sub/x", 1000, CompressionLevel.Optimal),
        ("store.zarr/a.b", 3, CompressionLevel.NoCompression),
    ];

    private string MakeZip(string name = "sample.zip")
    {
        string path = _tmp.Combine(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        zip.CreateEntry("store.zarr/"); // folder entries are not keys
        zip.CreateEntry("store.zarr/a/");
        int seed = 0;
        foreach (var (entryName, size, level) in Sample)
        {
            using var s = zip.CreateEntry(entryName, level).Open();
            s.Write(Bytes(size, seed++));
        }
        using (var evil = zip.CreateEntry("../evil").Open()) evil.Write(Bytes(3));
        return path;
    }

    private static byte[] Expected(string name)
    {
        int seed = Array.FindIndex(Sample, e => e.Name == name);
        return Bytes(Sample[seed].Size, seed);
    }

    [Fact]
    public void ReadsEveryEntryStoredOrDeflated()
    {
        using var store = new ZipStore(MakeZip());
        Assert.Equal(Sample.Length, store.Count);
        foreach (var (name, _, _) in Sample)
        {
            using var got = store.Get(name);
            Assert.NotNull(got);
            Assert.Equal(Expected(name), got.Span.ToArray());
            Assert.True(store.Exists(name));
        }
    }

    [Theory]
    [InlineData("store.zarr/a/0.0")] // stored
    [InlineData("store.zarr/a/0.1")] // deflated
    public void ReadsRanges(string name)
    {
        using var store = new ZipStore(MakeZip());
        var all = Expected(name);
        foreach (var (range, start, count) in new[]
        {
            (new ByteRange(0, 10), 0, 10),
            (new ByteRange(12_345, 4_000), 12_345, 4_000),
            (new ByteRange(69_990, 100), 69_990, 10),
            (new ByteRange(80_000, 10), 70_000, 0),
            (ByteRange.Suffix(16), 70_000 - 16, 16),
            (ByteRange.Suffix(100_000), 0, 70_000),
        })
        {
            using var got = store.Get(name, range)!;
            Assert.Equal(all.AsSpan(start, count).ToArray(), got.Span.ToArray());
        }
    }

    [Fact]
    public void MissingKeysFoldersAndUnsafeNamesAreNotValues()
    {
        using var store = new ZipStore(MakeZip());
        Assert.Null(store.Get("store.zarr/missing"));
        Assert.Null(store.Get("store.zarr/a")); // a folder entry / prefix
        Assert.Null(store.Get("a/0.0"));          // keys keep the folder they were stored under
        Assert.False(store.Exists("store.zarr/a"));
        Assert.DoesNotContain(store.List(), k => k.Contains("evil"));
        var e = Assert.Throws<ZarrPSException>(() => store.Get("../evil"));
        Assert.Equal("InvalidStoreKey", e.ErrorId);
        Assert.Contains("'../evil'", e.Message);
    }

    [Fact]
    public void ListsInOrdinalOrder()
    {
        using var store = new ZipStore(MakeZip());
        var expected = Sample.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, store.List());
        Assert.Equal(["store.zarr/a/.zarray", "store.zarr/a/0.0", "store.zarr/a/0.1", "store.zarr/a/1.0"], store.List("store.zarr/a/"));
        Assert.Empty(store.List("store.zarr/nothing/"));

        var top = store.ListDir();
        Assert.Empty(top.Keys);
        Assert.Equal(["store.zarr/"], top.Prefixes);
        var root = store.ListDir("store.zarr/");
        Assert.Equal(["store.zarr/.zattrs", "store.zarr/.zgroup", "store.zarr/a.b"], root.Keys);
        Assert.Equal(["store.zarr/a/", "store.zarr/b/"], root.Prefixes);
        Assert.Equal(["store.zarr/b/sub/"], store.ListDir("store.zarr/b/").Prefixes);
    }

    [Fact]
    public void ManyThreadsReadAtOnce()
    {
        using var store = new ZipStore(MakeZip());
        var expected = Sample.ToDictionary(s => s.Name, s => Expected(s.Name));
        int bad = 0;
        Parallel.For(0, 8 * 25, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (name, size, _) = Sample[i % Sample.Length];
            ByteRange? range = (i / Sample.Length) % 3 == 0 ? new ByteRange(size / 3, size / 2) : null;
            using var got = store.Get(name, range)!;
            var want = range is { } r ? expected[name].AsSpan((int)r.Offset, (int)r.Length) : expected[name];
            if (!got.Span.SequenceEqual(want)) Interlocked.Increment(ref bad);
        });
        Assert.Equal(0, bad);
    }

    [Fact]
    public void ACorruptedStoredEntryFailsItsChecksumNamingTheEntry()
    {
        string path = MakeZip();
        var expected = Expected("store.zarr/a/0.0");
        byte[] file = File.ReadAllBytes(path);
        // Find the stored entry's data (its first 64 bytes are unique in the file) and flip one byte in it.
        int at = file.AsSpan().IndexOf(expected.AsSpan(0, 64));
        Assert.True(at > 0);
        file[at + 100] ^= 0x55;
        File.WriteAllBytes(path, file);

        using var store = new ZipStore(path);
        var e = Assert.Throws<ZarrPSException>(() => store.Get("store.zarr/a/0.0"));
        Assert.Equal("ZipEntryCorrupt", e.ErrorId);
        Assert.Contains("'store.zarr/a/0.0'", e.Message);
        Assert.Contains(path, e.Message);

        // A range cannot be checked; it reads what is there.
        using var part = store.Get("store.zarr/a/0.0", new ByteRange(100, 1))!;
        Assert.Equal(expected[100] ^ 0x55, part.Span[0]);
        using var unchecked_ = new ZipStore(path, verifyChecksums: false);
        Assert.Equal(70_000, unchecked_.Get("store.zarr/a/0.0")!.Length);
    }

    [Fact]
    public void NotAZipIsInvalidDataNamingTheFile()
    {
        string path = _tmp.Combine("not.zip");
        File.WriteAllText(path, "this is not a zip file, only text long enough to be searched for a record");
        var e = Assert.Throws<ZarrPSException>(() => new ZipStore(path));
        Assert.Equal("InvalidZipFile", e.ErrorId);
        Assert.Contains(path, e.Message);

        File.WriteAllBytes(path, []);
        Assert.Equal("InvalidZipFile", Assert.Throws<ZarrPSException>(() => new ZipStore(path)).ErrorId);
    }

    [Fact]
    public void ATruncatedZipIsRefused()
    {
        string path = MakeZip();
        byte[] file = File.ReadAllBytes(path);
        File.WriteAllBytes(path, file.AsSpan(0, file.Length - 30).ToArray());
        var e = Assert.Throws<ZarrPSException>(() => new ZipStore(path));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void AMissingZipIsNotFoundNamingThePath()
    {
        string path = _tmp.Combine("missing.zip");
        var e = Assert.Throws<ZarrPSException>(() => new ZipStore(path));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void DataBeforeTheArchiveIsTolerated()
    {
        // A self-extractor stub shifts every offset; the central directory's position tells by how much.
        string path = MakeZip();
        byte[] zip = File.ReadAllBytes(path);
        string shifted = _tmp.Combine("shifted.zip");
        File.WriteAllBytes(shifted, [.. Bytes(1234, 99), .. zip]);
        using var store = new ZipStore(shifted);
        foreach (var (name, _, _) in Sample)
            Assert.Equal(Expected(name), store.Get(name)!.Span.ToArray());
    }

    [Fact]
    public void ReadsAZip64ArchiveWithMoreThan65535Entries()
    {
        string path = _tmp.Combine("many.zip");
        const int count = 66_000;
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            for (int i = 0; i < count; i++)
            {
                using var s = zip.CreateEntry($"c/{i}", CompressionLevel.NoCompression).Open();
                s.WriteByte((byte)i);
                s.WriteByte((byte)(i >> 8));
            }
        }
        using var store = new ZipStore(path);
        Assert.Equal(count, store.Count);
        foreach (int i in new[] { 0, 1, 65_534, 65_535, 65_536, count - 1 })
            Assert.Equal(new[] { (byte)i, (byte)(i >> 8) }, store.Get($"c/{i}")!.Span.ToArray());
    }

    [Fact]
    public void ReadsAfterDisposeFailClearly()
    {
        var store = new ZipStore(MakeZip());
        store.Dispose();
        var e = Assert.Throws<ZarrPSException>(() => store.Get("store.zarr/a/0.0"));
        Assert.Equal("StoreClosed", e.ErrorId);
        Assert.Contains("'store.zarr/a/0.0'", e.Message);
    }

    [Theory]
    [InlineData("ZIP_STORED")]
    [InlineData("ZIP_DEFLATED")]
    public void ReadsAZipWrittenByZarrPython(string compression)
    {
        string path = _tmp.Combine($"zarr-{compression}.zip");
        string script = $$"""
            import base64, json, sys, zipfile
            import numpy as np, zarr
            store = zarr.ZipStore({{JsonSerializer.Serialize(path)}}, mode="w", compression=zipfile.{{compression}})
            root = zarr.group(store=store)
            root.attrs["title"] = "made by zarr-python"
            a = root.create_dataset("temperature", shape=(50, 60), chunks=(20, 25), dtype="<f4")
            a[:] = np.arange(3000, dtype="<f4").reshape(50, 60) * 0.5
            b = root.create_group("nested").create_dataset("counts", data=np.arange(100, dtype=">i8"), chunks=(30,), compressor=None)
            store.close()
            out = {}
            with zipfile.ZipFile({{JsonSerializer.Serialize(path)}}) as z:
                for info in z.infolist():
                    out[info.filename] = base64.b64encode(z.read(info.filename)).decode()
            json.dump(out, sys.stdout)
            """;
        string json = Fixtures.RunPython(script, _tmp.Path, "zarr", "numpy");
        var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
        Assert.Contains(".zgroup", expected.Keys);
        Assert.Contains("temperature/2.2", expected.Keys);

        using var store = new ZipStore(path);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), store.List());
        foreach (var (key, b64) in expected)
        {
            using var got = store.Get(key)!;
            Assert.Equal(Convert.FromBase64String(b64), got.Span.ToArray());
        }
        var counts = Convert.FromBase64String(expected["nested/counts/1"]);
        Assert.Equal(30 * 8, counts.Length);
        using (var tail = store.Get("nested/counts/1", ByteRange.Suffix(8))!)
            Assert.Equal(counts[^8..], tail.Span.ToArray());
        Assert.Contains("made by zarr-python", Encoding.UTF8.GetString(store.Get(".zattrs")!.Span));
        Assert.Equal(["nested/", "temperature/"], store.ListDir().Prefixes);
    }
}
