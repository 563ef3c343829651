using System.Buffers.Binary;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Real chunks written by zarr-python 2.13 / numcodecs 0.11 (fixture matrix.zarr), decoded by our codec chains.</summary>
public class FixtureChunkTests(ZarrPythonChunks python) : IClassFixture<ZarrPythonChunks>
{
    public static TheoryData<string> Arrays()
    {
        var data = new TheoryData<string>();
        foreach (var zarray in Directory.EnumerateFiles(FixturePaths.MatrixZarr, ".zarray", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(FixturePaths.MatrixZarr, Path.GetDirectoryName(zarray)!).Replace(Path.DirectorySeparatorChar, '/'));
        return data;
    }

    private sealed record ArrayInfo(string Dir, DataType DType, int[] Shape, int[] Chunks, char Order, string Separator, CodecChain Chain, ChunkSpec Spec);

    private static ArrayInfo Open(string name)
    {
        string dir = Path.Combine(FixturePaths.MatrixZarr, name);
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, ".zarray")))!.AsObject();
        var dtype = DataType.ParseTypeString(meta["dtype"]!.GetValue<string>());
        int[] shape = meta["shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        int[] chunks = meta["chunks"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        char order = meta["order"]!.GetValue<string>()[0];
        string separator = meta["dimension_separator"]?.GetValue<string>() ?? ".";
        var chain = CodecChain.FromV2(dtype, order, meta["filters"] as JsonArray, meta["compressor"] as JsonObject);
        return new ArrayInfo(dir, dtype, shape, chunks, order, separator, chain, new ChunkSpec(chunks, dtype.Native, []));
    }

    private static byte[] DecodeChunk(ArrayInfo a, string chunkFile)
    {
        var decoded = new byte[a.Spec.ByteCount];
        a.Chain.Decode(File.ReadAllBytes(chunkFile), a.Spec, decoded);
        return decoded;
    }

    private static IEnumerable<string> ChunkFiles(ArrayInfo a) =>
        Directory.EnumerateFiles(a.Dir, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order();

    [Theory]
    [MemberData(nameof(Arrays))]
    public void EveryChunkDecodesAsZarrPythonDecodesIt(string name)
    {
        if (python.Unavailable is not null) Assert.Skip(python.Unavailable);
        var a = Open(name);
        int compared = 0;
        foreach (var file in ChunkFiles(a))
        {
            string key = Path.GetRelativePath(a.Dir, file).Replace(Path.DirectorySeparatorChar, '/');
            var expected = File.ReadAllBytes(Path.Combine(python.OutputDir, name, key.Replace('/', '_') + ".bin"));
            var actual = DecodeChunk(a, file);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} chunk {key} differs from zarr-python's decoding");
            compared++;
        }
        Assert.True(compared > 0, $"{name} has no chunk files");
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void SamplesMatchExpectedJson(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(FixturePaths.Root, "expected.json")))!["zarr_arrays"]!["matrix.zarr/" + name];
        Assert.NotNull(expected);
        var a = Open(name);
        int checkedSamples = 0;
        foreach (var (flatText, valueNode) in expected!["samples"]!.AsObject())
        {
            if (valueNode is null) continue; // NaN or an unwritten chunk's fill
            long flat = long.Parse(flatText);
            // Flat C-order index -> array index -> chunk index + index within the chunk.
            int nd = a.Shape.Length;
            var index = new long[nd];
            for (int d = nd - 1; d >= 0; d--) { index[d] = flat % a.Shape[d]; flat /= a.Shape[d]; }
            string key = string.Join(a.Separator, index.Select((x, d) => x / a.Chunks[d]));
            string file = Path.Combine(a.Dir, key.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(file)) continue; // fill value, not a codec matter
            var chunk = DecodeChunk(a, file);
            long within = 0;
            for (int d = 0; d < nd; d++) within = within * a.Chunks[d] + index[d] % a.Chunks[d];
            double actual = ReadElement(chunk, a.DType, within);
            Assert.Equal(valueNode.GetValue<double>(), actual);
            checkedSamples++;
        }
        Assert.True(checkedSamples > 0, $"{name}: no sample fell in a stored chunk");
    }

    private static double ReadElement(byte[] chunk, DataType t, long index)
    {
        var e = chunk.AsSpan((int)(index * t.ItemSize), t.ItemSize);
        return t.Kind switch
        {
            ScalarKind.Bool or ScalarKind.UInt8 => e[0],
            ScalarKind.Int8 => (sbyte)e[0],
            ScalarKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(e),
            ScalarKind.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(e),
            ScalarKind.Int32 => BinaryPrimitives.ReadInt32LittleEndian(e),
            ScalarKind.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(e),
            ScalarKind.Int64 => BinaryPrimitives.ReadInt64LittleEndian(e),
            ScalarKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(e),
            ScalarKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(e),
            _ => throw new NotSupportedException(t.Name),
        };
    }

    [Fact]
    public void FixtureChunksRoundTripThroughOurEncoders()
    {
        // Re-encoding what we decoded with the same chain and decoding again gives the same values for every array.
        foreach (var name in Arrays().Select(r => (string)r.Data))
        {
            var a = Open(name);
            var file = ChunkFiles(a).First();
            var decoded = DecodeChunk(a, file);
            using var encoded = a.Chain.Encode(decoded, a.Spec);
            var again = new byte[decoded.Length];
            a.Chain.Decode(encoded.Span, a.Spec, again);
            Assert.True(decoded.AsSpan().SequenceEqual(again), $"{name}: re-encoded chunk decodes differently");
        }
    }
}
