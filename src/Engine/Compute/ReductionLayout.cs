using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// How reduced axes map an input onto an output, shared by the reduction nodes: the output's shape and chunks, and
/// for an output region the input region that feeds it.
/// </summary>
internal sealed class ReductionLayout
{
    public ReductionLayout(ILazyArray input, IReadOnlyList<AxisReduction> axes)
    {
        int rank = input.Shape.Length;
        ByAxis = new AxisReduction?[rank];
        foreach (var a in axes)
        {
            if (a.Map is not null && a.Map.Length != input.Shape[a.Axis])
                throw new ArgumentException($"The map of axis {a.Axis} has {a.Map.Length} entries; the axis has {input.Shape[a.Axis]}.", nameof(axes));
            ByAxis[a.Axis] = a;
        }
        OutAxisOf = new int[rank];
        var shape = new List<long>();
        var sizes = new List<long[]>();
        for (int d = 0; d < rank; d++)
        {
            var r = ByAxis[d];
            if (r is { Drop: true }) { OutAxisOf[d] = -1; continue; }
            OutAxisOf[d] = shape.Count;
            if (r is null)
            {
                shape.Add(input.Shape[d]);
                sizes.Add(input.Chunks.Sizes[d]);
            }
            else
            {
                shape.Add(r.OutLength);
                sizes.Add(MappedChunks(input.Chunks, d, r));
                var seen = new bool[r.OutLength];
                foreach (int m in r.Map!) if (m >= 0) seen[m] = true;
                if (seen.Contains(false)) HasEmptyGroups = true;
            }
        }
        Shape = shape.ToArray();
        Chunks = new ChunkLayout(sizes.ToArray());
        Input = input;
    }

    public ILazyArray Input { get; }

    /// <summary>Per input axis: how it is reduced, or null when kept.</summary>
    public AxisReduction?[] ByAxis { get; }

    /// <summary>Per input axis: its output axis, or -1 when dropped.</summary>
    public int[] OutAxisOf { get; }

    public long[] Shape { get; }

    public ChunkLayout Chunks { get; }

    /// <summary>True when some group has no input position (empty resample bins).</summary>
    public bool HasEmptyGroups { get; }

    // Output chunks along a grouped axis: the images of the input chunks when the map is monotonic (bins, windows), else one chunk.
    private static long[] MappedChunks(ChunkLayout input, int axis, AxisReduction r)
    {
        if (!r.IsMonotonic) return [r.OutLength];
        var bounds = new SortedSet<int> { 0, r.OutLength };
        foreach (var off in input.Offsets[axis][..^1])
        {
            int m = -1;
            for (long p = off; p < r.Map!.Length && m < 0; p++) m = r.Map[p];
            if (m > 0) bounds.Add(m);
        }
        var b = bounds.ToArray();
        return Enumerable.Range(0, b.Length - 1).Select(i => (long)(b[i + 1] - b[i])).Where(x => x > 0).ToArray();
    }

    /// <summary>The input region that feeds the output region (kept axes as is; reduced axes: the positions mapping into it).</summary>
    public (long[] Start, long[] Count) InputRegion(ReadOnlySpan<long> outStart, ReadOnlySpan<long> outCount)
    {
        int rank = ByAxis.Length;
        var inStart = new long[rank];
        var inCount = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            var r = ByAxis[d];
            int o = OutAxisOf[d];
            if (r is null) { inStart[d] = outStart[o]; inCount[d] = outCount[o]; continue; }
            if (r.Drop || r.Map is null) { inStart[d] = 0; inCount[d] = Input.Shape[d]; continue; }
            long lo = -1, hi = -1;
            for (long p = 0; p < r.Map.Length; p++)
            {
                int m = r.Map[p];
                if (m < outStart[o] || m >= outStart[o] + outCount[o]) continue;
                if (lo < 0) lo = p;
                hi = p;
            }
            if (lo < 0) { inStart[d] = 0; inCount[d] = 0; } else { inStart[d] = lo; inCount[d] = hi - lo + 1; }
        }
        return (inStart, inCount);
    }

    /// <summary>
    /// For each axis of an input box, the offset of each position in the output region (element offsets, row-major
    /// over the output region), or -1 for positions outside it.
    /// </summary>
    public long[][] OffsetTables(long[] boxStart, long[] boxCount, ReadOnlySpan<long> outStart, ReadOnlySpan<long> outCount)
    {
        int rank = boxCount.Length;
        var outStride = new long[outCount.Length];
        long s = 1;
        for (int o = outCount.Length - 1; o >= 0; o--) { outStride[o] = s; s *= outCount[o]; }
        var table = new long[rank][];
        for (int d = 0; d < rank; d++)
        {
            var t = new long[boxCount[d]];
            var r = ByAxis[d];
            int o = OutAxisOf[d];
            for (long i = 0; i < t.Length; i++)
            {
                long p = boxStart[d] + i;
                if (r is null) t[i] = (p - outStart[o]) * outStride[o];
                else if (r.Drop) t[i] = 0;
                else
                {
                    long m = r.OutIndex(p);
                    t[i] = m < outStart[o] || m >= outStart[o] + outCount[o] ? -1 : (m - outStart[o]) * outStride[o];
                }
            }
            table[d] = t;
        }
        return table;
    }
}
