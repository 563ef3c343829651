using ZarrPS.Engine.Formats;

namespace ZarrPS.Engine.Backends;

/// <summary>A stored array under another name, with dimension names given from outside (for Zarr arrays that record none).</summary>
internal sealed class NamedSource(IChunkedSource inner, string name, IReadOnlyList<string> dims) : IChunkedSource
{
    public IChunkedSource Inner => inner;
    public string Name => name;
    public string Location => inner.Location;
    public long[] Shape => inner.Shape;
    public DataType DType => inner.DType;
    public int[] ChunkShape => inner.ChunkShape;
    public IReadOnlyList<string>? DimensionNames => dims;
    public OrderedDictionary<string, object?> Attributes => inner.Attributes;
    public byte[]? FillValue => inner.FillValue;
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination) => inner.ReadRegion(start, count, destination);
}
