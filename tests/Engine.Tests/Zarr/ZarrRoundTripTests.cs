using System.Text.Json.Nodes;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Codecs;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Zarr;

/// <summary>Arrays written with each codec, filter, format and layout read back identically.</summary>
public class ZarrRoundTripTests
{
    internal static float[] Ramp(int n, int seed = 1)
    {
        var r = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(Math.Sin(i * 0.01) * 20 + r.NextDouble());
        return a;
    }

    internal static ArrayMetadata V2(long[] shape, int[] chunks, string dtype, JsonObject? compressor, JsonArray? filters = null, char order = 'C', char sep = '.', JsonNode? fill = null)
    {
        var t = DataType.ParseTypeString(dtype);
        return new ArrayMetadata
        {
            ZarrFormat = 2,
            Shape = shape,
            ChunkShape = chunks,
            DType = t,
            FillValue = ZarrFillValue.Parse(fill ?? JsonValue.Create(0), t, "test"),
            Codecs = CodecChain.FromV2(t, order, filters, compressor),
            KeyEncoding = new ChunkKeyEncoding(false, sep),
            Order = order,
            V2Compressor = compressor,
            V2Filters = filters,
            DimensionNames = shape.Select((_, i) => (string?)$"d{i}").ToArray(),
        };
    }

    internal static ArrayMetadata V3(long[] shape, int[] chunks, DataType dtype, JsonArray codecs, JsonNode? fill = null) => new()
    {
        ZarrFormat = 3,
        Shape = shape,
        ChunkShape = chunks,
        DType = dtype,
        FillValue = ZarrFillValue.Parse(fill ?? JsonValue.Create(0), dtype, "test"),
        Codecs = CodecChain.FromV3(codecs, dtype),
        KeyEncoding = ChunkKeyEncoding.V3Slash,
        DimensionNames = shape.Select((_, i) => (string?)$"d{i}").ToArray(),
    };

    public static TheoryData<string> Compressors() =>
    [
        """{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""",
        """{"id":"blosc","cname":"zstd","clevel":3,"shuffle":2,"blocksize":0}""",
        """{"id":"blosc","cname":"zlib","clevel":1,"shuffle":0,"blocksize":0}""",
        """{"id":"blosc","cname":"lz4hc","clevel":5,"shuffle":1,"blocksize":0}""",
        """{"id":"blosc","cname":"blosclz","clevel":5,"shuffle":1,"blocksize":0}""",
        """{"id":"blosc","cname":"snappy","clevel":5,"shuffle":1,"blocksize":0}""",
        """{"id":"zstd","level":3}""",
        """{"id":"zlib","level":5}""",
        """{"id":"gzip","level":5}""",
        """{"id":"lz4","acceleration":1}""",
        """{"id":"bz2","level":5}""",
        "null",
    ];

