using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Skill;

/// <summary>Computes <c>result.Length</c> values from one element's observation series a, forecast series b and weights w (empty without weights).</summary>
public delegate void SeriesFunction(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> w, Span<double> result);

/// <summary>A score that needs an element's whole series at once (ranks, medians, lag correlations, tables).</summary>
/// <param name="Name">The score's name.</param>
/// <param name="Width">How many values it gives per element.</param>
/// <param name="Function">The computation.</param>
public sealed record SeriesMetric(string Name, int Width, SeriesFunction Function);

/// <summary>
/// Scores that need each element's series whole (spearman_r, median_absolute_error, effective_sample_size,
/// contingency tables …): an output region reads its input region, gathers every element's series in position order
/// of the reduced axes, and applies the functions. Regions larger than a piece are split along the kept axes, so the
/// memory held is bounded; pieces run on the scheduler. The last axis holds the functions' values, one after another.
/// </summary>
public sealed class PairSeriesArray : IGraphNode, IPreparable
{
    private const long PieceBytes = 64L << 20;
    private readonly ReductionLayout _layout;
    private readonly int[] _reduced;
    private readonly long _seriesLength;
    private readonly PreparedResult _prepared = new();

    /// <summary>The <paramref name="metrics"/> of a, b (and weights) over <paramref name="reducedAxes"/>.</summary>
    public PairSeriesArray(ILazyArray a, ILazyArray b, ILazyArray? weights, int[] reducedAxes, IReadOnlyList<SeriesMetric> metrics)
    {
        if (!a.Shape.SequenceEqual(b.Shape) || (weights is not null && !weights.Shape.SequenceEqual(a.Shape)))
            throw new ArgumentException("The observation, forecast and weights must have one shape.");
        A = a;
        B = b;
        Weights = weights;
        Metrics = metrics;
        _reduced = reducedAxes;
        _layout = new ReductionLayout(a, reducedAxes.Select(AxisReduction.All).ToArray());
        _seriesLength = reducedAxes.Aggregate(1L, (p, d) => p * a.Shape[d]);
        Width = metrics.Sum(m => m.Width);
        Shape = [.. _layout.Shape, Width];
        Chunks = new ChunkLayout([.. _layout.Chunks.Sizes, [Width]]);
    }

    /// <summary>The observation.</summary>
    public ILazyArray A { get; }

    /// <summary>The forecast.</summary>
    public ILazyArray B { get; }

    /// <summary>The weights or null.</summary>
    public ILazyArray? Weights { get; }

    /// <summary>The scores, in the order of the last axis.</summary>
    public IReadOnlyList<SeriesMetric> Metrics { get; }

    /// <summary>Values per element (the last axis).</summary>
    public int Width { get; }

    /// <summary>The offset of a metric's values along the last axis.</summary>
    public int OffsetOf(string name)
    {
        int off = 0;
        foreach (var m in Metrics)
        {
            if (m.Name == name) return off;
            off += m.Width;
        }
        throw new ArgumentException($"No series metric '{name}'.", nameof(name));
    }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => DataType.Float64;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"{string.Join(", ", Metrics.Select(m => m.Name))} of {A.Description} and {B.Description}";

    /// <inheritdoc />
    public string Kind => "quantile";

    /// <inheritdoc />
    public string Label => string.Join(", ", Metrics.Select(m => m.Name));

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => Weights is null ? [A, B] : [A, B, Weights];

