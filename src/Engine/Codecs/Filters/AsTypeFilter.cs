using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>numcodecs "astype": stores elements converted to <c>encode_dtype</c> and converts them back to <c>decode_dtype</c>, as numpy's astype does.</summary>
public sealed class AsTypeFilter : NumericFilter
{
    /// <summary>Creates the filter.</summary>
    public AsTypeFilter(DataType encodeDType, DataType decodeDType)
        : base("astype", decodeDType, encodeDType, () => NumericDispatch.Pair<Kernels, (ElementKernel, ElementKernel)>(decodeDType, encodeDType, default))
    {
    }

    /// <summary>Parses numcodecs configuration {encode_dtype, decode_dtype}; a missing decode_dtype is the array's type.</summary>
    public static AsTypeFilter FromV2(JsonObject config, DataType input) =>
        new(CodecConfig.DType(config, "encode_dtype", "astype"), CodecConfig.OptionalDType(config, "decode_dtype", "astype") ?? input);

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = Name, ["encode_dtype"] = AsType.TypeString, ["decode_dtype"] = DType.TypeString };

    private readonly struct Kernels : IPairFactory<(ElementKernel, ElementKernel)>
    {
        public (ElementKernel, ElementKernel) Create<TD, TA>()
            where TD : unmanaged, INumber<TD>
            where TA : unmanaged, INumber<TA> => (Convert<TD, TA>, Convert<TA, TD>);
    }

    private static void Convert<TFrom, TTo>(ReadOnlySpan<byte> input, Span<byte> output)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        var x = MemoryMarshal.Cast<byte, TFrom>(input);
        var y = MemoryMarshal.Cast<byte, TTo>(output);
        for (int i = 0; i < x.Length; i++) y[i] = NumpyCast.Cast<TFrom, TTo>(x[i]);
    }
}
