using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Zarr;

/// <summary>Bad stores give errors naming the array and chunk key; the process survives.</summary>
public class ZarrBadInputTests
{
    private static (TempDir Tmp, string Store) CopyMatrixArray(string array)
    {
        var tmp = new TempDir();
        string store = tmp["m.zarr"];
        Directory.CreateDirectory(store);
        File.WriteAllText(Path.Combine(store, ".zgroup"), """{"zarr_format": 2}""");
        var src = Fixtures.PathOf(Path.Combine("zarr-python", "matrix.zarr", array));
        var dst = Path.Combine(store, array);
        Directory.CreateDirectory(dst);
        foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(dst, Path.GetFileName(f)));
        return (tmp, store);
    }

    private static ZarrPSException ReadFails(string store, string array)
    {
        var g = ZarrGroup.Open(new DirectoryStore(store));
        return Assert.Throws<ZarrPSException>(() => g.OpenArray(array).ReadAll());
    }

    [Fact]
    public void TruncatedChunkNamesArrayAndKey()
    {
        var (tmp, store) = CopyMatrixArray("blosc_lz4_shuffle_f4");
        using var _ = tmp;
        var chunk = Path.Combine(store, "blosc_lz4_shuffle_f4", "1.0.1");
        var bytes = File.ReadAllBytes(chunk);
        File.WriteAllBytes(chunk, bytes[..(bytes.Length / 2)]);
        var e = ReadFails(store, "blosc_lz4_shuffle_f4");
        Assert.Contains("blosc_lz4_shuffle_f4", e.Message);
        Assert.Contains("'blosc_lz4_shuffle_f4/1.0.1'", e.Message);
        Assert.Equal("ChunkDecodeFailed", e.ErrorId);
    }

    [Theory]
    [InlineData(0, 0x77)]   // version
    [InlineData(3, 0x00)]   // typesize 0
    [InlineData(4, 0xFF)]   // nbytes
    [InlineData(12, 0x01)]  // cbytes
    public void CorruptBloscHeaderNamesArrayAndKey(int offset, byte value)
    {
        var (tmp, store) = CopyMatrixArray("blosc_lz4_shuffle_f4");
        using var _ = tmp;
        var chunk = Path.Combine(store, "blosc_lz4_shuffle_f4", "0.1.0");
        var bytes = File.ReadAllBytes(chunk);
        bytes[offset] = value;
        File.WriteAllBytes(chunk, bytes);
        var e = ReadFails(store, "blosc_lz4_shuffle_f4");
        Assert.Contains("'blosc_lz4_shuffle_f4/0.1.0'", e.Message);
        Assert.Contains("blosc", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(e.ErrorId is "ChunkDecodeFailed" or "ChunkWrongSize", e.ErrorId);
    }

    [Fact]
    public void WrongDtypeStringNamesTheMetadataKey()
    {
        var (tmp, store) = CopyMatrixArray("raw_u1");
        using var _ = tmp;
        var zarray = Path.Combine(store, "raw_u1", ".zarray");
        File.WriteAllText(zarray, File.ReadAllText(zarray).Replace("|u1", "<f3"));
        var g = ZarrGroup.Open(new DirectoryStore(store));
        var e = Assert.Throws<ZarrPSException>(() => g.OpenArray("raw_u1"));
        Assert.Contains("raw_u1/.zarray", e.Message);
        Assert.Contains("'<f3'", e.Message);
        Assert.Equal("InvalidDataType", e.ErrorId);
    }

    [Fact]
    public void ChunkOfWrongDecodedSizeNamesArrayAndKey()
    {
        var (tmp, store) = CopyMatrixArray("raw_u1");
        using var _ = tmp;
        File.WriteAllBytes(Path.Combine(store, "raw_u1", "2.1.2"), new byte[100]);
        var e = ReadFails(store, "raw_u1");
        Assert.Contains("'raw_u1/2.1.2'", e.Message);
        Assert.Equal("ChunkWrongSize", e.ErrorId);
    }

    [Fact]
    public void CompressedChunkOfWrongDecodedSizeNamesArrayAndKey()
    {
        var (tmp, store) = CopyMatrixArray("zlib_f8");
        using var _ = tmp;
        var zlib = CodecRegistry.FromV2(JsonNode.Parse("""{"id":"zlib","level":1}""")!.AsObject(), DataType.Float64) as ZarrPS.Engine.Codecs.IBytesToBytesCodec;
        using var enc = zlib!.Encode(new byte[1000]);
        File.WriteAllBytes(Path.Combine(store, "zlib_f8", "0.0.0"), enc.Span.ToArray());
        var e = ReadFails(store, "zlib_f8");
        Assert.Contains("'zlib_f8/0.0.0'", e.Message);
        Assert.True(e.ErrorId is "ChunkWrongSize" or "ChunkDecodeFailed", e.ErrorId);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    public void KeysLeavingTheStoreAreRefused(string name)
    {
        using var tmp = new TempDir();
        var store = new DirectoryStore(tmp.Path, create: true);
        var g = ZarrGroup.Create(store);
        Assert.Throws<ZarrPSException>(() => g.OpenArray(name));
        var e = Assert.Throws<ZarrPSException>(() => store.Set(name, new byte[1]));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Equal("InvalidStoreKey", e.ErrorId);
        Assert.Equal("InvalidStoreKey", Assert.Throws<ZarrPSException>(() => store.Get(name)).ErrorId);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(tmp.Path)!, "outside")));
    }

    [Fact]
    public void RegionOutsideTheArrayNamesTheDimension()
    {
        var g = ZarrGroup.Open(new DirectoryStore(Fixtures.PathOf("zarrita-v3/v3.zarr")));
        var a = g.OpenArray("zstd_f4");
        var e = Assert.Throws<ZarrPSException>(() => a.ReadRegion([0, 0, 35], [1, 1, 10], new byte[40]));
        Assert.Contains("dimension 'lon' has 40 elements", e.Message);
    }

    [Fact]
    public void MissingArrayListsTheArrays()
    {
        var g = ZarrGroup.Open(new DirectoryStore(Fixtures.PathOf("zarr-python/matrix.zarr")));
        var e = Assert.Throws<ZarrPSException>(() => g.OpenArray("nope"));
        Assert.Contains("no array 'nope'", e.Message);
        Assert.Contains("raw_u1", e.Message);
    }
}
