using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>One chain of the cross-check: stored dtype, numcodecs filters and compressor, element count and input kind.</summary>
public sealed record CrossCase(string DType, string? Filters, string? Compressor, int Count, string Data = "random")
{
    public DataType Type => DataType.ParseTypeString(DType);

    public CodecChain Chain() => CodecChain.FromV2(Type, 'C',
        Filters is null ? null : JsonNode.Parse(Filters)!.AsArray(),
        Compressor is null ? null : JsonNode.Parse(Compressor)!.AsObject());

    public ChunkSpec Spec => new([Count], Type.Native, []);

    /// <summary>The chunk in memory: native byte order.</summary>
    public byte[] Input()
    {
        var t = Type.Native;
        if (Data == "random") return TestData.Values(t, Count, Count * 31 + DType.Length);
        // Values that exercise numpy's casting corners: halves (round half to even), NaN, infinities, out of range.
        double[] specials = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
            1e10, -1e10, 3e9, -3e9, 65504, 70000, -70000, 40000.7, -40000.7, 1e19, 2e19, 1e300, 300.5, -128.5, 255.5, 127.5];
        var bytes = new byte[Count * t.ItemSize];
        var rnd = new Random(Count);
        for (int i = 0; i < Count; i++)
        {
            double v = i < specials.Length ? specials[i] : (rnd.NextDouble() - 0.5) * Math.Pow(10, rnd.Next(0, 12));
            var e = bytes.AsSpan(i * t.ItemSize, t.ItemSize);
            switch (t.Kind)
            {
                case ScalarKind.Float16: MemoryMarshal.Write(e, (Half)v); break;
                case ScalarKind.Float32: MemoryMarshal.Write(e, (float)v); break;
                case ScalarKind.Float64: MemoryMarshal.Write(e, v); break;
                default: throw new ArgumentException("extreme inputs are floats");
            }
        }
        return bytes;
    }

    public override string ToString() => $"{DType} {Filters ?? "[]"} {Compressor ?? "none"} x{Count} {Data}";
}
