using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>The same bytes seen as another type of the same size (NetCDF's _Unsigned: signed storage of unsigned values).</summary>
public sealed class ReinterpretArray(ILazyArray inner, DataType type) : CfArray(inner,
    type.ItemSize == inner.DType.ItemSize ? type.Native : throw new ArgumentException("Reinterpreting needs types of one size.", nameof(type)), "as " + type.Name)
{
    /// <inheritdoc />
    public override void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination) => Source.ReadRegion(start, count, destination);
}
