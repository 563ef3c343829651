namespace ZarrPS.Engine.ML;

/// <summary>A half-open range of positions along one dimension (Python's slice(start, stop)).</summary>
public readonly record struct DimSlice(long Start, long Stop)
{
    /// <summary>The number of positions.</summary>
    public long Length => Stop - Start;

    /// <inheritdoc />
    public override string ToString() => $"{Start}:{Stop}";
}
