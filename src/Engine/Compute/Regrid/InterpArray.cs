using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>
/// A lazy interpolation of a float32 or float64 array along one or more axes onto new coordinates (xarray's
/// <c>interp(method='linear'|'nearest')</c>, one axis after another as xarray decomposes it). A read fetches only
/// the source rows and columns its output needs; targets outside the source give NaN, and NaN in the
/// two points around a linear target gives NaN, as scipy does.
/// </summary>
public sealed class InterpArray : IGraphNode
{
    private readonly int[] _axes;
    private readonly AxisStencil[] _stencils;
    private readonly bool[] _isInterp;
    private readonly int[] _stencilOf;

    /// <summary>Interpolates <paramref name="source"/> along <paramref name="axes"/> with one stencil each.</summary>
    public InterpArray(ILazyArray source, IReadOnlyList<int> axes, IReadOnlyList<AxisStencil> stencils, string? description = null)
    {
        if (source.DType.Kind is not (ScalarKind.Float32 or ScalarKind.Float64))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDataType",
                $"Interpolation of {source.Description} needs float32 or float64 values, not {source.DType.Name}; convert it first (AsType).", source.Description);
        if (axes.Count != stencils.Count || axes.Count == 0) throw new ArgumentException("One stencil per axis, at least one axis.", nameof(stencils));
        int rank = source.Shape.Length;
        _isInterp = new bool[rank];
        _stencilOf = new int[rank];
        Array.Fill(_stencilOf, -1);
        for (int k = 0; k < axes.Count; k++)
        {
            int a = axes[k];
            if (a < 0 || a >= rank || _isInterp[a]) throw new ArgumentException($"Axis {a} is not a distinct axis of the source.", nameof(axes));
            if (stencils[k].SourceLength != source.Shape[a])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionMismatch",
                    $"The coordinate of axis {a} of {source.Description} has {stencils[k].SourceLength} values but the axis has {source.Shape[a]}.", source.Description);
            _isInterp[a] = true;
            _stencilOf[a] = k;
        }
        Source = source;
        _axes = axes.ToArray();
        _stencils = stencils.ToArray();
        Shape = (long[])source.Shape.Clone();
        var sizes = new long[rank][];
        for (int d = 0; d < rank; d++)
        {
            if (!_isInterp[d]) { sizes[d] = source.Chunks.Sizes[d]; continue; }
            int m = _stencils[_stencilOf[d]].TargetLength;
            Shape[d] = m;
            // As many chunks as the source has along the axis, so a chunk reads about one source chunk.
            int pieces = Math.Max(1, source.Chunks.Sizes[d].Length);
            sizes[d] = ChunkLayout.Regular([m], [(int)Math.Max(1, (m + pieces - 1) / pieces)]).Sizes[0];
        }
        Chunks = new ChunkLayout(sizes);
        Description = description ?? source.Description;
    }

    /// <summary>The interpolated array.</summary>
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
    public string Label => "interpolate";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [Source];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        for (int d = 0; d < Shape.Length; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > Shape[d])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange",
                    $"Region {start[d]}+{count[d]} is outside axis {d} of the interpolation of {Description} (length {Shape[d]}).");
        foreach (long c in count) if (c == 0) return;
        // Large regions go in slabs along their outermost axis when it is not interpolated, so the compact
        // source box stays cache-sized and pooled instead of one allocation per read.
        int outer = 0;
        while (outer < count.Length && count[outer] == 1) outer++;
        if (outer < count.Length && !_isInterp[outer] && count[outer] > 1)
        {
            long perSlab = DType.ItemSize;
            for (int d = outer + 1; d < count.Length; d++)
                perSlab *= _isInterp[d] ? Math.Max(count[d], Source.Shape[d] * count[d] / Math.Max(1, Shape[d]) + 2) : count[d];
            long slabs = Math.Max(1, (4L << 20) / Math.Max(1, perSlab));
            if (slabs < count[outer])
            {
                long outBytes = DType.ItemSize * StridedCopy.Product(count[(outer + 1)..]);
                var st = start.ToArray();
                var cn = count.ToArray();
                for (long i = 0; i < count[outer]; i += slabs)
                {
                    st[outer] = start[outer] + i;
                    cn[outer] = Math.Min(slabs, count[outer] - i);
                    ReadRegion(st, cn, destination.Slice((int)(i * outBytes), (int)(cn[outer] * outBytes)));
                }
                return;
            }
        }
        if (DType.Kind == ScalarKind.Float32) Read(start, count, MemoryMarshal.Cast<byte, float>(destination));
        else Read(start, count, MemoryMarshal.Cast<byte, double>(destination));
    }

    // The source rows one axis needs for a block of targets, read as runs; compact positions index the runs laid end to end.
    private sealed class AxisPlan
    {
        public required AxisStencil Stencil;
        public required int[] LoC;
        public required int[] HiC;
        public required List<(int Start, int Length, int Offset)> Runs;
        public required int CompactLength;
    }

    private static AxisPlan? Plan(AxisStencil full, int start, int count)
    {
        var s = full.Slice(start, count);
        var need = new List<int>(2 * count);
        for (int j = 0; j < count; j++)
            if (s.Lo[j] >= 0) { need.Add(s.Lo[j]); need.Add(s.Hi[j]); }
        if (need.Count == 0) return null;
        need.Sort();
        var runs = new List<(int Start, int Length, int Offset)>();
        int rs = need[0], re = need[0], offset = 0;
        foreach (int i in need)
        {
            if (i <= re + 1 + Math.Max(8, (re - rs) / 4)) { re = Math.Max(re, i); continue; }
            runs.Add((rs, re - rs + 1, offset));
            offset += re - rs + 1;
            rs = re = i;
        }
        runs.Add((rs, re - rs + 1, offset));
        offset += re - rs + 1;
        int Compact(int src)
        {
            foreach (var r in runs) if (src >= r.Start && src < r.Start + r.Length) return r.Offset + src - r.Start;
            return -1;
        }
        var loC = new int[count];
        var hiC = new int[count];
        for (int j = 0; j < count; j++)
        {
            loC[j] = s.Lo[j] < 0 ? -1 : Compact(s.Lo[j]);
            hiC[j] = s.Hi[j] < 0 ? -1 : Compact(s.Hi[j]);
        }
        return new AxisPlan { Stencil = s, LoC = loC, HiC = hiC, Runs = runs, CompactLength = offset };
    }

    private void Read<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = Shape.Length;
        var plans = new AxisPlan[_axes.Length];
        for (int k = 0; k < _axes.Length; k++)
        {
            int a = _axes[k];
            var p = Plan(_stencils[k], (int)start[a], (int)count[a]);
            if (p is null)
            {
                destination[..(int)StridedCopy.Product(count)].Fill(T.NaN);
                return;
            }
            plans[k] = p;
        }

        // The compact source box: interpolated axes hold only their runs.
        var boxShape = new long[rank];
        for (int d = 0; d < rank; d++) boxShape[d] = _isInterp[d] ? plans[_stencilOf[d]].CompactLength : count[d];
        int item = DType.ItemSize;
        long boxCount = StridedCopy.Product(boxShape);
        var pool = System.Buffers.ArrayPool<T>.Shared;
        var bufA = pool.Rent(checked((int)boxCount));
        var rented = new List<T[]> { bufA };
        try
        {
            ReadBox(start, count, plans, boxShape, MemoryMarshal.AsBytes(bufA.AsSpan(0, (int)boxCount)), item);
            Passes(count, plans, boxShape, bufA, destination, rented);
        }
        finally
        {
            foreach (var r in rented) pool.Return(r);
        }
    }

    private void Passes<T>(ReadOnlySpan<long> count, AxisPlan[] plans, long[] boxShape, T[] bufA, Span<T> destination, List<T[]> rented)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // One axis at a time, the axis that shrinks the data most first.
        var counts = count.ToArray();
        var order = Enumerable.Range(0, _axes.Length)
            .OrderBy(k => (double)counts[_axes[k]] / plans[k].CompactLength).ToArray();
        var cur = bufA;
        var curShape = boxShape;
        for (int step = 0; step < order.Length; step++)
        {
            int k = order[step];
            int a = _axes[k];
            var nextShape = (long[])curShape.Clone();
            nextShape[a] = count[a];
            bool lastStep = step == order.Length - 1;
            int nextCount = (int)StridedCopy.Product(nextShape);
            T[]? next = null;
            if (!lastStep)
            {
                next = System.Buffers.ArrayPool<T>.Shared.Rent(nextCount);
                rented.Add(next);
            }
            Span<T> dst = lastStep ? destination[..nextCount] : next.AsSpan(0, nextCount);
            Apply<T>(cur, curShape, a, plans[k], dst);
            if (!lastStep) { cur = next!; curShape = nextShape; }
        }
    }

    private void ReadBox(ReadOnlySpan<long> start, ReadOnlySpan<long> count, AxisPlan[] plans, long[] boxShape, Span<byte> box, int item)
    {
        int rank = Shape.Length;
        var pick = new int[_axes.Length];
        bool single = plans.All(p => p.Runs.Count == 1);
        var st = new long[rank];
        var cn = new long[rank];
        var at = new long[rank];
        while (true)
        {
            for (int d = 0; d < rank; d++)
            {
                if (!_isInterp[d]) { st[d] = start[d]; cn[d] = count[d]; at[d] = 0; continue; }
                var r = plans[_stencilOf[d]].Runs[pick[_stencilOf[d]]];
                st[d] = r.Start;
                cn[d] = r.Length;
                at[d] = r.Offset;
            }
            if (single)
            {
                Source.ReadRegion(st, cn, box);
                return;
            }
            long n = StridedCopy.Product(cn);
            using (var scratch = PooledBuffer.Rent(checked((int)(n * item))))
            {
                Source.ReadRegion(st, cn, scratch.Span);
                StridedCopy.Copy(scratch.Span, cn, new long[rank], box, boxShape, at, cn, item);
            }
            int k = pick.Length - 1;
            while (k >= 0 && ++pick[k] == plans[k].Runs.Count) { pick[k] = 0; k--; }
            if (k < 0) return;
        }
    }

    // Two-tap weighted sums along one axis of a C-order buffer: [outer, in, inner] to [outer, out, inner].
    private static void Apply<T>(ReadOnlySpan<T> src, long[] shape, int axis, AxisPlan plan, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        int inLen = (int)shape[axis], outLen = plan.LoC.Length, inn = (int)inner;
        bool nearest = plan.Stencil.Method == InterpMethod.Nearest;
        var wHi = new T[outLen];
        var wLo = new T[outLen];
        for (int j = 0; j < outLen; j++)
        {
            wHi[j] = T.CreateChecked(plan.Stencil.Weight[j]);
            wLo[j] = T.One - wHi[j];
        }
        for (long o = 0; o < outer; o++)
        {
            var s = src.Slice((int)(o * inLen * inner), inLen * inn);
            var d = dst.Slice((int)(o * outLen * inner), outLen * inn);
            if (inn == 1)
            {
                for (int j = 0; j < outLen; j++)
                {
                    int lo = plan.LoC[j];
                    d[j] = lo < 0 ? T.NaN : nearest ? s[lo] : s[lo] * wLo[j] + s[plan.HiC[j]] * wHi[j];
                }
                continue;
            }
            for (int j = 0; j < outLen; j++)
            {
                var row = d.Slice(j * inn, inn);
                int lo = plan.LoC[j];
                if (lo < 0) { row.Fill(T.NaN); continue; }
                var a = s.Slice(lo * inn, inn);
                if (nearest) { a.CopyTo(row); continue; }
                var b = s.Slice(plan.HiC[j] * inn, inn);
                TensorPrimitives.Multiply(a, wLo[j], row);
                TensorPrimitives.MultiplyAdd(b, wHi[j], row, row);
            }
        }
    }
}
