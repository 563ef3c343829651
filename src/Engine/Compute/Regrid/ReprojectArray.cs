using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>
/// A lazy reprojection of a float32 or float64 grid whose last two axes are y and x (1-D coordinates in the
/// source CRS) onto a target grid of 1-D y and x coordinates in another CRS: each target point is transformed to
/// the source CRS with ProjNET and sampled bilinearly (or nearest) from the four source points around it, as
/// <see cref="InterpArray"/> samples (NaN outside the source grid, NaN among the four points propagates).
/// </summary>
public sealed class ReprojectArray : IGraphNode
{
    private readonly double[] _srcY, _srcX, _tgtY, _tgtX;
    private readonly Crs _srcCrs, _tgtCrs;
    private readonly InterpMethod _method;
    private readonly ConcurrentDictionary<(long, long, long, long), Mapping> _cache = new();
    private long _cachedPoints;
    private const long CacheBudgetPoints = 4_000_000; // 32 bytes each: 128 MB at most

    /// <summary>
    /// Reprojects <paramref name="source"/> (…, y, x) from <paramref name="sourceCrs"/> onto the target axes in
    /// <paramref name="targetCrs"/>. Geographic axes are x = longitude, y = latitude in degrees.
    /// <paramref name="chunk"/> sets the output chunk along y and x (default 512 each).
    /// </summary>
    public ReprojectArray(ILazyArray source, double[] sourceY, double[] sourceX, Crs sourceCrs,
        double[] targetY, double[] targetX, Crs targetCrs, InterpMethod method = InterpMethod.Linear, int[]? chunk = null, string? description = null)
    {
        if (source.DType.Kind is not (ScalarKind.Float32 or ScalarKind.Float64))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDataType",
                $"Reprojection of {source.Description} needs float32 or float64 values, not {source.DType.Name}; convert it first (AsType).", source.Description);
        int rank = source.Shape.Length;
        if (rank < 2)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch", $"Reprojection needs y and x axes; {source.Description} has {rank}.", source.Description);
        if (source.Shape[rank - 2] != sourceY.Length || source.Shape[rank - 1] != sourceX.Length)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch",
                $"The y and x coordinates ({sourceY.Length} and {sourceX.Length} values) do not match the last two axes of {source.Description} ({source.Shape[rank - 2]} x {source.Shape[rank - 1]}).", source.Description);
        // Validates the source axes once (monotonic, no NaN) before any read.
        AxisStencil.Build(sourceY, [], method, false, "y");
        AxisStencil.Build(sourceX, [], method, false, "x");
        Source = source;
        _srcY = sourceY;
        _srcX = sourceX;
        _tgtY = targetY;
        _tgtX = targetX;
        _srcCrs = sourceCrs;
        _tgtCrs = targetCrs;
        _method = method;
        Shape = (long[])source.Shape.Clone();
        Shape[rank - 2] = targetY.Length;
        Shape[rank - 1] = targetX.Length;
        var sizes = new long[rank][];
        for (int d = 0; d < rank - 2; d++) sizes[d] = source.Chunks.Sizes[d];
        int cy = chunk?[0] ?? 512, cx = chunk?[1] ?? 512;
        sizes[rank - 2] = ChunkLayout.Regular([targetY.Length], [cy]).Sizes[0];
        sizes[rank - 1] = ChunkLayout.Regular([targetX.Length], [cx]).Sizes[0];
        Chunks = new ChunkLayout(sizes);
        Description = description ?? $"{source.Description} reprojected from {sourceCrs} to {targetCrs}";
    }

    /// <summary>The reprojected array.</summary>
    public ILazyArray Source { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => Source.DType;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string Kind => "regrid";

    /// <inheritdoc />
    public string Label => $"reproject {_srcCrs} to {_tgtCrs}";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [Source];

    // For each target point of a block: the source rows and columns around it and their weights (lo < 0: NaN).
    private sealed record Mapping(int[] YLo, int[] YHi, double[] Wy, int[] XLo, int[] XHi, double[] Wx, int Y0, int Y1, int X0, int X1);

    private Mapping MapBlock(long ys, long ny, long xs, long nx)
    {
        var key = (ys, ny, xs, nx);
        if (_cache.TryGetValue(key, out var cached)) return cached;
        int n = checked((int)(ny * nx));
        var px = new double[n];
        var py = new double[n];
        for (int i = 0; i < ny; i++)
            for (int j = 0; j < nx; j++)
            {
                px[i * nx + j] = _tgtX[xs + j];
                py[i * nx + j] = _tgtY[ys + i];
            }
        _tgtCrs.Transform(_srcCrs, px, py);
        var sx = AxisStencil.Build(_srcX, px, _method, _srcCrs.IsGeographic, "x");
        var sy = AxisStencil.Build(_srcY, py, _method, false, "y");
        int y0 = int.MaxValue, y1 = -1, x0 = int.MaxValue, x1 = -1;
        for (int p = 0; p < n; p++)
        {
            if (sx.Lo[p] < 0 || sy.Lo[p] < 0)
            {
                sx.Lo[p] = sy.Lo[p] = -1;
                continue;
            }
            y0 = Math.Min(y0, Math.Min(sy.Lo[p], sy.Hi[p]));
            y1 = Math.Max(y1, Math.Max(sy.Lo[p], sy.Hi[p]));
            x0 = Math.Min(x0, Math.Min(sx.Lo[p], sx.Hi[p]));
            x1 = Math.Max(x1, Math.Max(sx.Lo[p], sx.Hi[p]));
        }
        var m = new Mapping(sy.Lo, sy.Hi, sy.Weight, sx.Lo, sx.Hi, sx.Weight, y0, y1, x0, x1);
        if (Interlocked.Add(ref _cachedPoints, n) <= CacheBudgetPoints) _cache.TryAdd(key, m);
        else Interlocked.Add(ref _cachedPoints, -n);
        return m;
    }

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        for (int d = 0; d < Shape.Length; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > Shape[d])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange",
                    $"Region {start[d]}+{count[d]} is outside axis {d} of {Description} (length {Shape[d]}).");
        foreach (long c in count) if (c == 0) return;
        if (DType.Kind == ScalarKind.Float32) Read(start, count, MemoryMarshal.Cast<byte, float>(destination));
        else Read(start, count, MemoryMarshal.Cast<byte, double>(destination));
    }

    private void Read<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = Shape.Length;
        long ny = count[rank - 2], nx = count[rank - 1];
        var m = MapBlock(start[rank - 2], ny, start[rank - 1], nx);
        long lead = 1;
        for (int d = 0; d < rank - 2; d++) lead *= count[d];
        int points = (int)(ny * nx);
        var dst = destination[..(int)(lead * points)];
        if (m.Y1 < 0)
        {
            dst.Fill(T.NaN);
            return;
        }
        int by = m.Y1 - m.Y0 + 1, bx = m.X1 - m.X0 + 1;
        var st = start.ToArray();
        var cn = count.ToArray();
        st[rank - 2] = m.Y0;
        cn[rank - 2] = by;
        st[rank - 1] = m.X0;
        cn[rank - 1] = bx;
        long boxCount = lead * by * bx;
        var pool = System.Buffers.ArrayPool<T>.Shared;
        var box = pool.Rent(checked((int)boxCount));
        try
        {
            Source.ReadRegion(st, cn, MemoryMarshal.AsBytes(box.AsSpan(0, (int)boxCount)));
            bool nearest = _method == InterpMethod.Nearest;
            for (long l = 0; l < lead; l++)
            {
                var s = new ReadOnlySpan<T>(box, (int)(l * by * bx), by * bx);
                var o = dst.Slice((int)(l * points), points);
                for (int p = 0; p < points; p++)
                {
                    int yl = m.YLo[p];
                    if (yl < 0) { o[p] = T.NaN; continue; }
                    int r0 = (yl - m.Y0) * bx, c0 = m.XLo[p] - m.X0;
                    if (nearest) { o[p] = s[r0 + c0]; continue; }
                    int r1 = (m.YHi[p] - m.Y0) * bx, c1 = m.XHi[p] - m.X0;
                    T wx = T.CreateChecked(m.Wx[p]), wy = T.CreateChecked(m.Wy[p]);
                    T top = s[r0 + c0] * (T.One - wx) + s[r0 + c1] * wx;
                    T bottom = s[r1 + c0] * (T.One - wx) + s[r1 + c1] * wx;
                    o[p] = top * (T.One - wy) + bottom * wy;
                }
            }
        }
        finally
        {
            pool.Return(box);
        }
    }
}
