using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// Quantiles (median at 0.5) over some axes, as numpy's default 'linear' method, NaN skipped or propagating.
/// Unlike sums these need all of an element's values at once: each output chunk reads its whole input region.
/// </summary>
public sealed class QuantileArray : IGraphNode
{
    private readonly AxisReduction?[] _byAxis;
    private readonly int[] _outAxisOf;

    /// <summary>The <paramref name="q"/>-quantile (0..1) of <paramref name="input"/> over <paramref name="axes"/>.</summary>
    public QuantileArray(ILazyArray input, IReadOnlyList<AxisReduction> axes, double q, bool skipNa = true)
    {
        if (double.IsNaN(q) || q < 0 || q > 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidQuantile", $"The quantile must lie in [0, 1]; got {q}.", q);
        if (!input.DType.IsNumeric || input.DType.IsComplex)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDType", $"Cannot take quantiles of {input.DType.Name} values.");
        Input = input;
        Q = q;
        SkipNa = skipNa;
        _byAxis = new AxisReduction?[input.Shape.Length];
        foreach (var a in axes) _byAxis[a.Axis] = a;
        _outAxisOf = new int[input.Shape.Length];
        var shape = new List<long>();
        var sizes = new List<long[]>();
        for (int d = 0; d < input.Shape.Length; d++)
        {
            var r = _byAxis[d];
            if (r is { Drop: true }) { _outAxisOf[d] = -1; continue; }
            _outAxisOf[d] = shape.Count;
            shape.Add(r is null ? input.Shape[d] : r.OutLength);
            sizes.Add(r is null ? input.Chunks.Sizes[d] : [r.OutLength]);
        }
        Shape = shape.ToArray();
        Chunks = new ChunkLayout(sizes.ToArray());
        DType = input.DType.IsFloat && input.DType.Kind != ScalarKind.Float16 ? input.DType.Native : DataType.Float64;
    }

    /// <summary>The input.</summary>
    public ILazyArray Input { get; }

    /// <summary>The quantile.</summary>
    public double Q { get; }

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
    public string Label => Q == 0.5 ? "median" : $"quantile {Q}";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [Input];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        int rank = Input.Shape.Length;
        var inStart = new long[rank];
        var inCount = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            int o = _outAxisOf[d];
            if (_byAxis[d] is null) { inStart[d] = start[o]; inCount[d] = count[o]; }
            else { inStart[d] = 0; inCount[d] = Input.Shape[d]; }
        }
        long n = StridedCopy.Product(count);
        long m = StridedCopy.Product(inCount);
        using var buf = Cast.ReadAs(Input, inStart, inCount, DataType.Float64);
        var x = MemoryMarshal.Cast<byte, double>(buf.Span);
        var outStride = new long[count.Length];
        long s = 1;
        for (int o = count.Length - 1; o >= 0; o--) { outStride[o] = s; s *= count[o]; }
        // Bucket every input element into its output element, then sort each bucket.
        var buckets = new List<double>[n];
        var nan = new bool[n];
        var idx = new long[rank];
        for (long e = 0; e < m; e++)
        {
            long outOff = 0;
            bool skip = false;
            for (int d = 0; d < rank; d++)
            {
                var r = _byAxis[d];
                int o = _outAxisOf[d];
                if (r is null) outOff += idx[d] * outStride[o];
                else if (!r.Drop)
                {
                    long g = r.OutIndex(idx[d]) - start[o];
                    if (g < 0 || g >= count[o]) { skip = true; break; }
                    outOff += g * outStride[o];
                }
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
        var result = new double[n];
        for (long i = 0; i < n; i++)
        {
            var b = buckets[i];
            if ((!SkipNa && nan[i]) || b is null || b.Count == 0) { result[i] = double.NaN; continue; }
            b.Sort();
            double h = (b.Count - 1) * Q;
            int lo = (int)Math.Floor(h);
            int hi = Math.Min(lo + 1, b.Count - 1);
            result[i] = b[lo] + (h - lo) * (b[hi] - b[lo]);
        }
        Cast.Elements(MemoryMarshal.AsBytes(result.AsSpan()), DataType.Float64, destination, DType);
    }
}
