using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>
/// The shared shape of numcodecs' numeric filters: a decoded dtype, an encoded dtype whose byte order is the stored
/// one in Zarr v2, and one element loop each way. In v3 they are named "numcodecs.&lt;id&gt;" as in zarr-python 3.
/// </summary>
public abstract class NumericFilter : IArrayToArrayCodec, IV2TypedFilter
{
    private readonly ElementKernel _encode;
    private readonly ElementKernel _decode;

    private protected NumericFilter(string id, DataType dtype, DataType astype, Func<(ElementKernel Encode, ElementKernel Decode)> kernels)
    {
        if (!NumericDispatch.IsSupported(dtype)) throw CodecErrors.BadConfig(id, $"dtype {dtype.TypeString} is not a numeric type");
        if (!NumericDispatch.IsSupported(astype)) throw CodecErrors.BadConfig(id, $"astype {astype.TypeString} is not a numeric type");
        Name = id;
        DType = dtype;
        AsType = astype;
        (_encode, _decode) = kernels();
    }

    /// <summary>The numcodecs id.</summary>
    public string Name { get; }

    /// <summary>The decoded element type, with the byte order numcodecs was given.</summary>
    public DataType DType { get; }

    /// <summary>The encoded element type, with the byte order it is stored in.</summary>
    public DataType AsType { get; }

    /// <inheritdoc />
    public DataType EncodedStoredType => AsType;

    /// <inheritdoc />
    public abstract JsonObject? ToV2Json();

    /// <inheritdoc />
    public JsonObject ToV3Json()
    {
        var configuration = new JsonObject();
        foreach (var (key, value) in ToV2Json()!)
            if (key != "id") configuration[key] = value?.DeepClone();
        return new JsonObject { ["name"] = "numcodecs." + Name, ["configuration"] = configuration };
    }

    /// <inheritdoc />
    public ChunkSpec EncodedSpec(ChunkSpec decoded)
    {
        if (decoded.DType.ItemSize != DType.ItemSize)
            throw CodecErrors.BadConfig(Name, $"dtype {DType.TypeString} has {DType.ItemSize}-byte elements but the chunk holds {decoded.DType.Name}");
        // The encoded fill is the filter applied to one fill element, so elementwise filters keep "unwritten = fill".
        var fill = decoded.FillValue.Length == DType.ItemSize ? decoded.FillValue : new byte[DType.ItemSize];
        var encodedFill = new byte[AsType.ItemSize];
        _encode(fill, encodedFill);
        if (encodedFill.AsSpan().IndexOfAnyExcept((byte)0) < 0) encodedFill = [];
        return new ChunkSpec(decoded.Shape, AsType.Native, encodedFill);
    }

    /// <inheritdoc />
    public void Encode(ReadOnlySpan<byte> decoded, ChunkSpec decodedSpec, Span<byte> encoded)
    {
        long n = decoded.Length / DType.ItemSize;
        if (decoded.Length % DType.ItemSize != 0 || encoded.Length != n * AsType.ItemSize)
            throw new ArgumentException($"{Name}: buffers of {decoded.Length} and {encoded.Length} bytes do not hold the same number of {DType.Name} and {AsType.Name} elements");
        _encode(decoded, encoded);
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encoded, ChunkSpec decodedSpec, Span<byte> decoded)
    {
        long n = decoded.Length / DType.ItemSize;
        if (decoded.Length % DType.ItemSize != 0 || encoded.Length != n * AsType.ItemSize)
            throw CodecErrors.WrongSize(Name, n * AsType.ItemSize, encoded.Length);
        _decode(encoded, decoded);
    }

    /// <inheritdoc />
    public override string ToString() => ToV2Json()!.ToJsonString();
}
