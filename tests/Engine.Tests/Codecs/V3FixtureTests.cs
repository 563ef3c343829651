using System.Buffers.Binary;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Zarr v3 arrays written by zarrita (JavaScript): bytes, zstd with checksum, blosc, transpose.</summary>
public class V3FixtureTests
{
    private static string Store => Path.Combine(FixturePaths.Root, "zarrita-v3", "v3.zarr");

    public static TheoryData<string> Arrays()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Store).Order()) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void DecodesToZarritasSumFirstAndLast(string name)
    {
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(Store, name, "zarr.json")))!.AsObject();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(FixturePaths.Root, "zarrita-v3", "expected.json")))![name]!;
        var dtype = DataType.ParseV3(meta["data_type"]!.GetValue<string>());
        int[] shape = meta["shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        int[] chunks = meta["chunk_grid"]!["configuration"]!["chunk_shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var chain = CodecChain.FromV3(meta["codecs"]!.AsArray(), dtype);
        var spec = new ChunkSpec(chunks, dtype.Native, []);
        var buffer = new byte[spec.ByteCount];
        int[] grid = shape.Select((s, d) => (s + chunks[d] - 1) / chunks[d]).ToArray();
        double sum = 0, first = double.NaN, last = double.NaN;
        for (int i = 0; i < grid[0]; i++)
            for (int j = 0; j < grid[1]; j++)
                for (int k = 0; k < grid[2]; k++)
                {
                    string file = Path.Combine(Store, name, "c", i.ToString(), j.ToString(), k.ToString());
                    if (!File.Exists(file)) continue; // fill value 0 adds nothing
                    chain.Decode(File.ReadAllBytes(file), spec, buffer);
                    for (int a = 0; a < chunks[0] && i * chunks[0] + a < shape[0]; a++)
                        for (int b = 0; b < chunks[1] && j * chunks[1] + b < shape[1]; b++)
                            for (int c = 0; c < chunks[2] && k * chunks[2] + c < shape[2]; c++)
                            {
                                double v = Element(buffer, dtype, (a * chunks[1] + b) * chunks[2] + c);
                                sum += v;
                                if (i + j + k == 0 && a + b + c == 0) first = v;
                                if (i * chunks[0] + a == shape[0] - 1 && j * chunks[1] + b == shape[1] - 1 && k * chunks[2] + c == shape[2] - 1) last = v;
                            }
                }
        double expectedSum = expected["sum"]!.GetValue<double>();
        Assert.True(Math.Abs(sum - expectedSum) <= 1e-6 * Math.Max(1, Math.Abs(expectedSum)), $"{name}: sum {sum}, zarrita {expectedSum}");
        Assert.Equal(expected["first"]!.GetValue<double>(), first);
        Assert.Equal(expected["last"]!.GetValue<double>(), last);
    }

    private static double Element(byte[] chunk, DataType t, int index)
    {
        var e = chunk.AsSpan(index * t.ItemSize, t.ItemSize);
        return t.Kind switch
        {
            ScalarKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(e),
            ScalarKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(e),
            ScalarKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(e),
            _ => throw new NotSupportedException(t.Name),
        };
    }
}
