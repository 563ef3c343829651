using System.Numerics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>
/// CF unpacking as a lazy view (xarray's CFMaskCoder + CFScaleOffsetCoder): raw values equal to a fill or
/// missing value become NaN, the others raw * scale_factor + add_offset, computed in the decoded float type.
/// </summary>
public sealed class MaskScaleArray : CfArray
{
    private readonly double[] _masks;
    private readonly double? _scale;
    private readonly double? _offset;

    /// <summary>Decodes <paramref name="raw"/> into <paramref name="decodedType"/> (float32 or float64).</summary>
    public MaskScaleArray(ILazyArray raw, DataType decodedType, IReadOnlyList<double> maskValues, double? scaleFactor, double? addOffset)
        : base(raw, decodedType.IsFloat && decodedType.ItemSize >= 4 ? decodedType.Native
            : throw new ArgumentException("CF decoding produces float32 or float64.", nameof(decodedType)), "mask and scale")
    {
        _masks = maskValues.ToArray();
        _scale = scaleFactor;
        _offset = addOffset;
    }

    private ILazyArray Raw => Source;

    /// <inheritdoc />
    public override void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        long n = StridedCopy.Product(count);
        if (Raw.DType.ItemSize == DType.ItemSize && Raw.DType.Kind == DType.Kind)
        {
            // Same type in and out: decode in place.
            Raw.ReadRegion(start, count, destination);
            Transform(destination, destination, n);
            return;
        }
        using var buf = PooledBuffer.Rent(checked((int)(n * Raw.DType.ItemSize)));
        Raw.ReadRegion(start, count, buf.Span);
        Transform(buf.Span, destination, n);
    }

    // Large regions are transformed in parallel blocks (after a parallel read, this pass would otherwise run on one core).
    private const int Block = 1 << 18;

    private unsafe void Transform(ReadOnlySpan<byte> src, Span<byte> dst, long n)
    {
        int inSize = Raw.DType.ItemSize, outSize = DType.ItemSize;
        if (n <= 2 * Block)
        {
            TransformBlock(src, dst);
            return;
        }
        fixed (byte* ps = src, pd = dst)
        {
            nint s0 = (nint)ps, d0 = (nint)pd;
            long blocks = (n + Block - 1) / Block;
            Parallel.For(0, blocks, b =>
            {
                long first = b * Block;
                int count = (int)Math.Min(Block, n - first);
                TransformBlock(new ReadOnlySpan<byte>((byte*)s0 + first * inSize, count * inSize), new Span<byte>((byte*)d0 + first * outSize, count * outSize));
            });
        }
    }

    private void TransformBlock(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (DType.Kind == ScalarKind.Float32) Dispatch<float>(src, MemoryMarshal.Cast<byte, float>(dst));
        else Dispatch<double>(src, MemoryMarshal.Cast<byte, double>(dst));
    }

    private void Dispatch<TOut>(ReadOnlySpan<byte> src, Span<TOut> dst) where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        switch (Raw.DType.Kind)
        {
            case ScalarKind.Int8: Decode(MemoryMarshal.Cast<byte, sbyte>(src), dst); break;
            case ScalarKind.UInt8: Decode(src, dst); break;
            case ScalarKind.Int16: Decode(MemoryMarshal.Cast<byte, short>(src), dst); break;
            case ScalarKind.UInt16: Decode(MemoryMarshal.Cast<byte, ushort>(src), dst); break;
            case ScalarKind.Int32: Decode(MemoryMarshal.Cast<byte, int>(src), dst); break;
            case ScalarKind.UInt32: Decode(MemoryMarshal.Cast<byte, uint>(src), dst); break;
            case ScalarKind.Int64: Decode(MemoryMarshal.Cast<byte, long>(src), dst); break;
            case ScalarKind.UInt64: Decode(MemoryMarshal.Cast<byte, ulong>(src), dst); break;
            case ScalarKind.Float16: Decode(MemoryMarshal.Cast<byte, Half>(src), dst); break;
            case ScalarKind.Float32: Decode(MemoryMarshal.Cast<byte, float>(src), dst); break;
            case ScalarKind.Float64: Decode(MemoryMarshal.Cast<byte, double>(src), dst); break;
            default:
                throw new ZarrPSException(ErrorKind.InvalidData, "CfDecodeFailed", $"{Description}: cannot unpack {Raw.DType.Name} values.");
        }
    }

    // One kernel for every stored type: mask in the stored type, scale and offset in the decoded type.
    private void Decode<TIn, TOut>(ReadOnlySpan<TIn> src, Span<TOut> dst)
        where TIn : unmanaged, INumberBase<TIn>
        where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        Span<TIn> masks = stackalloc TIn[_masks.Length];
        for (int m = 0; m < masks.Length; m++) masks[m] = TIn.CreateSaturating(_masks[m]);
        TOut scale = _scale is double s ? TOut.CreateChecked(s) : TOut.One;
        TOut offset = _offset is double o ? TOut.CreateChecked(o) : TOut.Zero;
        bool hasScale = _scale is not null, hasOffset = _offset is not null;
        int start = 0;
        if (typeof(TIn) == typeof(TOut) && Vector.IsHardwareAccelerated && Vector<TOut>.IsSupported)
        {
            // Same float type in and out: compare, select and scale a vector at a time.
            var same = MemoryMarshal.Cast<TIn, TOut>(src);
            var nan = new Vector<TOut>(TOut.NaN);
            var vs = new Vector<TOut>(scale);
            var vo = new Vector<TOut>(offset);
            Span<Vector<TOut>> vm = stackalloc Vector<TOut>[masks.Length];
            for (int m = 0; m < masks.Length; m++) vm[m] = new Vector<TOut>(TOut.CreateTruncating(masks[m]));
            int w = Vector<TOut>.Count;
            for (; start + w <= same.Length; start += w)
            {
                var v = new Vector<TOut>(same.Slice(start, w));
                var hit = Vector<TOut>.Zero;
                for (int m = 0; m < vm.Length; m++) hit |= Vector.Equals(v, vm[m]);
                if (hasScale) v *= vs;
                if (hasOffset) v += vo;
                Vector.ConditionalSelect(hit, nan, v).CopyTo(dst.Slice(start, w));
            }
        }
        for (int i = start; i < src.Length; i++)
        {
            TIn r = src[i];
            bool masked = false;
            for (int m = 0; m < masks.Length; m++) if (r == masks[m]) { masked = true; break; }
            if (masked) { dst[i] = TOut.NaN; continue; }
            TOut v = TOut.CreateTruncating(r);
            if (hasScale) v *= scale;
            if (hasOffset) v += offset;
            dst[i] = v;
        }
    }
}
