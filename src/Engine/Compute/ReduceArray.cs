using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// A streaming reduction over some axes, lazily: sums, means, extremes, counts, variances — whole axes, or groups,
/// bins and windows along them (groupby, resample, coarsen are this node with a position → group map). Each input
/// chunk is one task that adds into per-worker accumulators; NaN is skipped (skipna) or propagates; optional weights.
/// </summary>
public sealed class ReduceArray : IGraphNode, IPreparable
{
    private readonly ReductionLayout _layout;
    private readonly AxisReduction?[] _byAxis;     // per input axis
    private readonly int[] _outAxisOf;              // per input axis: output axis, or -1 when dropped
    private readonly int _pooledAxis = -1;          // with pooled groups: the group axis of the accumulators, absent from the output
    private readonly PreparedResult _prepared = new();

    /// <summary>
    /// Reduces <paramref name="input"/> along the axes in <paramref name="axes"/>. With <paramref name="poolGroups"/>
    /// (var and std over one grouped axis) the groups' moments are pooled into one value: the variance of the
    /// deviations from each group's own mean — the std of anomalies against a climatology — in a single pass.
    /// </summary>
    public ReduceArray(ILazyArray input, IReadOnlyList<AxisReduction> axes, ReduceOp op, bool skipNa = true, ILazyArray? weights = null, int ddof = 0, string? label = null,
        bool poolGroups = false)
    {
        if (!input.DType.IsNumeric || input.DType.IsComplex)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"Cannot reduce {input.DType.Name} values of {input.Description}.");
        if (weights is not null && !weights.Shape.SequenceEqual(input.Shape))
            throw new ArgumentException("Weights must be broadcast to the input's shape.", nameof(weights));
        if (weights is not null && op is ReduceOp.Min or ReduceOp.Max or ReduceOp.Count)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedWeights", $"Weights apply to sum, mean, var and std, not {op.ToString().ToLowerInvariant()}.");
        Input = input;
        Axes = axes.ToArray();
        PoolsGroups = poolGroups;
        Op = op;
        SkipNa = skipNa;
        Weights = weights;
        Ddof = ddof;
        _layout = new ReductionLayout(input, axes);
        _byAxis = _layout.ByAxis;
        _outAxisOf = _layout.OutAxisOf;
        Shape = _layout.Shape;
        Chunks = _layout.Chunks;
        if (poolGroups)
        {
            var grouped = axes.Where(a => !a.Drop).ToArray();
            if (op is not (ReduceOp.Var or ReduceOp.Std) || grouped.Length != 1 || weights is not null)
                throw new ArgumentException("Pooling groups applies to an unweighted var or std over one grouped axis.", nameof(poolGroups));
            _pooledAxis = _outAxisOf[grouped[0].Axis];
            Shape = [.. Shape[.._pooledAxis], .. Shape[(_pooledAxis + 1)..]];
            Chunks = new ChunkLayout([.. Chunks.Sizes[.._pooledAxis], .. Chunks.Sizes[(_pooledAxis + 1)..]]);
        }
        bool emptyGroups = _layout.HasEmptyGroups;
        var t = input.DType;
        DType = op switch
        {
            ReduceOp.Count => DataType.Int64,
            ReduceOp.Sum when t.Kind == ScalarKind.Bool || t.IsSignedInteger => weights is null ? DataType.Int64 : DataType.Float64,
            ReduceOp.Sum when t.IsInteger => weights is null ? DataType.UInt64 : DataType.Float64,
            ReduceOp.Min or ReduceOp.Max when !t.IsFloat && emptyGroups => DataType.Float64,
            ReduceOp.Min or ReduceOp.Max => t.Kind == ScalarKind.Float16 ? DataType.Float32 : t.Native,
            _ => t.IsFloat ? (t.Kind == ScalarKind.Float16 ? DataType.Float32 : t.Native) : DataType.Float64,
        };
        Label = label ?? $"{op.ToString().ToLowerInvariant()}";
    }

    /// <summary>The reduced array.</summary>
    public ILazyArray Input { get; }

    /// <summary>The reduction.</summary>
    public ReduceOp Op { get; }

    /// <summary>How each reduced axis is reduced (whole, or by groups).</summary>
    public IReadOnlyList<AxisReduction> Axes { get; }

    /// <summary>True when the groups' moments are pooled into one value (std of anomalies).</summary>
    public bool PoolsGroups { get; }

    /// <summary>Skip NaN (true) or let it propagate.</summary>
    public bool SkipNa { get; }

    /// <summary>Weights, broadcast to the input's shape, or null.</summary>
    public ILazyArray? Weights { get; }

    /// <summary>Delta degrees of freedom for var and std.</summary>
    public int Ddof { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"{Label} of {Input.Description}";

    /// <inheritdoc />
    public string Kind => "reduce";

    /// <inheritdoc />
    public string Label { get; }

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => Weights is null ? [Input] : [Input, Weights];

    private long OutputBytes => StridedCopy.Product(Shape) * DType.ItemSize;

    /// <inheritdoc />
    public void Prepare(ComputeOptions options) => _prepared.Prepare(this, OutputBytes, options, bytes =>
    {
        int workers = Math.Max(1, options.MaxParallelism ?? ComputeSession.MaxParallelism);
        if (Chunks.Count < workers || Scheduler.InsideTask)
        {
            // Few output chunks (a mean over time): the input chunks are the tasks, adding into per-worker sums.
            ComputeOutput(new long[Shape.Length], Shape, bytes, options);
            return;
        }
        // Many output chunks (daily bins, windows): each output chunk is a task over its own inputs, so nothing is
        // merged across workers.
        int item = DType.ItemSize;
        var shape = Shape;
        Scheduler.Run(Graph.Boxes(Chunks), b => StridedCopy.Product(b.Count) * (item + 24) + InputBytes(b.Start, b.Count), b =>
        {
            long n = StridedCopy.Product(b.Count);
            using var part = PooledBuffer.Rent(checked((int)(n * item)));
            ComputeOutput(b.Start, b.Count, part.Span, options);
            StridedCopy.Copy(part.Span, b.Count, new long[b.Count.Length], bytes, shape, b.Start, b.Count, item);
        }, options, options.Operation ?? Description, TaskKind.Compute, b => string.Join(",", b.Start));
    });

    private long InputBytes(long[] outStart, long[] outCount)
    {
        var (_, inCount) = _layout.InputRegion(LayoutStart(outStart), LayoutCount(outCount));
        long m = 1;
        for (int d = 0; d < inCount.Length; d++) m *= Math.Min(inCount[d], Input.Chunks.ChunkSize[d]);
        return m * Input.DType.ItemSize;
    }

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        if (_prepared.TryRead(start, count, destination)) return;
        ComputeOutput(start.ToArray(), count.ToArray(), destination, new ComputeOptions());
    }

    // An output region in the accumulators' layout: with pooled groups, every group along the pooled axis.
    private long[] LayoutStart(long[] start) => _pooledAxis < 0 ? start : [.. start[.._pooledAxis], 0, .. start[_pooledAxis..]];

    private long[] LayoutCount(long[] count) => _pooledAxis < 0 ? count : [.. count[.._pooledAxis], _layout.Shape[_pooledAxis], .. count[_pooledAxis..]];

    private void ComputeOutput(long[] start, long[] count, Span<byte> destination, ComputeOptions options) =>
        Compute(LayoutStart(start), LayoutCount(count), destination, options);

    // ---------------------------------------------------------------- computing a region

    // The running results of one worker. Its arrays come from the shared pools (they are large: a day of a 0.1° field
    // is 2 MB per array) and are longer than N; only the first N entries are used, zeroed on renting.
    private sealed class Acc : IDisposable
    {
        public readonly long N;
        public readonly double[] Sum, W;
        public readonly double[]? Sq, Shift, Ext;
        public readonly byte[]? Nan;

        public Acc(long n, ReduceOp op, bool skipNa)
        {
            N = n;
            Sum = op is ReduceOp.Min or ReduceOp.Max or ReduceOp.Count ? [] : Rent(n);
            W = Rent(n);
            if (op is ReduceOp.Var or ReduceOp.Std)
            {
                Sq = Rent(n);
                Shift = Rent(n);
            }
            if (op is ReduceOp.Min or ReduceOp.Max) Ext = Rent(n);
            if (!skipNa)
            {
                Nan = ArrayPool<byte>.Shared.Rent(checked((int)n));
                Array.Clear(Nan, 0, (int)n);
            }
        }

        public static long BytesPerElement(ReduceOp op, bool skipNa) =>
            8L * ((op is ReduceOp.Min or ReduceOp.Max or ReduceOp.Count ? 0 : 1) + 1 + (op is ReduceOp.Var or ReduceOp.Std ? 2 : 0) +
                  (op is ReduceOp.Min or ReduceOp.Max ? 1 : 0)) + (skipNa ? 0 : 1);

        private static double[] Rent(long n)
        {
            var a = ArrayPool<double>.Shared.Rent(checked((int)n));
            Array.Clear(a, 0, (int)n);
            return a;
        }

        public void Dispose()
        {
            foreach (var a in (double[]?[])[Sum, W, Sq, Shift, Ext])
                if (a is { Length: > 0 }) ArrayPool<double>.Shared.Return(a);
            if (Nan is not null) ArrayPool<byte>.Shared.Return(Nan);
        }
    }

    private unsafe void Compute(long[] outStart, long[] outCount, Span<byte> destination, ComputeOptions options)
    {
        int rank = Input.Shape.Length;
        long n = StridedCopy.Product(outCount);
        if (n == 0) return;

        // The input region: kept axes follow the output region; reduced axes cover the positions that map into it.
        var (inStart, inCount) = _layout.InputRegion(outStart, outCount);

        // Tasks: the input chunks inside the region.
        var boxes = Graph.Boxes(Input.Chunks, inStart, inCount);

        var pool = new ConcurrentBag<Acc>();
        var all = new ConcurrentBag<Acc>();
        long accBytes = Acc.BytesPerElement(Op, SkipNa) * n;
        long budget = options.MaxMemory ?? ComputeSession.MaxMemory;
        int workers = Math.Max(1, options.MaxParallelism ?? ComputeSession.MaxParallelism);
        if (accBytes * Math.Min(workers, Math.Max(1, boxes.Count)) > budget)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "BudgetTooSmall",
                $"Reducing {Input.Description}: the running results for this region need {MemoryBudget.Format(accBytes)} per worker, more than the memory budget ({MemoryBudget.Format(budget)}) allows; select a smaller region or raise -MaxMemory.");
        int item = Input.DType.ItemSize;
        var runOptions = new ComputeOptions
        {
            MaxMemory = Math.Max(budget - accBytes * workers, 1),
            MaxParallelism = workers,
            Cancellation = options.Cancellation,
            Progress = options.Progress,
            Operation = options.Operation,
        };
        Scheduler.Run(boxes, b => StridedCopy.Product(b.Count) * (item + (Weights is null ? 0 : 8)), b =>
        {
            if (!pool.TryTake(out var acc))
            {
                acc = new Acc(n, Op, SkipNa);
                all.Add(acc);
            }
            try
            {
                long m = StridedCopy.Product(b.Count);
                using var buf = PooledBuffer.Rent(checked((int)(m * item)));
                Input.ReadRegion(b.Start, b.Count, buf.Span);
                PooledBuffer? wbuf = Weights is null ? null : Cast.ReadAs(Weights, b.Start, b.Count, DataType.Float64);
                try
                {
                    var stats = ComputeStats.Current;
                    long t0 = stats is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
                    Accumulate(acc, buf.Span, wbuf is null ? default : MemoryMarshal.Cast<byte, double>(wbuf.Span), b.Start, b.Count, outStart, outCount);
                    if (stats is not null) stats.AddKernel(System.Diagnostics.Stopwatch.GetTimestamp() - t0);
                }
                finally
                {
                    wbuf?.Dispose();
                }
            }
            finally
            {
                pool.Add(acc);
            }
        }, runOptions, options.Operation ?? Description, TaskKind.Compute, b => string.Join(",", b.Start));

        var accs = all.ToArray();
        var total = accs.Length > 0 ? accs[0] : new Acc(n, Op, SkipNa);
        try
        {
            for (int i = 1; i < accs.Length; i++) Merge(total, accs[i]);
            if (_pooledAxis >= 0) Pool(total, outCount);
            Finish(total, destination);
        }
        finally
        {
            total.Dispose();
            for (int i = 1; i < accs.Length; i++) accs[i].Dispose();
        }
    }

    private void Accumulate(Acc acc, ReadOnlySpan<byte> data, ReadOnlySpan<double> w, long[] boxStart, long[] boxCount, long[] outStart, long[] outCount)
    {
        switch (Input.DType.Kind)
        {
            case ScalarKind.Float32: Add(acc, MemoryMarshal.Cast<byte, float>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.Float64: Add(acc, MemoryMarshal.Cast<byte, double>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.Float16: Add(acc, MemoryMarshal.Cast<byte, Half>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.Int8: Add(acc, MemoryMarshal.Cast<byte, sbyte>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.UInt8 or ScalarKind.Bool: Add(acc, data, w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.Int16: Add(acc, MemoryMarshal.Cast<byte, short>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.UInt16: Add(acc, MemoryMarshal.Cast<byte, ushort>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.Int32: Add(acc, MemoryMarshal.Cast<byte, int>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.UInt32: Add(acc, MemoryMarshal.Cast<byte, uint>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.Int64: Add(acc, MemoryMarshal.Cast<byte, long>(data), w, boxStart, boxCount, outStart, outCount); break;
            case ScalarKind.UInt64: Add(acc, MemoryMarshal.Cast<byte, ulong>(data), w, boxStart, boxCount, outStart, outCount); break;
        }
    }

    // One kernel for every element type. Each input axis gets a table: position in the box → offset in the output
    // region (-1: left out). Rows along the last axis add element by element, or as vectors where the last axis is
    // kept, contiguous, unweighted and the reduction is a sum, mean or count.
    private void Add<T>(Acc acc, ReadOnlySpan<T> x, ReadOnlySpan<double> w, long[] boxStart, long[] boxCount, long[] outStart, long[] outCount)
        where T : unmanaged, INumberBase<T>
    {
        int rank = boxCount.Length;
        var table = _layout.OffsetTables(boxStart, boxCount, outStart, outCount);
        bool isFloat = typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);
        bool weighted = !w.IsEmpty;
        var last = rank == 0 ? [0L] : table[rank - 1];
        long inner = rank == 0 ? 1 : boxCount[rank - 1];
        bool simple = !weighted && Op is ReduceOp.Sum or ReduceOp.Mean or ReduceOp.Count && SkipNa;
        bool contiguous = rank > 0 && _byAxis[rank - 1] is null && simple;
        bool moments = rank > 0 && _byAxis[rank - 1] is null && !weighted && SkipNa && Op is ReduceOp.Var or ReduceOp.Std;
        bool rowReduced = rank > 0 && _byAxis[rank - 1] is { Drop: true } && simple;
        var idx = new long[Math.Max(rank - 1, 0)];
        long row = 0;
        while (true)
        {
            long baseOff = 0;
            bool skip = false;
            for (int d = 0; d < rank - 1; d++)
            {
                long t = table[d][idx[d]];
                if (t < 0) { skip = true; break; }
                baseOff += t;
            }
            if (!skip)
            {
                var xs = x.Slice((int)(row * inner), (int)inner);
                if (contiguous) AddRowVector(acc, xs, (int)(baseOff + last[0]), isFloat);
                else if (moments) AddRowMoments(acc, xs, (int)(baseOff + last[0]), isFloat);
                else if (rowReduced) AddRowTotal(acc, xs, (int)baseOff, isFloat);
                else
                {
                    for (int j = 0; j < inner; j++)
                    {
                        long lo = last[j];
                        if (lo < 0) continue;
                        AddOne(acc, (int)(baseOff + lo), double.CreateTruncating(xs[j]), weighted ? w[(int)(row * inner) + j] : 1.0, isFloat);
                    }
                }
            }
            row++;
            int k = rank - 2;
            while (k >= 0 && ++idx[k] == boxCount[k]) { idx[k] = 0; k--; }
            if (k < 0) break;
        }
    }

    private void AddRowVector<T>(Acc acc, ReadOnlySpan<T> xs, int off, bool isFloat) where T : unmanaged, INumberBase<T>
    {
        var sum = acc.Sum;
        var cnt = acc.W;
        int j = 0;
        if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            var f = MemoryMarshal.Cast<T, float>(xs);
            int wv = Vector<float>.Count;
            var zero = Vector<double>.Zero;
            var one = Vector<double>.One;
            for (; j + wv <= f.Length; j += wv)
            {
                var v = new Vector<float>(f[j..]);
                Vector.Widen(v, out Vector<double> lo, out Vector<double> hi);
                var mlo = Vector.Equals(lo, lo);   // not NaN
                var mhi = Vector.Equals(hi, hi);
                int h = Vector<double>.Count;
                if (Op != ReduceOp.Count)
                {
                    var s0 = new Vector<double>(sum, off + j) + Vector.ConditionalSelect(mlo, lo, zero);
                    var s1 = new Vector<double>(sum, off + j + h) + Vector.ConditionalSelect(mhi, hi, zero);
                    s0.CopyTo(sum, off + j);
                    s1.CopyTo(sum, off + j + h);
                }
                var c0 = new Vector<double>(cnt, off + j) + Vector.ConditionalSelect(mlo, one, zero);
                var c1 = new Vector<double>(cnt, off + j + h) + Vector.ConditionalSelect(mhi, one, zero);
                c0.CopyTo(cnt, off + j);
                c1.CopyTo(cnt, off + j + h);
            }
        }
        for (; j < xs.Length; j++) AddOne(acc, off + j, double.CreateTruncating(xs[j]), 1.0, isFloat);
    }

    // Variance rows: shifted sums (the shift is each element's first value), a vector at a time for float32.
    private void AddRowMoments<T>(Acc acc, ReadOnlySpan<T> xs, int off, bool isFloat) where T : unmanaged, INumberBase<T>
    {
        var sum = acc.Sum;
        var sq = acc.Sq!;
        var shift = acc.Shift!;
        var cnt = acc.W;
        int j = 0;
        if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            var f = MemoryMarshal.Cast<T, float>(xs);
            int wv = Vector<float>.Count, h = Vector<double>.Count;
            var zero = Vector<double>.Zero;
            var one = Vector<double>.One;
            for (; j + wv <= f.Length; j += wv)
            {
                Vector.Widen(new Vector<float>(f[j..]), out Vector<double> lo, out Vector<double> hi);
                for (int half = 0; half < 2; half++)
                {
                    var x = half == 0 ? lo : hi;
                    int at = off + j + half * h;
                    var ok = Vector.Equals(x, x);
                    var w = new Vector<double>(cnt, at);
                    var sh = Vector.ConditionalSelect(Vector.Equals(w, zero) & ok, x, new Vector<double>(shift, at));
                    var d = Vector.ConditionalSelect(ok, x - sh, zero);
                    sh.CopyTo(shift, at);
                    (new Vector<double>(sum, at) + d).CopyTo(sum, at);
                    (new Vector<double>(sq, at) + d * d).CopyTo(sq, at);
                    (w + Vector.ConditionalSelect(ok, one, zero)).CopyTo(cnt, at);
                }
            }
        }
        for (; j < xs.Length; j++) AddOne(acc, off + j, double.CreateTruncating(xs[j]), 1.0, isFloat);
    }

    // The last axis is reduced whole: sum the row (vectors where the type allows) and add once.
    private void AddRowTotal<T>(Acc acc, ReadOnlySpan<T> xs, int off, bool isFloat) where T : unmanaged, INumberBase<T>
    {
        double sum = 0, count = 0;
        int j = 0;
        if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            var f = MemoryMarshal.Cast<T, float>(xs);
            int wv = Vector<float>.Count;
            var vs = Vector<double>.Zero;
            var vc = Vector<double>.Zero;
            var zero = Vector<double>.Zero;
            var one = Vector<double>.One;
            for (; j + wv <= f.Length; j += wv)
            {
                Vector.Widen(new Vector<float>(f[j..]), out Vector<double> lo, out Vector<double> hi);
                var mlo = Vector.Equals(lo, lo);
                var mhi = Vector.Equals(hi, hi);
                vs += Vector.ConditionalSelect(mlo, lo, zero) + Vector.ConditionalSelect(mhi, hi, zero);
                vc += Vector.ConditionalSelect(mlo, one, zero) + Vector.ConditionalSelect(mhi, one, zero);
            }
            sum = Vector.Sum(vs);
            count = Vector.Sum(vc);
        }
        for (; j < xs.Length; j++)
        {
            double v = double.CreateTruncating(xs[j]);
            if (isFloat && double.IsNaN(v)) continue;
            sum += v;
            count += 1;
        }
        if (Op != ReduceOp.Count) acc.Sum[off] += sum;
        acc.W[off] += count;
    }

    private void AddOne(Acc acc, int o, double v, double w, bool isFloat)
    {
        if (isFloat && double.IsNaN(v))
        {
            if (acc.Nan is not null) acc.Nan[o] = 1;
            return;
        }
        if (w == 0 || double.IsNaN(w)) return;
        switch (Op)
        {
            case ReduceOp.Sum:
            case ReduceOp.Mean:
                acc.Sum[o] += w * v;
                acc.W[o] += w;
                break;
            case ReduceOp.Count:
                acc.W[o] += 1;
                break;
            case ReduceOp.Min:
                if (acc.W[o] == 0 || v < acc.Ext![o]) acc.Ext![o] = v;
                acc.W[o] += 1;
                break;
            case ReduceOp.Max:
                if (acc.W[o] == 0 || v > acc.Ext![o]) acc.Ext![o] = v;
                acc.W[o] += 1;
                break;
            default:
                // Shifted sums: var = (Q - S²/n) / (n - ddof) with S, Q of x - K, K the first value seen.
                if (acc.W[o] == 0) acc.Shift![o] = v;
                double d = v - acc.Shift![o];
                acc.Sum[o] += w * d;
                acc.Sq![o] += w * d * d;
                acc.W[o] += w;
                break;
        }
    }

    private void Merge(Acc into, Acc from)
    {
        long n = into.N;
        for (long i = 0; i < n; i++)
        {
            if (into.Nan is not null && from.Nan![i] != 0) into.Nan[i] = 1;
            double wb = from.W[i];
            if (wb == 0) continue;
            double wa = into.W[i];
            switch (Op)
            {
                case ReduceOp.Sum:
                case ReduceOp.Mean:
                    into.Sum[i] += from.Sum[i];
                    break;
                case ReduceOp.Min:
                    if (wa == 0 || from.Ext![i] < into.Ext![i]) into.Ext![i] = from.Ext![i];
                    break;
                case ReduceOp.Max:
                    if (wa == 0 || from.Ext![i] > into.Ext![i]) into.Ext![i] = from.Ext![i];
                    break;
                case ReduceOp.Var:
                case ReduceOp.Std:
                    if (wa == 0)
                    {
                        into.Sum[i] = from.Sum[i];
                        into.Sq![i] = from.Sq![i];
                        into.Shift![i] = from.Shift![i];
                        break;
                    }
                    // Chan et al.: combine (n, mean, M2) of both halves, then keep the combined mean as the shift.
                    double ma = into.Shift![i] + into.Sum[i] / wa, mb = from.Shift![i] + from.Sum[i] / wb;
                    double m2a = into.Sq![i] - into.Sum[i] * into.Sum[i] / wa, m2b = from.Sq![i] - from.Sum[i] * from.Sum[i] / wb;
                    double nw = wa + wb, delta = mb - ma;
                    double mean = ma + delta * wb / nw;
                    into.Shift![i] = mean;
                    into.Sum[i] = 0;
                    into.Sq![i] = m2a + m2b + delta * delta * wa * wb / nw;
                    break;
            }
            into.W[i] = wa + wb;
        }
    }

    // Pooled groups: each output element's (W, M2) become the sums over the groups of the per-group (W, M2), kept in
    // the first N / groups entries (Sum = 0 and Shift = 0 there, so Variance reads M2 / (W - ddof)).
    private void Pool(Acc acc, long[] layoutCount)
    {
        int p = _pooledAxis;
        long outer = 1, inner = 1, groups = layoutCount[p];
        for (int d = 0; d < p; d++) outer *= layoutCount[d];
        for (int d = p + 1; d < layoutCount.Length; d++) inner *= layoutCount[d];
        for (long o = 0; o < outer; o++)
            for (long i = 0; i < inner; i++)
            {
                double w = 0, m2 = 0;
                bool nan = false;
                for (long g = 0; g < groups; g++)
                {
                    long k = (o * groups + g) * inner + i;
                    if (acc.Nan is not null && acc.Nan[k] != 0) nan = true;
                    double wg = acc.W[k];
                    if (wg == 0) continue;
                    w += wg;
                    m2 += Math.Max(0, acc.Sq![k] - acc.Sum[k] * acc.Sum[k] / wg);
                }
                long j = o * inner + i;
                acc.W[j] = w;
                acc.Sq![j] = m2;
                acc.Sum[j] = 0;
                acc.Shift![j] = 0;
                if (acc.Nan is not null) acc.Nan[j] = nan ? (byte)1 : (byte)0;
            }
    }

    private void Finish(Acc acc, Span<byte> destination)
    {
        long n = _pooledAxis < 0 ? acc.N : destination.Length / DType.ItemSize;
        var rented = ArrayPool<double>.Shared.Rent(checked((int)n));
        var result = rented.AsSpan(0, (int)n);
        for (long i = 0; i < n; i++)
        {
            double w = acc.W[i];
            double v;
            if (acc.Nan is not null && acc.Nan[i] != 0 && Op != ReduceOp.Count) v = double.NaN;
            else
            {
                v = Op switch
                {
                    ReduceOp.Sum => acc.Sum[i],
                    ReduceOp.Count => w,
                    ReduceOp.Mean => w == 0 ? double.NaN : acc.Sum[i] / w,
                    ReduceOp.Min or ReduceOp.Max => w == 0 ? double.NaN : acc.Ext![i],
                    _ => Variance(acc, i, w),
                };
                if (Op == ReduceOp.Std) v = Math.Sqrt(v);
            }
            result[(int)i] = v;
        }
        Cast.Elements(MemoryMarshal.AsBytes(result), DataType.Float64, destination, DType);
        ArrayPool<double>.Shared.Return(rented);
    }

    private double Variance(Acc acc, long i, double w)
    {
        double denom = w - Ddof;
        if (w == 0 || denom <= 0) return double.NaN;
        double m2 = acc.Sq![i] - acc.Sum[i] * acc.Sum[i] / w;
        return Math.Max(0, m2) / denom;
    }
}
