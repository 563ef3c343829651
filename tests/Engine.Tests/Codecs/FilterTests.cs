using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;
using ZarrPS.Engine.Codecs.Filters;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Filter properties that hold without a Python peer (the numcodecs cross-check pins the exact bytes).</summary>
public class FilterTests
{
    private static readonly string[] IntegerTypes = ["<i1", "<i2", "<i4", "<i8", "<u1", "<u2", "<u4", "<u8"];

    public static TheoryData<string, int> IntegerTypesAndCounts()
    {
        var data = new TheoryData<string, int>();
        foreach (var t in IntegerTypes)
            foreach (int n in new[] { 0, 1, 2, 1001, 1 << 20 })
                data.Add(t, n);
        return data;
    }

    private static byte[] Encode(IArrayToArrayCodec f, byte[] input, DataType t, int n)
    {
        var spec = new ChunkSpec([n], t, []);
        var encoded = new byte[f.EncodedSpec(spec).ByteCount];
        f.Encode(input, spec, encoded);
        return encoded;
    }

    private static byte[] Decode(IArrayToArrayCodec f, byte[] encoded, DataType t, int n)
    {
        var decoded = new byte[n * t.ItemSize];
        f.Decode(encoded, new ChunkSpec([n], t, []), decoded);
        return decoded;
    }

    [Theory]
    [MemberData(nameof(IntegerTypesAndCounts))]
    public void IntegerDeltaIsLosslessEvenWhenDifferencesWrap(string dtype, int n)
    {
        var t = DataType.ParseTypeString(dtype);
        var f = new DeltaFilter(t);
        var input = TestData.Values(t, n);
        var encoded = Encode(f, input, t, n);
        if (n > 1)
        {
            // Element 1 stores x1 - x0 (wrapping); check it for the widest and narrowest views.
            long x0 = ReadInteger(input, t, 0), x1 = ReadInteger(input, t, 1);
            Assert.Equal(Wrap(x1 - x0, t), ReadInteger(encoded, t, 1));
        }
        Assert.Equal(input, Decode(f, encoded, t, n));
    }

    [Theory]
    [MemberData(nameof(IntegerTypesAndCounts))]
    public void AsTypeWideningIsLossless(string dtype, int n)
    {
        var t = DataType.ParseTypeString(dtype);
        var wide = t.IsSignedInteger ? DataType.Int64 : DataType.Float64;
        if (t.Kind == ScalarKind.UInt64) wide = DataType.UInt64;
        var f = new AsTypeFilter(wide, t);
        var input = TestData.Values(t, n);
        var encoded = Encode(f, input, t, n);
        Assert.Equal(n * wide.ItemSize, encoded.Length);
        Assert.Equal(input, Decode(f, encoded, t, n));
    }

    [Fact]
    public void FixedScaleOffsetRoundsHalfToEvenAndBoundsTheError()
    {
        var f = new FixedScaleOffsetFilter(2, 1000, DataType.Float64, DataType.Int16, scaleIsInteger: true, offsetIsInteger: true);
        double[] x = [1000.25, 1000.75, 1001.25, 999.75, 1000.0, 1003.14159, 996.5];
        var input = MemoryMarshal.AsBytes(x.AsSpan()).ToArray();
        var encoded = Encode(f, input, DataType.Float64, x.Length);
        var y = MemoryMarshal.Cast<byte, short>(encoded.AsSpan()).ToArray();
        // (x - 1000) * 2 = 0.5 (-> 0, even), 1.5 (-> 2), 2.5 (-> 2), -0.5 (-> -0), 0, 6.28318 (-> 6), -7
        Assert.Equal(new short[] { 0, 2, 2, 0, 0, 6, -7 }, y);
        var back = MemoryMarshal.Cast<byte, double>(Decode(f, encoded, DataType.Float64, x.Length).AsSpan()).ToArray();
        for (int i = 0; i < x.Length; i++) Assert.True(Math.Abs(back[i] - x[i]) <= 0.25, $"{x[i]} came back as {back[i]}");
    }

    [Fact]
    public void FixedScaleOffsetEncodesTheFillValue()
    {
        var f = new FixedScaleOffsetFilter(100, 0, DataType.Float32, DataType.Int16, true, true);
        var fill = BitConverter.GetBytes(-99.99f);
        var encodedSpec = f.EncodedSpec(new ChunkSpec([4, 4], DataType.Float32, fill));
        Assert.Equal(DataType.Int16, encodedSpec.DType);
        Assert.Equal([4, 4], encodedSpec.Shape);
        Assert.Equal((short)-9999, BinaryPrimitives.ReadInt16LittleEndian(encodedSpec.FillValue));
    }

