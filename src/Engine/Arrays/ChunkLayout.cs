namespace ZarrPS.Engine.Arrays;

/// <summary>
/// The chunk lengths along each axis, as dask describes them: ((4, 4, 4), (90,), (180,)). Regular grids have
/// equal lengths but the last; concatenations and rechunks may be irregular.
/// </summary>
public sealed class ChunkLayout
{
    /// <summary>Creates a layout from the chunk lengths of each axis.</summary>
    public ChunkLayout(long[][] sizes)
    {
        Sizes = sizes;
        Offsets = new long[sizes.Length][];
        for (int d = 0; d < sizes.Length; d++)
        {
            var o = new long[sizes[d].Length + 1];
            for (int i = 0; i < sizes[d].Length; i++) o[i + 1] = o[i] + sizes[d][i];
            Offsets[d] = o;
        }
    }

    /// <summary>Chunk lengths along each axis.</summary>
    public long[][] Sizes { get; }

    /// <summary>Chunk start offsets along each axis (one more entry than <see cref="Sizes"/>: the end).</summary>
    public long[][] Offsets { get; }

    /// <summary>The number of axes.</summary>
    public int Rank => Sizes.Length;

    /// <summary>A regular layout: chunks of <paramref name="chunk"/> along each axis, the last one possibly shorter.</summary>
    public static ChunkLayout Regular(ReadOnlySpan<long> shape, ReadOnlySpan<int> chunk)
    {
        var sizes = new long[shape.Length][];
        for (int d = 0; d < shape.Length; d++)
        {
            long c = Math.Max(1, Math.Min(chunk[d], Math.Max(shape[d], 1)));
            if (shape[d] == 0) { sizes[d] = []; continue; }
            long n = (shape[d] + c - 1) / c;
            var s = new long[n];
            for (long i = 0; i < n; i++) s[i] = Math.Min(c, shape[d] - i * c);
            sizes[d] = s;
        }
        return new ChunkLayout(sizes);
    }

    /// <summary>One chunk spanning each axis.</summary>
    public static ChunkLayout Single(ReadOnlySpan<long> shape) => Regular(shape, shape.ToArray().Select(s => (int)Math.Min(Math.Max(s, 1), int.MaxValue)).ToArray());

    /// <summary>The largest chunk length along each axis (dask's chunksize).</summary>
    public long[] ChunkSize => Sizes.Select(s => s.Length == 0 ? 0 : s.Max()).ToArray();

    /// <summary>Chunks along each axis.</summary>
    public long[] GridShape => Sizes.Select(s => (long)s.Length).ToArray();

    /// <summary>The total number of chunks.</summary>
    public long Count
    {
        get
        {
            long n = 1;
            foreach (var s in Sizes) n *= s.Length;
            return n;
        }
    }

    /// <summary>The index of the chunk holding <paramref name="position"/> along axis <paramref name="axis"/>.</summary>
    public int ChunkIndexOf(int axis, long position)
    {
        var o = Offsets[axis];
        int i = Array.BinarySearch(o, position);
        return i >= 0 ? Math.Min(i, o.Length - 2) : ~i - 1;
    }

    /// <summary>The start and length of chunk <paramref name="index"/> (a grid index) along each axis.</summary>
    public (long[] Start, long[] Count) Box(ReadOnlySpan<long> index)
    {
        var st = new long[Rank];
        var cn = new long[Rank];
        for (int d = 0; d < Rank; d++)
        {
            st[d] = Offsets[d][index[d]];
            cn[d] = Sizes[d][index[d]];
        }
        return (st, cn);
    }

    /// <summary>The layout with axes taken in a new order.</summary>
    public ChunkLayout Permute(ReadOnlySpan<int> order)
    {
        var s = new long[order.Length][];
        for (int i = 0; i < order.Length; i++) s[i] = Sizes[order[i]];
        return new ChunkLayout(s);
    }

    /// <summary>dask's notation: ((4, 4, 4), (90,), (180,)).</summary>
    public override string ToString() =>
        "(" + string.Join(", ", Sizes.Select(s => "(" + string.Join(", ", s) + (s.Length == 1 ? ",)" : ")"))) + (Sizes.Length == 1 ? ",)" : ")");
}