    /// <inheritdoc />
    public void Prepare(ComputeOptions options) =>
        _prepared.Prepare(this, StridedCopy.Product(Shape) * 8, options,
            result => Compute(new long[_layout.Shape.Length], _layout.Shape, MemoryMarshal.Cast<byte, double>(result.AsSpan()), options));

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        if (_prepared.TryRead(start, count, destination)) return;
        int k = _layout.Shape.Length;
        long n = StridedCopy.Product(count[..k]);
        var all = new double[n * Width];
        Compute(start[..k].ToArray(), count[..k].ToArray(), all, new ComputeOptions());
        CopyFields(all, Width, (int)start[k], (int)count[k], MemoryMarshal.Cast<byte, double>(destination));
    }

    // From values laid out with `width` fields per element, the fields [first, first + count) of each, packed.
    internal static void CopyFields(ReadOnlySpan<double> all, int width, int first, int count, Span<double> destination)
    {
        long n = all.Length / width;
        for (long i = 0; i < n; i++)
            all.Slice((int)(i * width + first), count).CopyTo(destination.Slice((int)(i * count), count));
    }

    private unsafe void Compute(long[] outStart, long[] outCount, Span<double> destination, ComputeOptions options)
    {
        long n = StridedCopy.Product(outCount);
        if (n == 0) return;
        int inputs = Weights is null ? 2 : 3;
        // Each output element holds its series (inputs × L doubles) twice over: as read, and gathered.
        long perElement = Math.Max(1, _seriesLength * inputs * 16);
        // Pieces fit a share of the memory budget, so the workers together stay within it.
        long budget = options.MaxMemory ?? ComputeSession.MaxMemory;
        int workers = Math.Max(1, options.MaxParallelism ?? ComputeSession.MaxParallelism);
        long maxElements = Math.Max(1, Math.Min(PieceBytes, budget / (2L * workers)) / perElement);
        var pieces = Split(outStart, outCount, maxElements);
        fixed (double* pd = destination)
        {
            nint ptr = (nint)pd;
            int len = destination.Length;
            Scheduler.Run(pieces, p => StridedCopy.Product(p.Count) * perElement, p =>
            {
                long m = StridedCopy.Product(p.Count);
                var part = new double[m * Width];
                ComputePiece(p.Start, p.Count, part);
                var dst = new Span<double>((void*)ptr, len);
                // Scatter the piece's rows into the region's layout (the piece is a box inside it).
                int kr = outCount.Length;
                var idx = new long[kr];
                for (long e = 0; e < m; e++)
                {
                    long off = 0;
                    for (int d = 0; d < kr; d++) off = off * outCount[d] + (p.Start[d] - outStart[d] + idx[d]);
                    part.AsSpan((int)(e * Width), Width).CopyTo(dst.Slice((int)(off * Width), Width));
                    for (int d = kr - 1; d >= 0; d--)
                    {
                        if (++idx[d] < p.Count[d]) break;
                        idx[d] = 0;
                    }
                }
            }, options, options.Operation ?? Description, TaskKind.Compute, p => string.Join(",", p.Start));
        }
    }

    // Boxes of at most maxElements covering the region: whole trailing axes, split along one axis, single positions before it.
    private static List<(long[] Start, long[] Count)> Split(long[] start, long[] count, long maxElements)
    {
        int k = count.Length;
        var result = new List<(long[], long[])>();
        if (StridedCopy.Product(count) <= maxElements || k == 0)
        {
            result.Add((start, count));
            return result;
        }
        int axis = k - 1;
        long inner = 1;
        while (axis > 0 && inner * count[axis] <= maxElements) { inner *= count[axis]; axis--; }
        long step = Math.Max(1, maxElements / inner);
        var outer = new long[axis];
        while (true)
        {
            for (long s = 0; s < count[axis]; s += step)
            {
                var bs = (long[])start.Clone();
                var bc = (long[])count.Clone();
                for (int d = 0; d < axis; d++) { bs[d] = start[d] + outer[d]; bc[d] = 1; }
                bs[axis] = start[axis] + s;
                bc[axis] = Math.Min(step, count[axis] - s);
                result.Add((bs, bc));
            }
            int q = axis - 1;
            while (q >= 0 && ++outer[q] >= count[q]) { outer[q] = 0; q--; }
            if (q < 0) break;
        }
        return result;
    }

    private void ComputePiece(long[] outStart, long[] outCount, double[] result)
    {
        int rank = A.Shape.Length;
        long n = StridedCopy.Product(outCount);
        long L = _seriesLength;
        var (inStart, inCount) = _layout.InputRegion(outStart, outCount);
        using var ab = Cast.ReadAs(A, inStart, inCount, DataType.Float64);
        using var bb = Cast.ReadAs(B, inStart, inCount, DataType.Float64);
        using var wb = Weights is null ? null : Cast.ReadAs(Weights, inStart, inCount, DataType.Float64);
        var a = MemoryMarshal.Cast<byte, double>(ab.Span);
        var b = MemoryMarshal.Cast<byte, double>(bb.Span);
        var w = wb is null ? default : MemoryMarshal.Cast<byte, double>(wb.Span);
        var sa = new double[n * L];
        var sb = new double[n * L];
        var sw = wb is null ? [] : new double[n * L];
        var table = _layout.OffsetTables(inStart, inCount, outStart, outCount);
        // Position in the series: the reduced axes in C order.
        var rstride = new long[rank];
        long s = 1;
        for (int i = _reduced.Length - 1; i >= 0; i--) { rstride[_reduced[i]] = s; s *= inCount[_reduced[i]]; }
        long m = StridedCopy.Product(inCount);
        var idx = new long[rank];
        for (long e = 0; e < m; e++)
        {
            long o = 0, pos = 0;
            for (int d = 0; d < rank; d++)
            {
                o += table[d][idx[d]];
                pos += idx[d] * rstride[d];
            }
            long at = o * L + pos;
            sa[at] = a[(int)e];
            sb[at] = b[(int)e];
            if (sw.Length > 0) sw[at] = w[(int)e];
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++idx[d] < inCount[d]) break;
                idx[d] = 0;
            }
        }
        var stats = ComputeStats.Current;
        long t0 = stats is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        for (long o = 0; o < n; o++)
        {
            var xa = sa.AsSpan((int)(o * L), (int)L);
            var xb = sb.AsSpan((int)(o * L), (int)L);
            var xw = sw.Length == 0 ? ReadOnlySpan<double>.Empty : sw.AsSpan((int)(o * L), (int)L);
            int off = (int)(o * Width);
            foreach (var metric in Metrics)
            {
                metric.Function(xa, xb, xw, result.AsSpan(off, metric.Width));
                off += metric.Width;
            }
        }
        stats?.AddKernel(System.Diagnostics.Stopwatch.GetTimestamp() - t0);
    }
}
