namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// The windows of a coarsening along one dimension (xarray's <c>coarsen(dim=w, boundary=…, side=…)</c>): output
/// position i reduces the source positions <see cref="Window"/>(i), at most <see cref="Size"/> of them.
/// </summary>
public sealed class CoarsenWindows
{
    /// <summary>
    /// Windows of <paramref name="size"/> over a dimension of <paramref name="length"/>. <paramref name="side"/>
    /// says where windows start: Left keeps or pads the end, Right the start. InvalidArgument "CoarsenNotExact"
    /// when the boundary is exact and the window does not divide the length.
    /// </summary>
    public CoarsenWindows(string dim, long length, int size, CoarsenBoundary boundary = CoarsenBoundary.Exact, BinSide side = BinSide.Left)
    {
        if (size < 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidWindow", $"The coarsening window of dimension '{dim}' must be at least 1, not {size}.", dim);
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
        Dim = dim;
        Length = length;
        Size = size;
        Boundary = boundary;
        Side = side;
        long whole = length / size, rest = length % size;
        switch (boundary)
        {
            case CoarsenBoundary.Exact:
                if (rest != 0)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "CoarsenNotExact",
                        $"Cannot coarsen dimension '{dim}' of size {length} with window {size} and boundary 'exact' ({length} is not a multiple of {size}); use boundary 'trim' or 'pad'.", dim);
                OutputLength = whole;
                Offset = 0;
                break;
            case CoarsenBoundary.Trim:
                OutputLength = whole;
                Offset = side == BinSide.Left ? 0 : rest;
                break;
            default:
                OutputLength = whole + (rest > 0 ? 1 : 0);
                Offset = side == BinSide.Left || rest == 0 ? 0 : rest - size;
                break;
        }
    }

    /// <summary>The dimension.</summary>
    public string Dim { get; }

    /// <summary>The source length.</summary>
    public long Length { get; }

    /// <summary>The window size.</summary>
    public int Size { get; }

    /// <summary>The boundary rule.</summary>
    public CoarsenBoundary Boundary { get; }

    /// <summary>The side windows are aligned to.</summary>
    public BinSide Side { get; }

    /// <summary>The output length.</summary>
    public long OutputLength { get; }

    /// <summary>The source position where window 0 starts (negative when padding goes before the start).</summary>
    public long Offset { get; }

    /// <summary>The source positions of output <paramref name="index"/>: a start and a count (less than the size for a padded window).</summary>
    public (long Start, int Count) Window(long index)
    {
        if ((ulong)index >= (ulong)OutputLength) throw new ArgumentOutOfRangeException(nameof(index));
        long lo = Math.Max(0, Offset + index * Size), hi = Math.Min(Length, Offset + (index + 1) * Size);
        return (lo, (int)(hi - lo));
    }

    /// <summary>The output position of a source position, or -1 when it is trimmed away.</summary>
    public long OutputOf(long position)
    {
        if ((ulong)position >= (ulong)Length) throw new ArgumentOutOfRangeException(nameof(position));
        long rel = position - Offset;
        long o = rel < 0 ? -1 : rel / Size;
        return o >= 0 && o < OutputLength ? o : -1;
    }

    /// <summary>The output position of every source position (-1 for trimmed ones).</summary>
    public int[] Codes()
    {
        if (Length > Array.MaxLength) throw new InvalidOperationException("Dimension too long for a code table.");
        var codes = new int[Length];
        for (long i = 0; i < Length; i++) codes[i] = (int)OutputOf(i);
        return codes;
    }

    /// <summary>The coarsened coordinate: the mean of each window's values, NaN ignored (xarray's default coord_func).</summary>
    public double[] CoordinateMean(ReadOnlySpan<double> coordinate)
    {
        CheckLength(coordinate.Length);
        var result = new double[OutputLength];
        for (long i = 0; i < OutputLength; i++)
        {
            var (s, c) = Window(i);
            double sum = 0;
            int n = 0;
            for (int k = 0; k < c; k++)
            {
                double v = coordinate[(int)(s + k)];
                if (double.IsNaN(v)) continue;
                sum += v;
                n++;
            }
            result[i] = n == 0 ? double.NaN : sum / n;
        }
        return result;
    }

    /// <summary>
    /// The coarsened time coordinate (datetime64 or calendar values; NaT ignored): as xarray, each window's mean
    /// offset from the earliest time, truncated to whole units.
    /// </summary>
    public long[] CoordinateMean(ReadOnlySpan<long> times)
    {
        CheckLength(times.Length);
        long min = long.MaxValue;
        foreach (long t in times) if (t != Cf.Datetime64.NaT && t < min) min = t;
        var result = new long[OutputLength];
        for (long i = 0; i < OutputLength; i++)
        {
            var (s, c) = Window(i);
            double sum = 0;
            int n = 0;
            for (int k = 0; k < c; k++)
            {
                long v = times[(int)(s + k)];
                if (v == Cf.Datetime64.NaT) continue;
                sum += v - min;
                n++;
            }
            result[i] = n == 0 ? Cf.Datetime64.NaT : min + (long)(sum / n);
        }
        return result;
    }

    private void CheckLength(int n)
    {
        if (n != Length)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch", $"The coordinate of '{Dim}' has {n} values but the dimension has {Length}.", Dim);
    }
}
