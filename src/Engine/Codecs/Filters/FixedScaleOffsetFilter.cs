using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// numcodecs "fixedscaleoffset": encodes <c>round_half_even((x - offset) * scale)</c> cast to the encoded type and
/// decodes <c>y / scale + offset</c> cast back, computing in the types numpy 1.x picks for an array and a Python scalar.
/// </summary>
public sealed class FixedScaleOffsetFilter : NumericFilter
{
    private readonly JsonNode _scaleNode;
    private readonly JsonNode _offsetNode;

    /// <summary>Creates the filter; integral scale and offset keep integer arrays in integer arithmetic, as in numpy.</summary>
    public FixedScaleOffsetFilter(double scale, double offset, DataType dtype, DataType? astype = null, bool scaleIsInteger = false, bool offsetIsInteger = false)
        : base("fixedscaleoffset", dtype, astype ?? dtype, () => BuildKernels(scale, scaleIsInteger, offset, offsetIsInteger, dtype, astype ?? dtype))
    {
        if (scaleIsInteger && scale != Math.Floor(scale)) throw CodecErrors.BadConfig("fixedscaleoffset", $"scale {scale} is not an integer");
        if (offsetIsInteger && offset != Math.Floor(offset)) throw CodecErrors.BadConfig("fixedscaleoffset", $"offset {offset} is not an integer");
        Scale = scale;
        Offset = offset;
        _scaleNode = scaleIsInteger ? JsonValue.Create((long)scale) : JsonValue.Create(scale);
        _offsetNode = offsetIsInteger ? JsonValue.Create((long)offset) : JsonValue.Create(offset);
    }

    /// <summary>The scale.</summary>
    public double Scale { get; }

    /// <summary>The offset subtracted before scaling.</summary>
    public double Offset { get; }

    /// <summary>Parses numcodecs configuration {scale, offset, dtype, astype}.</summary>
    public static FixedScaleOffsetFilter FromV2(JsonObject config)
    {
        const string id = "fixedscaleoffset";
        var (scale, scaleInt) = CodecConfig.Number(config, "scale", id);
        var (offset, offsetInt) = CodecConfig.Number(config, "offset", id);
        var dtype = CodecConfig.DType(config, "dtype", id);
        return new FixedScaleOffsetFilter(scale, offset, dtype, CodecConfig.OptionalDType(config, "astype", id) ?? dtype, scaleInt, offsetInt);
    }

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new()
    {
        ["id"] = Name,
        ["scale"] = _scaleNode.DeepClone(),
        ["offset"] = _offsetNode.DeepClone(),
        ["dtype"] = DType.TypeString,
        ["astype"] = AsType.TypeString,
    };

    private static (ElementKernel, ElementKernel) BuildKernels(double scale, bool scaleInt, double offset, bool offsetInt, DataType dtype, DataType astype)
    {
        // Encoding: (x - offset) in W1, then * scale in W2. Decoding: y / scale in V1 (float64 for integer y), + offset in V2.
        var w1 = ScalarPromotion.Of(dtype.Native, offset, offsetInt);
        var w2 = ScalarPromotion.Of(w1, scale, scaleInt);
        var v1 = astype.IsFloat ? ScalarPromotion.Of(astype.Native, scale, scaleInt) : DataType.Float64;
        var v2 = ScalarPromotion.Of(v1, offset, offsetInt);
        var encode = NumericDispatch.Pair<EncodeFactory, ElementKernel>(dtype, astype, new EncodeFactory(offset, scale, w1, w2));
        var decode = NumericDispatch.Pair<DecodeFactory, ElementKernel>(dtype, astype, new DecodeFactory(offset, scale, v1, v2));
        return (encode, decode);
    }

    private readonly record struct EncodeFactory(double Offset, double Scale, DataType W1, DataType W2) : IPairFactory<ElementKernel>
    {
        public ElementKernel Create<TD, TA>()
            where TD : unmanaged, INumber<TD>
            where TA : unmanaged, INumber<TA> =>
            NumericDispatch.Pair<EncodeWork<TD, TA>, ElementKernel>(W1, W2, new EncodeWork<TD, TA>(Offset, Scale));
    }

    private readonly record struct EncodeWork<TD, TA>(double Offset, double Scale) : IPairFactory<ElementKernel>
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
    {
        public ElementKernel Create<TW1, TW2>()
            where TW1 : unmanaged, INumber<TW1>
            where TW2 : unmanaged, INumber<TW2>
        {
            TW1 offset = TW1.CreateTruncating(Offset);
            TW2 scale = TW2.CreateTruncating(Scale);
            return (input, output) => Encode<TD, TA, TW1, TW2>(input, output, offset, scale);
        }
    }

    private readonly record struct DecodeFactory(double Offset, double Scale, DataType V1, DataType V2) : IPairFactory<ElementKernel>
    {
        public ElementKernel Create<TD, TA>()
            where TD : unmanaged, INumber<TD>
            where TA : unmanaged, INumber<TA> =>
            NumericDispatch.Pair<DecodeWork<TD, TA>, ElementKernel>(V1, V2, new DecodeWork<TD, TA>(Offset, Scale));
    }

    private readonly record struct DecodeWork<TD, TA>(double Offset, double Scale) : IPairFactory<ElementKernel>
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
    {
        public ElementKernel Create<TV1, TV2>()
            where TV1 : unmanaged, INumber<TV1>
            where TV2 : unmanaged, INumber<TV2>
        {
            TV1 scale = TV1.CreateTruncating(Scale);
            TV2 offset = TV2.CreateTruncating(Offset);
            return (input, output) => Decode<TD, TA, TV1, TV2>(input, output, scale, offset);
        }
    }

    private static void Encode<TD, TA, TW1, TW2>(ReadOnlySpan<byte> input, Span<byte> output, TW1 offset, TW2 scale)
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
        where TW1 : unmanaged, INumber<TW1>
        where TW2 : unmanaged, INumber<TW2>
    {
        var x = MemoryMarshal.Cast<byte, TD>(input);
        var y = MemoryMarshal.Cast<byte, TA>(output);
        for (int i = 0; i < x.Length; i++)
        {
            TW1 shifted = NumpyCast.Cast<TD, TW1>(x[i]) - offset;
            TW2 scaled = NumpyCast.Cast<TW1, TW2>(shifted) * scale;
            y[i] = NumpyCast.Cast<TW2, TA>(NumpyCast.RoundHalfEven(scaled));
        }
    }

    private static void Decode<TD, TA, TV1, TV2>(ReadOnlySpan<byte> input, Span<byte> output, TV1 scale, TV2 offset)
        where TD : unmanaged, INumber<TD>
        where TA : unmanaged, INumber<TA>
        where TV1 : unmanaged, INumber<TV1>
        where TV2 : unmanaged, INumber<TV2>
    {
        var y = MemoryMarshal.Cast<byte, TA>(input);
        var x = MemoryMarshal.Cast<byte, TD>(output);
        for (int i = 0; i < y.Length; i++)
        {
            TV1 unscaled = NumpyCast.Cast<TA, TV1>(y[i]) / scale;
            x[i] = NumpyCast.Cast<TV2, TD>(NumpyCast.Cast<TV1, TV2>(unscaled) + offset);
        }
    }
}
