using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// numcodecs "delta": the first element, then differences of neighbours (in the decoded type, wrapping for integers),
/// each cast to the encoded type; decoding is the running sum in the decoded type.
/// </summary>
public sealed class DeltaFilter : NumericFilter
{
    /// <summary>Creates the filter.</summary>
    public DeltaFilter(DataType dtype, DataType? astype = null)
        : base("delta", dtype, astype ?? dtype, () => NumericDispatch.Pair<Kernels, (ElementKernel, ElementKernel)>(dtype, astype ?? dtype, default))
    {
    }

    /// <summary>Parses numcodecs configuration {dtype, astype}.</summary>
    public static DeltaFilter FromV2(JsonObject config)
    {
        var dtype = CodecConfig.DType(config, "dtype", "delta");
        return new DeltaFilter(dtype, CodecConfig.OptionalDType(config, "astype", "delta") ?? dtype);
    }

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = Name, ["dtype"] = DType.TypeString, ["astype"] = AsType.TypeString };

    private readonly struct Kernels : IPairFactory<(ElementKernel, ElementKernel)>
    {
        public (ElementKernel, ElementKernel) Create<TD, TA>()
            where TD : unmanaged, INumber<TD>
            where TA : unmanaged, INumber<TA> => (Encode<TD, TA>, Decode<TD, TA>);
    }

    private static void Encode<TD, TA>(ReadOnlySpan<byte> input, Span<byte> output)
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
    {
        var x = MemoryMarshal.Cast<byte, TD>(input);
        var y = MemoryMarshal.Cast<byte, TA>(output);
        if (x.IsEmpty) return;
        TD previous = x[0];
        y[0] = NumpyCast.Cast<TD, TA>(previous);
        for (int i = 1; i < x.Length; i++)
        {
            TD current = x[i];
            y[i] = NumpyCast.Cast<TD, TA>(current - previous);
            previous = current;
        }
    }

    private static void Decode<TD, TA>(ReadOnlySpan<byte> input, Span<byte> output)
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
    {
        var y = MemoryMarshal.Cast<byte, TA>(input);
        var x = MemoryMarshal.Cast<byte, TD>(output);
        if (y.IsEmpty) return;
        TD sum = NumpyCast.Cast<TA, TD>(y[0]);
        x[0] = sum;
        for (int i = 1; i < y.Length; i++)
        {
            sum += NumpyCast.Cast<TA, TD>(y[i]);
            x[i] = sum;
        }
    }
}
