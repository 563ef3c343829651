using ZarrPS.Engine;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Cluster.Worker;

/// <summary>
/// How a reduction splits along a reduced axis into parts that combine exactly: a mean is sums (in float64) and
/// counts, a sum is sums, a count is counts, min and max are extremes. Var and std are not split.
/// </summary>
public static class PartialReduction
{
    /// <summary>One partial result a task returns.</summary>
    /// <param name="Op">The reduction of the part.</param>
    /// <param name="SkipNa">Whether it skips NaN.</param>
    /// <param name="CastToFloat64">Whether the values are summed as float64.</param>
    public readonly record struct Part(ReduceOp Op, bool SkipNa, bool CastToFloat64);

    /// <summary>True when <paramref name="op"/> over values of <paramref name="dtype"/> can be split (floating-point inputs).</summary>
    public static bool CanSplit(ReduceOp op, DataType dtype) =>
        dtype.Kind is ScalarKind.Float32 or ScalarKind.Float64 && op is ReduceOp.Mean or ReduceOp.Sum or ReduceOp.Count or ReduceOp.Min or ReduceOp.Max;

    /// <summary>The parts a task computes for <paramref name="op"/>.</summary>
    public static Part[] Partials(ReduceOp op, bool skipNa) => op switch
    {
        ReduceOp.Mean => skipNa ? [new(ReduceOp.Sum, true, true), new(ReduceOp.Count, true, false)] : [new(ReduceOp.Sum, false, true)],
        ReduceOp.Sum => [new(ReduceOp.Sum, skipNa, true)],
        ReduceOp.Count => [new(ReduceOp.Count, true, false)],
        ReduceOp.Min or ReduceOp.Max => [new(op, skipNa, false)],
        _ => throw new ArgumentException($"{op} is not split across tasks.", nameof(op)),
    };

    /// <summary>
    /// Combines the parts of every split of one output region (in split order, so the result does not depend on
    /// which silo ran what) into the result's bytes, of <paramref name="dtype"/>.
    /// </summary>
    /// <param name="op">The reduction.</param>
    /// <param name="skipNa">Whether NaN is skipped.</param>
    /// <param name="dtype">The result's dtype (the local ReduceArray's).</param>
    /// <param name="n">Elements in the region.</param>
    /// <param name="splits">Per split, the parts <see cref="Partials"/> lists.</param>
    /// <param name="reducedLength">Positions reduced per element (for a mean without skipping NaN).</param>
    /// <param name="destination">The result region, C order.</param>
    public static void Combine(ReduceOp op, bool skipNa, DataType dtype, long n, IReadOnlyList<byte[][]> splits, long reducedLength, Span<byte> destination)
    {
        var acc = new double[n];
        var count = new long[n];
        bool first = true;
        foreach (var parts in splits)
        {
            switch (op)
            {
                case ReduceOp.Mean:
                case ReduceOp.Sum:
                    {
                        var s = Doubles(parts[0]);
                        for (int i = 0; i < n; i++) acc[i] += s[i];
                        if (op == ReduceOp.Mean && skipNa)
                        {
                            var c = Longs(parts[1]);
                            for (int i = 0; i < n; i++) count[i] += c[i];
                        }
                        break;
                    }
                case ReduceOp.Count:
                    {
                        var c = Longs(parts[0]);
                        for (int i = 0; i < n; i++) count[i] += c[i];
                        break;
                    }
                default:
                    {
                        var f = Floats(parts[0]);
                        var d = Doubles(parts[0]);
                        bool single = dtype.Kind == ScalarKind.Float32;
                        for (int i = 0; i < n; i++)
                        {
                            double v = single ? f[i] : d[i];
                            if (first) acc[i] = v;
                            else if (double.IsNaN(acc[i])) acc[i] = skipNa ? v : acc[i];
                            else if (double.IsNaN(v)) acc[i] = skipNa ? acc[i] : v;
                            else acc[i] = op == ReduceOp.Min ? Math.Min(acc[i], v) : Math.Max(acc[i], v);
                        }
                        break;
                    }
            }
            first = false;
        }
        for (int i = 0; i < n; i++)
        {
            double v = op switch
            {
                ReduceOp.Mean when skipNa => count[i] == 0 ? double.NaN : acc[i] / count[i],
                ReduceOp.Mean => acc[i] / reducedLength,
                ReduceOp.Count => count[i],
                _ => acc[i],
            };
            if (op == ReduceOp.Count) BitConverter.TryWriteBytes(destination.Slice(i * 8, 8), count[i]);
            else if (dtype.Kind == ScalarKind.Float32) BitConverter.TryWriteBytes(destination.Slice(i * 4, 4), (float)v);
            else BitConverter.TryWriteBytes(destination.Slice(i * 8, 8), v);
        }
    }

    private static ReadOnlySpan<double> Doubles(byte[] b) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(b);

    private static ReadOnlySpan<float> Floats(byte[] b) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(b);

    private static ReadOnlySpan<long> Longs(byte[] b) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(b);
}
