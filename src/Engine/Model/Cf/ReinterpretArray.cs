using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>The same bytes seen as another type of the same size (NetCDF's _Unsigned: signed storage of unsigned values).</summary>
public sealed class ReinterpretArray(ILazyArray inner, DataType type) : ILazyArray
{
    /// <inheritdoc />
    public long[] Shape => inner.Shape;

    /// <inheritdoc />
    public DataType DType { get; } = type.ItemSize == inner.DType.ItemSize ? type.Native : throw new ArgumentException("Reinterpreting needs types of one size.", nameof(type));

    /// <inheritdoc />
    public ChunkLayout Chunks => inner.Chunks;

    /// <inheritdoc />
    public string Description => inner.Description;

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination) => inner.ReadRegion(start, count, destination);
}
