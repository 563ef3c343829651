using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// numcodecs "bitround": keeps <c>keepbits</c> mantissa bits of float16/32/64, rounding the rest half to even on the
/// bit pattern, so the data compresses better; decoding leaves the values as they are.
/// </summary>
public sealed class BitRoundFilter : NumericFilter
{
    /// <summary>Creates the filter for a float type.</summary>
    public BitRoundFilter(int keepbits, DataType dtype)
        : base("bitround", CheckFloat(dtype), dtype, () => BuildKernels(keepbits, dtype))
    {
        Keepbits = keepbits;
    }

    /// <summary>The mantissa bits kept.</summary>
    public int Keepbits { get; }

    /// <summary>Parses numcodecs configuration {keepbits}; the element type is the array's.</summary>
    public static BitRoundFilter FromV2(JsonObject config, DataType input) =>
        new(CodecConfig.RequiredInt(config, "keepbits", "bitround"), input);

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = Name, ["keepbits"] = Keepbits };

    private static DataType CheckFloat(DataType t) =>
        t.IsFloat ? t : throw CodecErrors.BadConfig("bitround", $"only float16/32/64 arrays can be bit-rounded, not {t.Name}");

    private static (ElementKernel, ElementKernel) BuildKernels(int keepbits, DataType dtype)
    {
        int mantissa = dtype.Kind switch { ScalarKind.Float16 => 10, ScalarKind.Float32 => 23, _ => 52 };
        if (keepbits < 0) throw CodecErrors.BadConfig("bitround", $"keepbits must not be negative, not {keepbits}");
        if (keepbits > mantissa) throw CodecErrors.BadConfig("bitround", $"keepbits {keepbits} exceeds the {mantissa} mantissa bits of {dtype.Name}");
        ElementKernel copy = static (input, output) => input.CopyTo(output);
        if (keepbits == mantissa) return (copy, copy);
        int drop = mantissa - keepbits;
        ElementKernel encode = dtype.ItemSize switch
        {
            2 => (input, output) => Round<short>(input, output, drop),
            4 => (input, output) => Round<int>(input, output, drop),
            _ => (input, output) => Round<long>(input, output, drop),
        };
        return (encode, copy);
    }

    // Works on the float's bits as a signed integer of the same width, as numcodecs does with numpy.
    private static void Round<TBits>(ReadOnlySpan<byte> input, Span<byte> output, int drop)
        where TBits : unmanaged, IBinaryInteger<TBits>, ISignedNumber<TBits>
    {
        var x = MemoryMarshal.Cast<byte, TBits>(input);
        var y = MemoryMarshal.Cast<byte, TBits>(output);
        TBits mask = (TBits.AllBitsSet >> drop) << drop;
        TBits halfQuantumMinusOne = (TBits.One << (drop - 1)) - TBits.One;
        for (int i = 0; i < x.Length; i++)
        {
            TBits b = x[i];
            b += ((b >> drop) & TBits.One) + halfQuantumMinusOne;
            y[i] = b & mask;
        }
    }
}
