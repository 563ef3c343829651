using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Skill;

/// <summary>
/// The running sums of an observation/forecast pair over the reduced axes, in one streaming pass: counts, weights,
/// error sums and (weighted) co-moments. Its last axis holds the <see cref="PairMoments"/> fields; the metrics
/// (rmse, pearson_r, r2 …) are cheap functions of them. Each input chunk is one task adding into per-worker sums.
/// </summary>
public sealed class PairMomentsArray : IGraphNode, IPreparable
{
    // numpy's finfo(float64).eps: xskillscore's floor for |a| in mape.
    private const double MachineEpsilon = 2.220446049250313e-16;
    private readonly ReductionLayout _layout;
    private readonly PreparedResult _prepared = new();

    /// <summary>Sums over <paramref name="reducedAxes"/> of a (observation), b (forecast) and optional weights, all of one shape.</summary>
    public PairMomentsArray(ILazyArray a, ILazyArray b, ILazyArray? weights, int[] reducedAxes, bool skipNa, PairMoments.Needs needs)
    {
        if (!a.Shape.SequenceEqual(b.Shape) || (weights is not null && !weights.Shape.SequenceEqual(a.Shape)))
            throw new ArgumentException("The observation, forecast and weights must have one shape.");
        A = a;
        B = b;
        Weights = weights;
        SkipNa = skipNa;
        Need = needs;
        _layout = new ReductionLayout(a, reducedAxes.Select(AxisReduction.All).ToArray());
        Shape = [.. _layout.Shape, PairMoments.Count];
        Chunks = new ChunkLayout([.. _layout.Chunks.Sizes, [PairMoments.Count]]);
    }

    /// <summary>The observation.</summary>
    public ILazyArray A { get; }

    /// <summary>The forecast.</summary>
    public ILazyArray B { get; }

    /// <summary>The weights or null.</summary>
    public ILazyArray? Weights { get; }

    /// <summary>Pairs with NaN are dropped (true) or make the result NaN.</summary>
    public bool SkipNa { get; }

    /// <summary>Which groups of sums are kept.</summary>
    public PairMoments.Needs Need { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => DataType.Float64;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"pair moments of {A.Description} and {B.Description}";

    /// <inheritdoc />
    public string Kind => "reduce";

    /// <inheritdoc />
    public string Label => "pair moments";

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
        var all = new double[n * PairMoments.Count];
        Compute(start[..k].ToArray(), count[..k].ToArray(), all, new ComputeOptions());
        PairSeriesArray.CopyFields(all, PairMoments.Count, (int)start[k], (int)count[k], MemoryMarshal.Cast<byte, double>(destination));
    }

    // ---------------------------------------------------------------- the pass

    private sealed class Acc
    {
        public readonly double[] N, W, Se, Ae, E, Ape, Sape, Ns, Ka, Kb, Sa, Sb, Saa, Sbb, Sab;
        public readonly byte[] Nan, Init;

        public Acc(long n, PairMoments.Needs needs)
        {
            N = new double[n];
            W = new double[n];
            Nan = new byte[n];
            bool err = needs.HasFlag(PairMoments.Needs.Errors), pct = needs.HasFlag(PairMoments.Needs.Percent), mom = needs.HasFlag(PairMoments.Needs.Moments);
            Se = err ? new double[n] : [];
            Ae = err ? new double[n] : [];
            E = err ? new double[n] : [];
            Ape = pct ? new double[n] : [];
            Sape = pct ? new double[n] : [];
            Ns = pct ? new double[n] : [];
            Ka = mom ? new double[n] : [];
            Kb = mom ? new double[n] : [];
            Sa = mom ? new double[n] : [];
            Sb = mom ? new double[n] : [];
            Saa = mom ? new double[n] : [];
            Sbb = mom ? new double[n] : [];
            Sab = mom ? new double[n] : [];
            Init = mom ? new byte[n] : [];
        }

        public static long BytesPer(PairMoments.Needs needs) => 18 + 24 * ((needs.HasFlag(PairMoments.Needs.Errors) ? 1 : 0) + (needs.HasFlag(PairMoments.Needs.Percent) ? 1 : 0))
            + (needs.HasFlag(PairMoments.Needs.Moments) ? 57 : 0);
    }

