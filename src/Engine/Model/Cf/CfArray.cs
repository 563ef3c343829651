using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>
/// A CF coding step over another lazy array (masking, scaling, packing, time decoding, reinterpretation): the
/// same shape and chunks, values converted region by region. As a graph node it is a "decode" step.
/// </summary>
public abstract class CfArray : IGraphNode
{
    /// <summary>Converts <paramref name="source"/> into <paramref name="dtype"/>; <paramref name="label"/> names the step.</summary>
    protected CfArray(ILazyArray source, DataType dtype, string label)
    {
        Source = source;
        DType = dtype;
        Label = label;
    }

    /// <summary>The values before this step.</summary>
    public ILazyArray Source { get; }

    /// <inheritdoc />
    public long[] Shape => Source.Shape;

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks => Source.Chunks;

    /// <inheritdoc />
    public string Description => Source.Description;

    /// <inheritdoc />
    public string Kind => "decode";

    /// <inheritdoc />
    public string Label { get; }

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [Source];

    /// <inheritdoc />
    public abstract void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination);
}
