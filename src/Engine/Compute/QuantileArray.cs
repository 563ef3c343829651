using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>What a gathering reduction takes from each group's values.</summary>
public enum GatherOp
{
    /// <summary>A quantile (numpy's linear method).</summary>
    Quantile,
    /// <summary>The first non-NaN value in position order (pandas' first).</summary>
    First,
    /// <summary>The last non-NaN value in position order.</summary>
    Last,
}

/// <summary>
/// Quantiles (median at 0.5), or the first or last value, over some axes or groups, NaN skipped or propagating.
/// Unlike sums these need all of an element's values at once: each output chunk reads its whole input region.
/// </summary>
public sealed class QuantileArray : IGraphNode
{
    private readonly ReductionLayout _layout;

    /// <summary>The <paramref name="q"/>-quantile (0..1) of <paramref name="input"/> over <paramref name="axes"/> (or first/last with <paramref name="op"/>).</summary>
    public QuantileArray(ILazyArray input, IReadOnlyList<AxisReduction> axes, double q, bool skipNa = true, GatherOp op = GatherOp.Quantile)
    {
        if (double.IsNaN(q) || q < 0 || q > 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidQuantile", $"The quantile must lie in [0, 1]; got {q}.", q);
        if (!input.DType.IsNumeric || input.DType.IsComplex)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"Cannot take quantiles of {input.DType.Name} values.");
        Input = input;
        Q = q;
        SkipNa = skipNa;
        Op = op;
        _layout = new ReductionLayout(input, axes);
        Shape = _layout.Shape;
        Chunks = _layout.Chunks;
        DType = input.DType.IsFloat && input.DType.Kind != ScalarKind.Float16 ? input.DType.Native : DataType.Float64;
    }

    /// <summary>The input.</summary>
    public ILazyArray Input { get; }

    /// <summary>The quantile.</summary>
    public double Q { get; }

    /// <summary>What is taken of each group.</summary>
    public GatherOp Op { get; }

    /// <summary>Skip NaN.</summary>
    public bool SkipNa { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"quantile {Q} of {Input.Description}";

    /// <inheritdoc />
    public string Kind => "quantile";

    /// <inheritdoc />
    public string Label => Op switch { GatherOp.First => "first", GatherOp.Last => "last", _ => Q == 0.5 ? "median" : $"quantile {Q}" };

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [Input];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        int rank = Input.Shape.Length;
        var (inStart, inCount) = _layout.InputRegion(start, count);
        long n = StridedCopy.Product(count);
        long m = StridedCopy.Product(inCount);
        var buckets = new List<double>[n];
        var nan = new bool[n];
        if (m > 0)
        {
            using var buf = Cast.ReadAs(Input, inStart, inCount, DataType.Float64);
            var x = MemoryMarshal.Cast<byte, double>(buf.Span);
            var table = _layout.OffsetTables(inStart, inCount, start, count);
            // Bucket every input element into its output element in position order, then pick from each bucket.
            var idx = new long[rank];
            for (long e = 0; e < m; e++)
            {
                long outOff = 0;
                bool skip = false;
                for (int d = 0; d < rank; d++)
                {
                    long t = table[d][idx[d]];
                    if (t < 0) { skip = true; break; }
                    outOff += t;
                }
                if (!skip)
                {
                    double v = x[(int)e];
                    if (double.IsNaN(v)) nan[outOff] = true;
                    else (buckets[outOff] ??= []).Add(v);
                }
                for (int d = rank - 1; d >= 0; d--)
                {
                    if (++idx[d] < inCount[d]) break;
                    idx[d] = 0;
                }
            }
        }
        var result = new double[n];
        for (long i = 0; i < n; i++)
        {
            var b = buckets[i];
            if ((!SkipNa && nan[i]) || b is null || b.Count == 0) { result[i] = double.NaN; continue; }
            if (Op == GatherOp.First) { result[i] = b[0]; continue; }
            if (Op == GatherOp.Last) { result[i] = b[^1]; continue; }
            b.Sort();
            double h = (b.Count - 1) * Q;
            int lo = (int)Math.Floor(h);
            int hi = Math.Min(lo + 1, b.Count - 1);
            result[i] = b[lo] + (h - lo) * (b[hi] - b[lo]);
        }
        Cast.Elements(MemoryMarshal.AsBytes(result.AsSpan()), DataType.Float64, destination, DType);
    }
}
