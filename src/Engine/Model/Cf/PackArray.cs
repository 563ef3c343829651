using System.Numerics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>
/// CF packing for writers, the inverse of <see cref="MaskScaleArray"/> (xarray's CFScaleOffsetCoder, CFMaskCoder and
/// dtype cast): (x - add_offset) / scale_factor in the data's float type, NaN to _FillValue, rounded half to even
/// when the stored type is an integer, then cast.
/// </summary>
public sealed class PackArray : CfArray
{
    private readonly double? _scale, _offset, _fill;

    /// <summary>Packs <paramref name="decoded"/> into <paramref name="storedType"/>.</summary>
    public PackArray(ILazyArray decoded, DataType storedType, double? scaleFactor, double? addOffset, double? fillValue)
        : base(decoded, storedType.Native, "pack")
    {
        _scale = scaleFactor;
        _offset = addOffset;
        _fill = fillValue;
    }

    private ILazyArray Decoded => Source;

    /// <inheritdoc />
    public override void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        long n = StridedCopy.Product(count);
        using var buf = PooledBuffer.Rent(checked((int)(n * Decoded.DType.ItemSize)));
        Decoded.ReadRegion(start, count, buf.Span);
        switch (Decoded.DType.Kind)
        {
            case ScalarKind.Float32: Into(MemoryMarshal.Cast<byte, float>(buf.Span), destination); break;
            case ScalarKind.Float64: Into(MemoryMarshal.Cast<byte, double>(buf.Span), destination); break;
            case ScalarKind.Float16: Into(MemoryMarshal.Cast<byte, Half>(buf.Span), destination); break;
            default:
                throw new ZarrPSException(ErrorKind.InvalidArgument, "CfEncodeFailed", $"{Description}: only floating-point values can be packed, not {Decoded.DType.Name}.");
        }
    }

    private void Into<TIn>(ReadOnlySpan<TIn> src, Span<byte> dst) where TIn : unmanaged, IFloatingPointIeee754<TIn>
    {
        switch (DType.Kind)
        {
            case ScalarKind.Int8: Pack(src, MemoryMarshal.Cast<byte, sbyte>(dst)); break;
            case ScalarKind.UInt8: Pack(src, dst); break;
            case ScalarKind.Int16: Pack(src, MemoryMarshal.Cast<byte, short>(dst)); break;
            case ScalarKind.UInt16: Pack(src, MemoryMarshal.Cast<byte, ushort>(dst)); break;
            case ScalarKind.Int32: Pack(src, MemoryMarshal.Cast<byte, int>(dst)); break;
            case ScalarKind.UInt32: Pack(src, MemoryMarshal.Cast<byte, uint>(dst)); break;
            case ScalarKind.Int64: Pack(src, MemoryMarshal.Cast<byte, long>(dst)); break;
            case ScalarKind.UInt64: Pack(src, MemoryMarshal.Cast<byte, ulong>(dst)); break;
            case ScalarKind.Float32: Pack(src, MemoryMarshal.Cast<byte, float>(dst)); break;
            case ScalarKind.Float64: Pack(src, MemoryMarshal.Cast<byte, double>(dst)); break;
            default:
                throw new ZarrPSException(ErrorKind.InvalidArgument, "CfEncodeFailed", $"{Description}: cannot store values as {DType.Name}.");
        }
    }

    // One kernel for every pair of types.
    private void Pack<TIn, TOut>(ReadOnlySpan<TIn> src, Span<TOut> dst)
        where TIn : unmanaged, IFloatingPointIeee754<TIn>
        where TOut : unmanaged, INumberBase<TOut>
    {
        TIn scale = _scale is double s ? TIn.CreateChecked(s) : TIn.One;
        TIn offset = _offset is double o ? TIn.CreateChecked(o) : TIn.Zero;
        bool hasFill = _fill is double f && !double.IsNaN(f);
        TIn fill = hasFill ? TIn.CreateChecked(_fill!.Value) : TIn.NaN;
        bool toInteger = !DType.IsFloat;
        for (int i = 0; i < src.Length; i++)
        {
            TIn x = src[i];
            if (_offset is not null) x -= offset;
            if (_scale is not null) x /= scale;
            if (TIn.IsNaN(x) && hasFill) x = fill;
            if (toInteger) x = TIn.Round(x, MidpointRounding.ToEven);
            dst[i] = TOut.CreateSaturating(x);
        }
    }
}
