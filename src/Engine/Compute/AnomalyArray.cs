using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// Deviations from a per-group mean (x minus its climatology laid back along the grouped axis), remembering how they
/// were made so that a variance or standard deviation of them over that axis runs as one pass over x
/// (<see cref="ReduceArray"/> with pooled groups) instead of two.
/// </summary>
public sealed class AnomalyArray : IGraphNode
{
    private readonly ILazyArray _deviations;

    /// <summary>
    /// <paramref name="deviations"/> computes x minus each group's mean of <paramref name="source"/> along
    /// <paramref name="axis"/>, with groups given by <paramref name="map"/> (position → group, -1 for none).
    /// </summary>
    public AnomalyArray(ILazyArray deviations, ILazyArray source, int axis, int[] map, int groupCount)
    {
        _deviations = deviations;
        Source = source;
        Axis = axis;
        Map = map;
        GroupCount = groupCount;
    }

    /// <summary>The values the anomalies are taken of.</summary>
    public ILazyArray Source { get; }

    /// <summary>The grouped axis.</summary>
    public int Axis { get; }

    /// <summary>Position → group along <see cref="Axis"/>.</summary>
    public int[] Map { get; }

    /// <summary>The number of groups.</summary>
    public int GroupCount { get; }

    /// <inheritdoc />
    public long[] Shape => _deviations.Shape;

    /// <inheritdoc />
    public DataType DType => _deviations.DType;

    /// <inheritdoc />
    public ChunkLayout Chunks => _deviations.Chunks;

    /// <inheritdoc />
    public string Description => _deviations.Description;

    /// <inheritdoc />
    public string Kind => "anomaly";

    /// <inheritdoc />
    public string Label => "minus group mean";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [_deviations];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination) =>
        _deviations.ReadRegion(start, count, destination);
}