    [Theory]
    [MemberData(nameof(Compressors))]
    public void V2CompressorRoundTripsWithEdgeChunks(string compressorJson)
    {
        var store = new MemoryStore();
        var comp = JsonNode.Parse(compressorJson) as JsonObject;
        var meta = V2([13, 17, 19], [5, 8, 7], "<f4", comp);
        var a = ZarrArray.Create(store, "x", meta);
        var data = Ramp(13 * 17 * 19);
        a.WriteRegion([0, 0, 0], [13, 17, 19], System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        var back = ZarrArray.Open(store, "x");
        var got = (float[,,])back.ReadAll();
        Assert.Equal(data, got.Cast<float>());
        // 3 x 3 x 3 chunks, all written, edge ones included
        Assert.Equal(27, store.List("x/").Count(k => !k.EndsWith(".zarray") && !k.EndsWith(".zattrs")));
    }

    public static TheoryData<string, string> Filters() => new()
    {
        { "<i4", """[{"id":"delta","dtype":"<i4","astype":"<i4"}]""" },
        { "<i8", """[{"id":"delta","dtype":"<i8","astype":"<i2"}]""" },
        { "<f8", """[{"id":"fixedscaleoffset","scale":100,"offset":10,"dtype":"<f8","astype":"<i4"}]""" },
        { "<f4", """[{"id":"quantize","digits":3,"dtype":"<f4","astype":"<f4"}]""" },
        { "<f4", """[{"id":"bitround","keepbits":10}]""" },
        { "<f8", """[{"id":"astype","encode_dtype":"<f4","decode_dtype":"<f8"}]""" },
        { ">i4", """[{"id":"delta","dtype":">i4","astype":">i4"}]""" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void V2FiltersRoundTripWithinTheirPrecision(string dtype, string filtersJson)
    {
        var store = new MemoryStore();
        var t = DataType.ParseTypeString(dtype);
        var meta = V2([40, 30], [16, 16], dtype, JsonNode.Parse("""{"id":"zlib","level":1}""") as JsonObject, (JsonArray)JsonNode.Parse(filtersJson)!);
        var a = ZarrArray.Create(store, "f", meta);
        int n = 40 * 30;
        var values = Enumerable.Range(0, n).Select(i => Math.Round(Math.Sin(i * 0.37) * 100, 2)).ToArray();
        byte[] raw = new byte[n * t.ItemSize];
        for (int i = 0; i < n; i++) WriteAs(raw.AsSpan(i * t.ItemSize), t, values[i]);
        a.WriteRegion([0, 0], [40, 30], raw);
        var back = Stats.Of(ZarrArray.Open(store, "f").ReadAll());
        // Quantize (3 digits) and bitround (10 bits) are lossy by design; the others must be exact.
        double tol = filtersJson.Contains("quantize") ? 1e-3 : filtersJson.Contains("bitround") ? 0.2 : filtersJson.Contains("astype") ? 1e-5 : t.IsFloat ? 1e-6 : 0.5;
        for (int i = 0; i < n; i++)
        {
            double expect = t.IsInteger ? Math.Truncate(values[i]) : values[i];
            Assert.True(Math.Abs(back.Flat[i] - expect) <= tol, $"element {i}: {back.Flat[i]} vs {expect}");
        }
    }

    private static void WriteAs(Span<byte> dst, DataType t, double v)
    {
        switch (t.Kind)
        {
            case ScalarKind.Int32: BitConverter.TryWriteBytes(dst, (int)v); break;
            case ScalarKind.Int64: BitConverter.TryWriteBytes(dst, (long)v); break;
            case ScalarKind.Float32: BitConverter.TryWriteBytes(dst, (float)v); break;
            case ScalarKind.Float64: BitConverter.TryWriteBytes(dst, v); break;
            default: throw new NotSupportedException(t.Name);
        }
    }

    [Theory]
    [InlineData('C', '.')]
    [InlineData('F', '.')]
    [InlineData('C', '/')]
    public void V2LayoutsRoundTripThroughPartialWrites(char order, char sep)
    {
        using var tmp = new TempDir();
        var store = new DirectoryStore(tmp.Path, create: true);
        var meta = V2([9, 11, 6], [4, 5, 6], "<f8", JsonNode.Parse("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""") as JsonObject, order: order, sep: sep, fill: JsonValue.Create("NaN"));
        var a = ZarrArray.Create(store, "g/a", meta);
        // write an inner box only: chunks partly covered are read-modified-written, unwritten stay NaN
        var box = Enumerable.Range(0, 5 * 6 * 3).Select(i => (double)i).ToArray();
        a.WriteRegion([2, 3, 1], [5, 6, 3], System.Runtime.InteropServices.MemoryMarshal.AsBytes(box.AsSpan()));
        var all = (double[,,])ZarrArray.Open(store, "g/a").ReadAll();
        int k = 0;
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 11; j++)
                for (int l = 0; l < 6; l++)
                {
                    bool inside = i is >= 2 and < 7 && j is >= 3 and < 9 && l is >= 1 and < 4;
                    if (inside) Assert.Equal(box[((i - 2) * 6 + (j - 3)) * 3 + (l - 1)], all[i, j, l]);
                    else Assert.True(double.IsNaN(all[i, j, l]));
                    k++;
                }
        if (sep == '/') Assert.True(File.Exists(Path.Combine(tmp.Path, "g", "a", "0", "0", "0")));
        else Assert.True(File.Exists(Path.Combine(tmp.Path, "g", "a", "0.0.0")));
    }

    [Fact]
    public void MissingChunksReadAsFillValue()
    {
        var store = new MemoryStore();
        var meta = V2([10, 10], [4, 4], "<i2", null, fill: JsonValue.Create(-7));
        var a = ZarrArray.Create(store, "m", meta);
        var vals = (short[,])a.ReadAll();
        Assert.All(vals.Cast<short>(), v => Assert.Equal(-7, v));
    }

    public static TheoryData<string> V3Chains() =>
    [
        """[{"name":"bytes","configuration":{"endian":"little"}}]""",
        """[{"name":"bytes","configuration":{"endian":"big"}}]""",
        """[{"name":"transpose","configuration":{"order":[2,0,1]}},{"name":"bytes","configuration":{"endian":"little"}},{"name":"zstd","configuration":{"level":3,"checksum":true}}]""",
        """[{"name":"bytes","configuration":{"endian":"little"}},{"name":"blosc","configuration":{"cname":"lz4","clevel":5,"shuffle":"shuffle","typesize":4,"blocksize":0}}]""",
        """[{"name":"bytes","configuration":{"endian":"little"}},{"name":"gzip","configuration":{"level":5}}]""",
        """[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}]""",
        """[{"name":"sharding_indexed","configuration":{"chunk_shape":[2,4,3],"codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"zstd","configuration":{"level":1,"checksum":false}}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}],"index_location":"end"}}]""",
        """[{"name":"sharding_indexed","configuration":{"chunk_shape":[2,2,3],"codecs":[{"name":"transpose","configuration":{"order":[2,1,0]}},{"name":"bytes","configuration":{"endian":"big"}}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}}],"index_location":"start"}}]""",
    ];

    [Theory]
    [MemberData(nameof(V3Chains))]
    public void V3ChainsRoundTripAndReopen(string codecsJson)
    {
        using var tmp = new TempDir();
        var store = new DirectoryStore(tmp.Path, create: true);
        var meta = V3([7, 10, 6], [4, 8, 6], DataType.Float32, (JsonArray)JsonNode.Parse(codecsJson)!, JsonValue.Create("NaN"));
        var a = ZarrArray.Create(store, "v", meta);
        var data = Ramp(7 * 10 * 6, 3);
        a.WriteRegion([0, 0, 0], [7, 10, 6], System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        var reopened = ZarrArray.Open(new DirectoryStore(tmp.Path), "v");
        Assert.Equal(3, reopened.Metadata.ZarrFormat);
        Assert.Equal(data, ((float[,,])reopened.ReadAll()).Cast<float>());
        // a region that cuts through shards and chunks
        var part = (float[,,])ArrayValues.Read(new SourceArray(reopened), [1, 3, 2], [5, 6, 3]);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 6; j++)
                for (int k = 0; k < 3; k++)
                    Assert.Equal(data[((1 + i) * 10 + 3 + j) * 6 + 2 + k], part[i, j, k]);
        Assert.True(File.Exists(Path.Combine(tmp.Path, "v", "c", "0", "0", "0")));
    }

    [Fact]
    public void ShardsFollowTheSpecByteLayout()
    {
        // Sharding spec: inner chunks back to back, then the index of (offset, nbytes) uint64 little-endian
        // pairs in C order of the inner grid, then (with crc32c) the index's CRC-32C, little-endian.
        var store = new MemoryStore();
        var codecs = (JsonArray)JsonNode.Parse("""[{"name":"sharding_indexed","configuration":{"chunk_shape":[2],"codecs":[{"name":"bytes","configuration":{"endian":"little"}}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}],"index_location":"end"}}]""")!;
        var meta = V3([4], [4], DataType.UInt16, codecs);
        var a = ZarrArray.Create(store, "s", meta);
        a.WriteRegion([0], [4], new byte[] { 1, 0, 2, 0, 3, 0, 4, 0 });
        using var shard = store.Get("s/c/0")!;
        var bytes = shard.Span.ToArray();
        Assert.Equal(8 + 32 + 4, bytes.Length);
        Assert.Equal(new byte[] { 1, 0, 2, 0, 3, 0, 4, 0 }, bytes[..8]);
        var index = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan(8, 32)).ToArray();
        Assert.Equal(new ulong[] { 0, 4, 4, 4 }, index);
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes.AsSpan(8, 32)) crc = System.Numerics.BitOperations.Crc32C(crc, b);
        Assert.Equal(~crc, BitConverter.ToUInt32(bytes, 40));
    }

