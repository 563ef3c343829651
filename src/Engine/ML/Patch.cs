namespace ZarrPS.Engine.ML;

/// <summary>
/// One window of a batch: a slice per sliced dimension (the batch dimensions that are not input dimensions, then
/// the input dimensions), as xbatcher's patch selectors.
/// </summary>
public sealed class Patch
{
    internal Patch(string[] dims, DimSlice[] slices)
    {
        Dims = dims;
        Slices = slices;
    }

    /// <summary>The sliced dimensions, in xbatcher's order.</summary>
    public IReadOnlyList<string> Dims { get; }

    /// <summary>The slice of each dimension in <see cref="Dims"/>.</summary>
    public IReadOnlyList<DimSlice> Slices { get; }

    /// <summary>The slice of a dimension.</summary>
    public DimSlice this[string dim]
    {
        get
        {
            for (int i = 0; i < Dims.Count; i++) if (Dims[i] == dim) return Slices[i];
            throw new ZarrPSException(ErrorKind.NotFound, "DimensionNotFound", $"The patch does not slice dimension '{dim}' (it slices {string.Join(", ", Dims)}).", dim);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Dims.Select((d, i) => $"{d}={Slices[i]}"));
}
