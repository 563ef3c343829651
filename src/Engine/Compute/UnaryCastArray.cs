using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>The values converted to another element type (numpy astype: floats to integers truncate).</summary>
public sealed class UnaryCastArray(ILazyArray input, DataType type) : IGraphNode
{
    /// <inheritdoc />
    public long[] Shape => input.Shape;

    /// <inheritdoc />
    public DataType DType { get; } = type.IsNumeric && !type.IsComplex ? type.Native
        : throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"Cannot convert values to {type.Name}.");

    /// <inheritdoc />
    public ChunkLayout Chunks => input.Chunks;

    /// <inheritdoc />
    public string Description => $"astype({input.Description}, {type.Name})";

    /// <inheritdoc />
    public string Kind => "map";

    /// <inheritdoc />
    public string Label => "astype " + type.Name;

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [input];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        using var buf = Cast.ReadAs(input, start, count, DType);
        buf.Span.CopyTo(destination);
    }
}