    [Theory]
    [InlineData("<f8", 1)]
    [InlineData("<f8", 3)]
    [InlineData("<f4", 2)]
    [InlineData("<f2", 1)]
    public void QuantizeKeepsTheRequestedDigits(string dtype, int digits)
    {
        var t = DataType.ParseTypeString(dtype);
        var f = new QuantizeFilter(digits, t);
        double scale = QuantizeFilter.ScaleFor(digits);
        Assert.True(scale >= Math.Pow(10, digits) && scale < 2 * Math.Pow(10, digits), $"scale {scale} for {digits} digits");
        var input = TestData.Values(t, 5000);
        var encoded = Encode(f, input, t, 5000);
        for (int i = 0; i < 5000; i++)
        {
            double x = ReadFloat(input, t, i), q = ReadFloat(encoded, t, i);
            // On the 1/scale grid, within half a step (plus the element type's own rounding).
            Assert.True(Math.Abs(q - x) <= 0.5 / scale + Math.Abs(x) * (t.ItemSize == 2 ? 1e-3 : 1e-7), $"{x} quantized to {q}");
            Assert.Equal(Math.Round(q * scale), q * scale, 1e-6);
        }
        Assert.Equal(encoded, Decode(f, encoded, t, 5000));
    }

    [Theory]
    [InlineData("<f4", 0)]
    [InlineData("<f4", 7)]
    [InlineData("<f4", 23)]
    [InlineData("<f8", 20)]
    [InlineData("<f2", 4)]
    public void BitRoundClearsTheDroppedBitsWithinHalfAQuantum(string dtype, int keepbits)
    {
        var t = DataType.ParseTypeString(dtype);
        var f = new BitRoundFilter(keepbits, t);
        var input = TestData.Values(t, 3000);
        var encoded = Encode(f, input, t, 3000);
        int mantissa = t.ItemSize switch { 2 => 10, 4 => 23, _ => 52 };
        for (int i = 0; i < 3000; i++)
        {
            long bits = ReadInteger(encoded, t.ItemSize == 2 ? DataType.Int16 : t.ItemSize == 4 ? DataType.Int32 : DataType.Int64, i);
            Assert.Equal(0, bits & ((1L << (mantissa - keepbits)) - 1));
            double x = ReadFloat(input, t, i), r = ReadFloat(encoded, t, i);
            Assert.True(Math.Abs(r - x) <= Math.Abs(x) * Math.Pow(2, -keepbits - 1) * 1.0000001, $"{x} rounded to {r} with {keepbits} bits");
        }
        Assert.Equal(encoded, Decode(f, encoded, t, 3000));
    }

    [Fact]
    public void BigEndianFilterOutputIsStoredBigEndianByTheV2Chain()
    {
        var chain = CodecChain.FromV2(DataType.ParseTypeString(">f8"), 'C',
            JsonNode.Parse("""[{"id":"fixedscaleoffset","scale":100,"offset":0,"dtype":">f8","astype":">i2"}]""")!.AsArray(), null);
        double[] x = [1.0, -2.5, 3.14];
        var spec = new ChunkSpec([3], DataType.Float64, []);
        using var stored = chain.Encode(MemoryMarshal.AsBytes(x.AsSpan()), spec);
        Assert.Equal(new byte[] { 0x00, 0x64, 0xFF, 0x06, 0x01, 0x3A }, stored.Span.ToArray());
        var back = new byte[24];
        chain.Decode(stored.Span, spec, back);
        Assert.Equal(new[] { 1.0, -2.5, 3.14 }, MemoryMarshal.Cast<byte, double>(back.AsSpan()).ToArray());
    }

    [Fact]
    public void AFilterWhoseDtypeDoesNotFitTheChunkSaysSo()
    {
        var f = new DeltaFilter(DataType.Int16);
        var e = Assert.Throws<ZarrPSException>(() => f.EncodedSpec(new ChunkSpec([4], DataType.Float64, [])));
        Assert.Contains("delta", e.Message);
        Assert.Contains("float64", e.Message);
    }

    private static long Wrap(long v, DataType t) => t.ItemSize switch
    {
        1 => t.IsSignedInteger ? (sbyte)v : (byte)v,
        2 => t.IsSignedInteger ? (short)v : (ushort)v,
        4 => t.IsSignedInteger ? (int)v : (uint)v,
        _ => v,
    };

    private static long ReadInteger(byte[] b, DataType t, int i)
    {
        var e = b.AsSpan(i * t.ItemSize, t.ItemSize);
        return t.Kind switch
        {
            ScalarKind.Int8 => (sbyte)e[0],
            ScalarKind.UInt8 => e[0],
            ScalarKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(e),
            ScalarKind.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(e),
            ScalarKind.Int32 => BinaryPrimitives.ReadInt32LittleEndian(e),
            ScalarKind.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(e),
            _ => BinaryPrimitives.ReadInt64LittleEndian(e),
        };
    }

    private static double ReadFloat(byte[] b, DataType t, int i)
    {
        var e = b.AsSpan(i * t.ItemSize, t.ItemSize);
        return t.ItemSize switch
        {
            2 => (double)BinaryPrimitives.ReadHalfLittleEndian(e),
            4 => BinaryPrimitives.ReadSingleLittleEndian(e),
            _ => BinaryPrimitives.ReadDoubleLittleEndian(e),
        };
    }
}