    [Fact]
    public void HandBuiltShardWithAMissingChunkDecodes()
    {
        // A shard written by hand after the spec: inner chunk 1 absent (2^64-1, 2^64-1), index at the start.
        var store = new MemoryStore();
        var codecs = (JsonArray)JsonNode.Parse("""[{"name":"sharding_indexed","configuration":{"chunk_shape":[2],"codecs":[{"name":"bytes","configuration":{"endian":"big"}}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}}],"index_location":"start"}}]""")!;
        var meta = V3([4], [4], DataType.Int16, codecs, JsonValue.Create(-1));
        ZarrArray.Create(store, "h", meta);
        var shard = new List<byte>();
        foreach (ulong u in new ulong[] { 32, 4, ulong.MaxValue, ulong.MaxValue }) shard.AddRange(BitConverter.GetBytes(u));
        shard.AddRange(new byte[] { 0, 5, 1, 0 });   // big-endian 5, 256
        store.Set("h/c/0", shard.ToArray());
        var v = (short[])ZarrArray.Open(store, "h").ReadAll();
        Assert.Equal(new short[] { 5, 256, -1, -1 }, v);
    }

    [Fact]
    public void ConsolidatedMetadataIsWrittenAndUsed()
    {
        using var tmp = new TempDir();
        var store = new DirectoryStore(tmp.Path, create: true);
        var root = ZarrGroup.Create(store, "", 2, new OrderedDictionary<string, object?> { ["title"] = "t", ["nan"] = double.NaN });
        root.CreateArray("a", V2([5], [5], "<f4", null));
        root.CreateGroup("sub").CreateArray("b", V2([3], [2], "<i2", null));
        root.WriteConsolidatedMetadata();
        var text = File.ReadAllText(Path.Combine(tmp.Path, ".zmetadata"));
        Assert.Contains("\"sub/b/.zarray\"", text);
        Assert.Contains("NaN", text);
        var g = ZarrGroup.Open(new DirectoryStore(tmp.Path));
        Assert.True(g.IsConsolidated);
        Assert.Equal(new[] { "a" }, g.ArrayNames);
        Assert.Equal(new[] { 3L }, g.OpenGroup("sub").OpenArray("b").Shape);
        Assert.True(double.IsNaN((double)g.Attributes["nan"]!));
    }

    [Fact]
    public void V3ConsolidatedMetadataRoundTrips()
    {
        var store = new MemoryStore();
        var root = ZarrGroup.Create(store, "", 3);
        root.CreateArray("a", V3([5], [5], DataType.Float64, (JsonArray)JsonNode.Parse("""[{"name":"bytes","configuration":{"endian":"little"}}]""")!));
        root.WriteConsolidatedMetadata();
        var g = ZarrGroup.Open(store);
        Assert.True(g.IsConsolidated);
        Assert.Equal(new[] { "a" }, g.ArrayNames);
    }
}
