namespace ZarrPS.Engine.Arrays;

/// <summary>
/// A lazy selection of another array (xarray's isel): one <see cref="AxisSelection"/> per source axis. Reads
/// fetch only the source boxes that hold selected positions; scalar selections drop their axis.
/// </summary>
public sealed class SelectionArray : ILazyArray
{
    private readonly AxisSelection[] _sel;
    private readonly int[] _outAxes;   // source axis of each output axis

    /// <summary>Selects from <paramref name="source"/>; <paramref name="selections"/> has one entry per source axis.</summary>
    public SelectionArray(ILazyArray source, AxisSelection[] selections)
    {
        if (selections.Length != source.Shape.Length) throw new ArgumentException("One selection per axis is required.", nameof(selections));
        for (int d = 0; d < selections.Length; d++)
            if (!selections[d].FitsIn(source.Shape[d]))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange",
                    $"Selection {selections[d]} is outside axis {d} of {source.Description} (length {source.Shape[d]}).");
        // Selections of selections collapse into one, so chains of isel stay one step from the source.
        if (source is SelectionArray inner)
        {
            var composed = new AxisSelection[inner._sel.Length];
            int k = 0;
            for (int d = 0; d < inner._sel.Length; d++)
                composed[d] = inner._sel[d].IsScalar ? inner._sel[d] : selections[k++].Compose(inner._sel[d]);
            source = inner.Source;
            selections = composed;
        }
        Source = source;
        _sel = selections;
        _outAxes = Enumerable.Range(0, selections.Length).Where(d => !selections[d].IsScalar).ToArray();
        Shape = _outAxes.Select(d => selections[d].Count).ToArray();
        Chunks = new ChunkLayout(_outAxes.Select(d => OutputChunks(source.Chunks, d, selections[d])).ToArray());
    }

    /// <summary>The array selected from.</summary>
    public ILazyArray Source { get; }

    /// <summary>The selection of each source axis.</summary>
    public IReadOnlyList<AxisSelection> Selections => _sel;

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => Source.DType;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => Source.Description;

    // Consecutive selected positions that fall into one source chunk form one output chunk.
    private static long[] OutputChunks(ChunkLayout src, int axis, AxisSelection sel)
    {
        var result = new List<long>();
        long run = 0;
        int current = -1;
        for (long i = 0; i < sel.Count; i++)
        {
            int c = src.ChunkIndexOf(axis, sel[i]);
            if (c != current && run > 0)
            {
                result.Add(run);
                run = 0;
            }
            current = c;
            run++;
        }
        if (run > 0) result.Add(run);
        return result.ToArray();
    }

    private readonly record struct Block(long SrcStart, long SrcSpan, long OutStart, long[] Rel, bool Contiguous);

    // Splits an axis' selected positions into blocks read as one source span each: a contiguous run, or a span
    // at most 4x the positions it serves (then gathered); sparse lists become one block per position.
    private static List<Block> Plan(AxisSelection sel)
    {
        var blocks = new List<Block>();
        if (sel.Count == 0) return blocks;
        if (!sel.IsList && sel.Step == 1) { blocks.Add(new Block(sel.Start, sel.Count, 0, [], true)); return blocks; }
        var pos = sel.Positions();
        long i = 0;
        while (i < pos.Length)
        {
            long lo = pos[i], hi = pos[i];
            long j = i + 1;
            while (j < pos.Length)
            {
                long nlo = Math.Min(lo, pos[j]), nhi = Math.Max(hi, pos[j]);
                if (nhi - nlo + 1 > 4 * (j - i + 1) + 4) break;
                lo = nlo;
                hi = nhi;
                j++;
            }
            var rel = new long[j - i];
            for (long k = i; k < j; k++) rel[k - i] = pos[k] - lo;
            blocks.Add(new Block(lo, hi - lo + 1, i, rel, false));
            i = j;
        }
        return blocks;
    }

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        int srcRank = _sel.Length;
        int item = DType.ItemSize;
        var subs = new AxisSelection[srcRank];
        for (int d = 0; d < srcRank; d++) subs[d] = _sel[d];
        for (int o = 0; o < _outAxes.Length; o++) subs[_outAxes[o]] = _sel[_outAxes[o]].Sub(start[o], count[o]);
        foreach (long c in count) if (c == 0) return;

        // Plans per source axis (scalars: one direct block of length 1).
        var plans = new List<Block>[srcRank];
        bool allDirect = true;
        for (int d = 0; d < srcRank; d++)
        {
            plans[d] = subs[d].IsScalar ? [new Block(subs[d].Start, 1, 0, [], true)] : Plan(subs[d]);
            if (plans[d].Count != 1 || !plans[d][0].Contiguous) allDirect = false;
        }
        if (allDirect)
        {
            var st = new long[srcRank];
            var cn = new long[srcRank];
            for (int d = 0; d < srcRank; d++) { st[d] = plans[d][0].SrcStart; cn[d] = plans[d][0].SrcSpan; }
            Source.ReadRegion(st, cn, destination);
            return;
        }

        // Destination strides over source axes (scalar axes contribute nothing).
        var destStride = new long[srcRank];
        long acc = item;
        for (int o = _outAxes.Length - 1; o >= 0; o--)
        {
            destStride[_outAxes[o]] = acc;
            acc *= count[o];
        }
        var pick = new int[srcRank];
        while (true)
        {
            ReadBlock(plans, pick, destStride, destination, item);
            int d = srcRank - 1;
            while (d >= 0 && ++pick[d] == plans[d].Count) { pick[d] = 0; d--; }
            if (d < 0) break;
        }
    }

    private void ReadBlock(List<Block>[] plans, int[] pick, long[] destStride, Span<byte> dest, int item)
    {
        int rank = plans.Length;
        var st = new long[rank];
        var cn = new long[rank];
        for (int d = 0; d < rank; d++) { st[d] = plans[d][pick[d]].SrcStart; cn[d] = plans[d][pick[d]].SrcSpan; }
        long n = StridedCopy.Product(cn);
        using var scratch = PooledBuffer.Rent(checked((int)(n * item)));
        Source.ReadRegion(st, cn, scratch.Span);

        // Offset tables: for each axis, scratch and destination byte offsets of every element the block yields.
        var srcOffs = new long[rank][];
        var dstOffs = new long[rank][];
        long sStride = item;
        for (int d = rank - 1; d >= 0; d--)
        {
            var b = plans[d][pick[d]];
            long m = b.Contiguous ? b.SrcSpan : b.Rel.Length;
            srcOffs[d] = new long[m];
            dstOffs[d] = new long[m];
            for (long i = 0; i < m; i++)
            {
                srcOffs[d][i] = (b.Contiguous ? i : b.Rel[i]) * sStride;
                dstOffs[d][i] = (b.OutStart + i) * destStride[d];
            }
            sStride *= b.SrcSpan;
        }
        var scr = scratch.Span;
        var idx = new int[rank];
        if (rank == 0) { scr[..item].CopyTo(dest); return; }
        while (true)
        {
            long so = 0, doff = 0;
            for (int d = 0; d < rank - 1; d++) { so += srcOffs[d][idx[d]]; doff += dstOffs[d][idx[d]]; }
            var ls = srcOffs[rank - 1];
            var ld = dstOffs[rank - 1];
            for (int i = 0; i < ls.Length; i++)
                scr.Slice((int)(so + ls[i]), item).CopyTo(dest.Slice((int)(doff + ld[i]), item));
            int k = rank - 2;
            while (k >= 0 && ++idx[k] == srcOffs[k].Length) { idx[k] = 0; k--; }
            if (k < 0) return;
        }
    }
}
