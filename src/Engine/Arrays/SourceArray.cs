using ZarrPS.Engine.Formats;

namespace ZarrPS.Engine.Arrays;

/// <summary>A stored array (a Zarr array, a NetCDF variable) seen as lazy data; reads go straight to the source.</summary>
public sealed class SourceArray : ILazyArray
{
    /// <summary>Wraps <paramref name="source"/>, chunked as it is stored unless <paramref name="chunks"/> says otherwise.</summary>
    public SourceArray(IChunkedSource source, ChunkLayout? chunks = null)
    {
        Source = source;
        Chunks = chunks ?? ChunkLayout.Regular(source.Shape, source.ChunkShape);
    }

    /// <summary>The stored array.</summary>
    public IChunkedSource Source { get; }

    /// <inheritdoc />
    public long[] Shape => Source.Shape;

    /// <inheritdoc />
    public DataType DType => Source.DType;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"'{Source.Name}' in '{Source.Location}'";

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination) =>
        Source.ReadRegion(start, count, destination);
}
