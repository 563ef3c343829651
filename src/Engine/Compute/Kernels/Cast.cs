using System.Numerics;
using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Compute.Kernels;

/// <summary>Element type conversion of whole buffers (numpy astype semantics: floats to integers truncate).</summary>
public static class Cast
{
    /// <summary>Converts <paramref name="src"/> of <paramref name="from"/> into <paramref name="dst"/> of <paramref name="to"/>.</summary>
    public static void Elements(ReadOnlySpan<byte> src, DataType from, Span<byte> dst, DataType to)
    {
        if (from.Kind == to.Kind && from.ItemSize == to.ItemSize)
        {
            src.CopyTo(dst);
            return;
        }
        switch (from.Kind)
        {
            case ScalarKind.Bool: To(src, dst, to); break;
            case ScalarKind.UInt8: To(src, dst, to); break;
            case ScalarKind.Int8: To(MemoryMarshal.Cast<byte, sbyte>(src), dst, to); break;
            case ScalarKind.Int16: To(MemoryMarshal.Cast<byte, short>(src), dst, to); break;
            case ScalarKind.UInt16: To(MemoryMarshal.Cast<byte, ushort>(src), dst, to); break;
            case ScalarKind.Int32: To(MemoryMarshal.Cast<byte, int>(src), dst, to); break;
            case ScalarKind.UInt32: To(MemoryMarshal.Cast<byte, uint>(src), dst, to); break;
            case ScalarKind.Int64: To(MemoryMarshal.Cast<byte, long>(src), dst, to); break;
            case ScalarKind.UInt64: To(MemoryMarshal.Cast<byte, ulong>(src), dst, to); break;
            case ScalarKind.Float16: To(MemoryMarshal.Cast<byte, Half>(src), dst, to); break;
            case ScalarKind.Float32: To(MemoryMarshal.Cast<byte, float>(src), dst, to); break;
            case ScalarKind.Float64: To(MemoryMarshal.Cast<byte, double>(src), dst, to); break;
            default: throw Unsupported(from, to);
        }
    }

    private static void To<TIn>(ReadOnlySpan<TIn> src, Span<byte> dst, DataType to) where TIn : unmanaged, INumberBase<TIn>
    {
        switch (to.Kind)
        {
            case ScalarKind.Bool:
                for (int i = 0; i < src.Length; i++) dst[i] = TIn.IsZero(src[i]) ? (byte)0 : (byte)1;
                break;
            case ScalarKind.UInt8: Typed(src, dst); break;
            case ScalarKind.Int8: Typed(src, MemoryMarshal.Cast<byte, sbyte>(dst)); break;
            case ScalarKind.Int16: Typed(src, MemoryMarshal.Cast<byte, short>(dst)); break;
            case ScalarKind.UInt16: Typed(src, MemoryMarshal.Cast<byte, ushort>(dst)); break;
            case ScalarKind.Int32: Typed(src, MemoryMarshal.Cast<byte, int>(dst)); break;
            case ScalarKind.UInt32: Typed(src, MemoryMarshal.Cast<byte, uint>(dst)); break;
            case ScalarKind.Int64: Typed(src, MemoryMarshal.Cast<byte, long>(dst)); break;
            case ScalarKind.UInt64: Typed(src, MemoryMarshal.Cast<byte, ulong>(dst)); break;
            case ScalarKind.Float16: Typed(src, MemoryMarshal.Cast<byte, Half>(dst)); break;
            case ScalarKind.Float32: Typed(src, MemoryMarshal.Cast<byte, float>(dst)); break;
            case ScalarKind.Float64: Typed(src, MemoryMarshal.Cast<byte, double>(dst)); break;
            default: throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"Cannot convert values to {to.Name}.");
        }
    }

    private static void Typed<TIn, TOut>(ReadOnlySpan<TIn> src, Span<TOut> dst) where TIn : unmanaged, INumberBase<TIn> where TOut : unmanaged, INumberBase<TOut>
    {
        for (int i = 0; i < src.Length; i++) dst[i] = TOut.CreateTruncating(src[i]);
    }

    private static ZarrPSException Unsupported(DataType from, DataType to) =>
        new(ErrorKind.InvalidArgument, "UnsupportedDType", $"Cannot convert {from.Name} values to {to.Name}.");

    /// <summary>Reads a region of <paramref name="a"/> converted to <paramref name="to"/> into a pooled buffer.</summary>
    public static PooledBuffer ReadAs(Arrays.ILazyArray a, ReadOnlySpan<long> start, ReadOnlySpan<long> count, DataType to)
    {
        long n = Arrays.StridedCopy.Product(count);
        var outBuf = PooledBuffer.Rent(checked((int)(n * to.ItemSize)));
        try
        {
            if (a.DType.Kind == to.Kind && a.DType.ItemSize == to.ItemSize)
            {
                a.ReadRegion(start, count, outBuf.Span);
                return outBuf;
            }
            using var raw = PooledBuffer.Rent(checked((int)(n * a.DType.ItemSize)));
            a.ReadRegion(start, count, raw.Span);
            Elements(raw.Span, a.DType, outBuf.Span, to);
            return outBuf;
        }
        catch
        {
            outBuf.Dispose();
            throw;
        }
    }
}
