using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// numcodecs "quantize": keeps <c>digits</c> decimal digits by rounding to a power-of-two grid,
/// <c>round_half_even(s * x) / s</c> with <c>s = 2^ceil(log2(10^digits))</c>; decoding only casts back.
/// </summary>
public sealed class QuantizeFilter : NumericFilter
{
    /// <summary>Creates the filter for float types.</summary>
    public QuantizeFilter(int digits, DataType dtype, DataType? astype = null)
        : base("quantize", CheckFloat(dtype, "dtype"), CheckFloat(astype ?? dtype, "astype"), () => BuildKernels(digits, dtype, astype ?? dtype))
    {
        Digits = digits;
    }

    /// <summary>The decimal digits kept.</summary>
    public int Digits { get; }

    /// <summary>The power of two the values are rounded to multiples of the inverse of (numcodecs' formula).</summary>
    public static double ScaleFor(int digits)
    {
        double precision = Math.Pow(10.0, -digits);
        double exponent = Math.Log(precision) / Math.Log(10.0);
        int e = exponent < 0 ? (int)Math.Floor(exponent) : (int)Math.Ceiling(exponent);
        double bits = Math.Ceiling(Math.Log(Math.Pow(10.0, -e)) / Math.Log(2.0));
        return Math.Pow(2.0, bits);
    }

    /// <summary>Parses numcodecs configuration {digits, dtype, astype}.</summary>
    public static QuantizeFilter FromV2(JsonObject config)
    {
        var dtype = CodecConfig.DType(config, "dtype", "quantize");
        return new QuantizeFilter(CodecConfig.RequiredInt(config, "digits", "quantize"), dtype, CodecConfig.OptionalDType(config, "astype", "quantize") ?? dtype);
    }

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = Name, ["digits"] = Digits, ["dtype"] = DType.TypeString, ["astype"] = AsType.TypeString };

    private static DataType CheckFloat(DataType t, string key) =>
        t.IsFloat ? t : throw CodecErrors.BadConfig("quantize", $"{key} {t.TypeString} is not a float type (only float16/32/64 can be quantized)");

    private static (ElementKernel, ElementKernel) BuildKernels(int digits, DataType dtype, DataType astype)
    {
        double scale = ScaleFor(digits);
        var work = ScalarPromotion.Of(dtype.Native, scale, integral: false);
        return NumericDispatch.Pair<Factory, (ElementKernel, ElementKernel)>(dtype, astype, new Factory(scale, work));
    }

    private readonly record struct Factory(double Scale, DataType Work) : IPairFactory<(ElementKernel, ElementKernel)>
    {
        public (ElementKernel, ElementKernel) Create<TD, TA>()
            where TD : unmanaged, INumber<TD>
            where TA : unmanaged, INumber<TA> =>
            (NumericDispatch.Pair<EncodeWork<TD, TA>, ElementKernel>(Work, Work, new EncodeWork<TD, TA>(Scale)), Decode<TD, TA>);
    }

    private readonly record struct EncodeWork<TD, TA>(double Scale) : IPairFactory<ElementKernel>
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
    {
        // Both work types are the same; the second is unused.
        public ElementKernel Create<TW, TUnused>()
            where TW : unmanaged, INumber<TW>
            where TUnused : unmanaged, INumber<TUnused>
        {
            TW scale = TW.CreateTruncating(Scale);
            return (input, output) => Encode<TD, TA, TW>(input, output, scale);
        }
    }

    private static void Encode<TD, TA, TW>(ReadOnlySpan<byte> input, Span<byte> output, TW scale)
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
        where TW : unmanaged, INumber<TW>
    {
        var x = MemoryMarshal.Cast<byte, TD>(input);
        var y = MemoryMarshal.Cast<byte, TA>(output);
        for (int i = 0; i < x.Length; i++)
            y[i] = NumpyCast.Cast<TW, TA>(NumpyCast.RoundHalfEven(scale * NumpyCast.Cast<TD, TW>(x[i])) / scale);
    }

    private static void Decode<TD, TA>(ReadOnlySpan<byte> input, Span<byte> output)
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
    {
        var y = MemoryMarshal.Cast<byte, TA>(input);
        var x = MemoryMarshal.Cast<byte, TD>(output);
        for (int i = 0; i < y.Length; i++) x[i] = NumpyCast.Cast<TA, TD>(y[i]);
    }
}