    private void Compute(long[] outStart, long[] outCount, Span<double> destination, ComputeOptions options)
    {
        int rank = A.Shape.Length;
        long n = StridedCopy.Product(outCount);
        if (n == 0) return;
        var (inStart, inCount) = _layout.InputRegion(outStart, outCount);
        var boxes = Graph.Boxes(A.Chunks, inStart, inCount);

        long accBytes = Acc.BytesPer(Need) * n;
        long budget = options.MaxMemory ?? ComputeSession.MaxMemory;
        int workers = Math.Max(1, options.MaxParallelism ?? ComputeSession.MaxParallelism);
        if (accBytes * Math.Min(workers, Math.Max(1, boxes.Count)) > budget)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "BudgetTooSmall",
                $"Scoring {A.Description} against {B.Description}: the running sums need {MemoryBudget.Format(accBytes)} per worker, more than the memory budget ({MemoryBudget.Format(budget)}); select a smaller region or raise -MaxMemory.");
        var pool = new ConcurrentBag<Acc>();
        var all = new ConcurrentBag<Acc>();
        var runOptions = new ComputeOptions
        {
            MaxMemory = Math.Max(budget - accBytes * workers, 1),
            MaxParallelism = workers,
            Cancellation = options.Cancellation,
            Progress = options.Progress,
            Operation = options.Operation,
        };
        int perElement = A.DType.ItemSize + B.DType.ItemSize + 16 + (Weights is null ? 0 : 8);
        Scheduler.Run(boxes, bx => StridedCopy.Product(bx.Count) * perElement, bx =>
        {
            if (!pool.TryTake(out var acc))
            {
                acc = new Acc(n, Need);
                all.Add(acc);
            }
            try
            {
                using var ab = Cast.ReadAs(A, bx.Start, bx.Count, DataType.Float64);
                using var bb = Cast.ReadAs(B, bx.Start, bx.Count, DataType.Float64);
                using var wb = Weights is null ? null : Cast.ReadAs(Weights, bx.Start, bx.Count, DataType.Float64);
                var stats = ComputeStats.Current;
                long t0 = stats is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
                Accumulate(acc, MemoryMarshal.Cast<byte, double>(ab.Span), MemoryMarshal.Cast<byte, double>(bb.Span),
                    wb is null ? default : MemoryMarshal.Cast<byte, double>(wb.Span), bx.Start, bx.Count, outStart, outCount);
                stats?.AddKernel(System.Diagnostics.Stopwatch.GetTimestamp() - t0);
            }
            finally
            {
                pool.Add(acc);
            }
        }, runOptions, options.Operation ?? Description, TaskKind.Compute, bx => string.Join(",", bx.Start));

        var accs = all.ToArray();
        var fields = new PairMoments[n];
        for (long i = 0; i < n; i++)
        {
            var total = new PairMoments();
            foreach (var acc in accs) total.Merge(Moments(acc, i));
            fields[i] = total;
        }
        for (long i = 0; i < n; i++) fields[i].CopyTo(destination.Slice((int)(i * PairMoments.Count), PairMoments.Count));
    }

    private PairMoments Moments(Acc acc, long i)
    {
        double w = acc.W[i];
        var m = new PairMoments
        {
            N = acc.N[i],
            W = w,
            Nan = acc.Nan[i],
        };
        if (acc.Se.Length > 0)
        {
            m.Se = acc.Se[i];
            m.Ae = acc.Ae[i];
            m.E = acc.E[i];
        }
        if (acc.Ape.Length > 0)
        {
            m.Ape = acc.Ape[i];
            m.Sape = acc.Sape[i];
            m.Ns = acc.Ns[i];
        }
        if (acc.Sa.Length > 0 && w > 0)
        {
            double sa = acc.Sa[i], sb = acc.Sb[i];
            m.Ma = acc.Ka[i] + sa / w;
            m.Mb = acc.Kb[i] + sb / w;
            m.Caa = Math.Max(0, acc.Saa[i] - sa * sa / w);
            m.Cbb = Math.Max(0, acc.Sbb[i] - sb * sb / w);
            m.Cab = acc.Sab[i] - sa * sb / w;
        }
        return m;
    }

    private void Accumulate(Acc acc, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> w, long[] boxStart, long[] boxCount, long[] outStart, long[] outCount)
    {
        int rank = boxCount.Length;
        var table = _layout.OffsetTables(boxStart, boxCount, outStart, outCount);
        long rows = 1;
        for (int d = 0; d < rank - 1; d++) rows *= boxCount[d];
        int len = (int)(rank == 0 ? 1 : boxCount[rank - 1]);
        var lastTable = rank == 0 ? [0L] : table[rank - 1];
        bool weighted = !w.IsEmpty, err = acc.Se.Length > 0, pct = acc.Ape.Length > 0, mom = acc.Sa.Length > 0, skip = SkipNa;
        var idx = new long[Math.Max(rank - 1, 0)];
        for (long r = 0; r < rows; r++)
        {
            long baseOff = 0;
            for (int d = 0; d < rank - 1; d++) baseOff += table[d][idx[d]];
            int e0 = (int)(r * len);
            for (int j = 0; j < len; j++)
            {
                int o = (int)(baseOff + lastTable[j]);
                double x = a[e0 + j], y = b[e0 + j], ww = weighted ? w[e0 + j] : 1.0;
                if (double.IsNaN(x) || double.IsNaN(y) || double.IsNaN(ww))
                {
                    if (!skip) acc.Nan[o] = 1;
                    continue;
                }
                acc.N[o] += 1;
                acc.W[o] += ww;
                double diff = x - y;
                if (err)
                {
                    acc.Se[o] += ww * diff * diff;
                    acc.Ae[o] += ww * Math.Abs(diff);
                    acc.E[o] += ww * diff;
                }
                if (pct)
                {
                    double ad = Math.Abs(diff);
                    acc.Ape[o] += ww * ad / Math.Max(Math.Abs(x), MachineEpsilon);
                    double den = Math.Abs(x) + Math.Abs(y);
                    if (den > 0)
                    {
                        acc.Sape[o] += ww * ad / den;
                        acc.Ns[o] += 1;
                    }
                }
                if (mom)
                {
                    if (acc.Init[o] == 0)
                    {
                        acc.Init[o] = 1;
                        acc.Ka[o] = x;
                        acc.Kb[o] = y;
                    }
                    double dx = x - acc.Ka[o], dy = y - acc.Kb[o];
                    double wdx = ww * dx;
                    acc.Sa[o] += wdx;
                    acc.Sb[o] += ww * dy;
                    acc.Saa[o] += wdx * dx;
                    acc.Sbb[o] += ww * dy * dy;
                    acc.Sab[o] += wdx * dy;
                }
            }
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++idx[d] < boxCount[d]) break;
                idx[d] = 0;
            }
        }
    }
}
