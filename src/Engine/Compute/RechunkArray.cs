using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute;

/// <summary>The same data with another chunking (Set-XChunk, xarray's .chunk()): later tasks follow the new chunks.</summary>
public sealed class RechunkArray(ILazyArray input, ChunkLayout chunks) : IGraphNode
{
    /// <inheritdoc />
    public long[] Shape => input.Shape;

    /// <inheritdoc />
    public DataType DType => input.DType;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; } = chunks;

    /// <inheritdoc />
    public string Description => input.Description;

    /// <inheritdoc />
    public string Kind => "rechunk";

    /// <inheritdoc />
    public string Label => "rechunk " + Chunks;

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [input];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination) => input.ReadRegion(start, count, destination);
}
