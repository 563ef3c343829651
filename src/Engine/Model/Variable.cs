using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model;

/// <summary>
/// xarray's Variable: named dimensions, lazy data, attributes and encoding (how it was or will be stored).
/// Nothing is read until <see cref="Values"/> or a computation asks.
/// </summary>
public sealed class Variable
{
    /// <summary>Creates a variable; <paramref name="dims"/> must have one name per axis of <paramref name="data"/>.</summary>
    public Variable(IReadOnlyList<string> dims, ILazyArray data, OrderedDictionary<string, object?>? attrs = null, Dictionary<string, object?>? encoding = null)
    {
        if (dims.Count != data.Shape.Length)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch",
                $"{data.Description} has {data.Shape.Length} dimensions but {dims.Count} names were given ({string.Join(", ", dims)}).");
        if (dims.Distinct(StringComparer.Ordinal).Count() != dims.Count)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DuplicateDimension",
                $"{data.Description} repeats a dimension name ({string.Join(", ", dims)}).");
        Dims = dims.ToArray();
        Data = data;
        Attrs = attrs ?? new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        Encoding = encoding ?? new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Dimension names, one per axis.</summary>
    public IReadOnlyList<string> Dims { get; }

    /// <summary>The lazy data.</summary>
    public ILazyArray Data { get; }

    /// <summary>Attributes.</summary>
    public OrderedDictionary<string, object?> Attrs { get; }

    /// <summary>Encoding: dtype, chunks, compressor, _FillValue, scale_factor, units, calendar as stored.</summary>
    public Dictionary<string, object?> Encoding { get; }

    /// <summary>The shape.</summary>
    public long[] Shape => Data.Shape;

    /// <summary>The element type.</summary>
    public DataType DType => Data.DType;

    /// <summary>The chunking.</summary>
    public ChunkLayout Chunks => Data.Chunks;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Dims.Count;

    /// <summary>The number of elements.</summary>
    public long Size => StridedCopy.Product(Shape);

    /// <summary>Size of each dimension, in order.</summary>
    public OrderedDictionary<string, long> Sizes
    {
        get
        {
            var d = new OrderedDictionary<string, long>(StringComparer.Ordinal);
            for (int i = 0; i < Dims.Count; i++) d[Dims[i]] = Shape[i];
            return d;
        }
    }

    /// <summary>The axis of a dimension, or -1.</summary>
    public int AxisOf(string dim)
    {
        for (int i = 0; i < Dims.Count; i++) if (Dims[i] == dim) return i;
        return -1;
    }

    /// <summary>
    /// Reads all values: a .NET array of the element type with one .NET dimension per axis (times as DateTime or
    /// CfDate); a scalar for rank 0.
    /// </summary>
    public object? Values => Rank == 0
        ? TimeValues.ToUser(ArrayValues.ReadScalar(Data, []), DType)
        : TimeValues.ToUser(ArrayValues.ReadAll(Data), DType);

    /// <summary>A variable with the same dimensions, attributes and encoding over other data.</summary>
    public Variable WithData(ILazyArray data) =>
        new(Dims, data, new OrderedDictionary<string, object?>(Attrs, StringComparer.Ordinal), new Dictionary<string, object?>(Encoding, StringComparer.Ordinal));
}
