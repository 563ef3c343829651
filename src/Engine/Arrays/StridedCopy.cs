namespace ZarrPS.Engine.Arrays;

/// <summary>
/// Copies and fills boxes inside C-order N-dimensional buffers, one contiguous run at a time; trailing axes that
/// are whole in both buffers are merged into longer runs.
/// </summary>
public static class StridedCopy
{
    /// <summary>
    /// Copies the box of <paramref name="extent"/> at <paramref name="srcStart"/> in a buffer of shape
    /// <paramref name="srcShape"/> to <paramref name="dstStart"/> in a buffer of shape <paramref name="dstShape"/>.
    /// </summary>
    public static void Copy(ReadOnlySpan<byte> src, ReadOnlySpan<long> srcShape, ReadOnlySpan<long> srcStart,
                            Span<byte> dst, ReadOnlySpan<long> dstShape, ReadOnlySpan<long> dstStart,
                            ReadOnlySpan<long> extent, int itemSize)
    {
        int nd = extent.Length;
        if (nd == 0)
        {
            src[..itemSize].CopyTo(dst);
            return;
        }
        foreach (long e in extent) if (e == 0) return;

        // Merge trailing axes that are complete in source, destination and extent.
        int last = nd - 1;
        long run = extent[last];
        while (last > 0 && extent[last] == srcShape[last] && extent[last] == dstShape[last])
        {
            last--;
            run *= extent[last];
        }
        Span<long> srcStride = stackalloc long[nd];
        Span<long> dstStride = stackalloc long[nd];
        long ss = itemSize, ds = itemSize;
        for (int i = nd - 1; i >= 0; i--)
        {
            srcStride[i] = ss;
            dstStride[i] = ds;
            ss *= srcShape[i];
            ds *= dstShape[i];
        }
        long srcOff = 0, dstOff = 0;
        for (int i = 0; i < nd; i++)
        {
            srcOff += srcStart[i] * srcStride[i];
            dstOff += dstStart[i] * dstStride[i];
        }
        int runBytes = checked((int)(run * itemSize));
        if (last == 0)
        {
            src.Slice((int)srcOff, runBytes).CopyTo(dst.Slice((int)dstOff, runBytes));
            return;
        }
        // Iterate over the outer axes 0..last-1; axis 'last' is the run (merged with everything after it).
        Span<long> idx = stackalloc long[last];
        while (true)
        {
            src.Slice(checked((int)srcOff), runBytes).CopyTo(dst.Slice(checked((int)dstOff), runBytes));
            int k = last - 1;
            while (k >= 0)
            {
                idx[k]++;
                srcOff += srcStride[k];
                dstOff += dstStride[k];
                if (idx[k] < extent[k]) break;
                srcOff -= srcStride[k] * idx[k];
                dstOff -= dstStride[k] * idx[k];
                idx[k] = 0;
                k--;
            }
            if (k < 0) return;
        }
    }

    /// <summary>Fills the box of <paramref name="extent"/> at <paramref name="dstStart"/> with a repeated element.</summary>
    public static void Fill(Span<byte> dst, ReadOnlySpan<long> dstShape, ReadOnlySpan<long> dstStart,
                            ReadOnlySpan<long> extent, ReadOnlySpan<byte> element, int itemSize)
    {
        int nd = extent.Length;
        foreach (long e in extent) if (e == 0) return;
        if (nd == 0)
        {
            Codecs.ChunkSpec.FillPattern(dst[..itemSize], element);
            return;
        }
        int last = nd - 1;
        long run = extent[last];
        while (last > 0 && extent[last] == dstShape[last])
        {
            last--;
            run *= extent[last];
        }
        Span<long> dstStride = stackalloc long[nd];
        long ds = itemSize;
        for (int i = nd - 1; i >= 0; i--)
        {
            dstStride[i] = ds;
            ds *= dstShape[i];
        }
        long dstOff = 0;
        for (int i = 0; i < nd; i++) dstOff += dstStart[i] * dstStride[i];
        int runBytes = checked((int)(run * itemSize));
        Span<long> idx = stackalloc long[Math.Max(last, 1)];
        while (true)
        {
            Codecs.ChunkSpec.FillPattern(dst.Slice(checked((int)dstOff), runBytes), element);
            if (last == 0) return;
            int k = last - 1;
            while (k >= 0)
            {
                idx[k]++;
                dstOff += dstStride[k];
                if (idx[k] < extent[k]) break;
                dstOff -= dstStride[k] * idx[k];
                idx[k] = 0;
                k--;
            }
            if (k < 0) return;
        }
    }

    /// <summary>The number of elements of a shape.</summary>
    public static long Product(ReadOnlySpan<long> shape)
    {
        long n = 1;
        foreach (long s in shape) n *= s;
        return n;
    }
}
