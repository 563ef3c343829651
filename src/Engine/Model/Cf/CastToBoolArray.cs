using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>Integers stored for booleans (xarray writes bool as int8 with attribute dtype='bool') read as bool.</summary>
public sealed class CastToBoolArray(ILazyArray inner) : CfArray(inner, DataType.Bool, "as bool")
{
    /// <inheritdoc />
    public override void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        long n = StridedCopy.Product(count);
        int size = Source.DType.ItemSize;
        using var buf = PooledBuffer.Rent(checked((int)(n * size)));
        Source.ReadRegion(start, count, buf.Span);
        var b = buf.Span;
        for (int i = 0; i < n; i++) destination[i] = b.Slice(i * size, size).IndexOfAnyExcept((byte)0) >= 0 ? (byte)1 : (byte)0;
    }
}
