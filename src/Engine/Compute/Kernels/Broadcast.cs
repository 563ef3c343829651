using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute.Kernels;

/// <summary>
/// An operand of an element-wise operation: an array and, for each output axis, which of its axes lies along it
/// (-1 where it is broadcast). Reads bring the operand's part of an output region, converted to the compute type,
/// with an element stride per output axis (0 along broadcast axes).
/// </summary>
public sealed class Operand
{
    /// <summary>An operand.</summary>
    public Operand(ILazyArray array, int[] axisOf)
    {
        Array = array;
        AxisOf = axisOf;
        foreach (var a in axisOf)
            if (a >= array.Shape.Length) throw new ArgumentException("An axis map points past the array's axes.", nameof(axisOf));
    }

    /// <summary>The array.</summary>
    public ILazyArray Array { get; }

    /// <summary>For each output axis, the array's axis along it, or -1.</summary>
    public int[] AxisOf { get; }

    /// <summary>True for a 0-d operand (a number).</summary>
    public bool IsScalar => Array.Shape.Length == 0;

    /// <summary>Reads the operand's part of the output region; returns the buffer and per-output-axis element strides.</summary>
    public (PooledBuffer Buffer, long[] Strides) Read(ReadOnlySpan<long> outStart, ReadOnlySpan<long> outCount, DataType computeType)
    {
        int rank = Array.Shape.Length;
        var st = new long[rank];
        var cn = new long[rank];
        for (int d = 0; d < rank; d++) cn[d] = Array.Shape[d];   // axes not in the output: read whole (length 1 expected)
        for (int o = 0; o < AxisOf.Length; o++)
        {
            int a = AxisOf[o];
            if (a < 0) continue;
            if (Array.Shape[a] == 1) { st[a] = 0; cn[a] = 1; continue; }   // length-1 axes broadcast, as in numpy
            st[a] = outStart[o];
            cn[a] = outCount[o];
        }
        var buf = Cast.ReadAs(Array, st, cn, computeType);
        var inStride = new long[rank];
        long acc = 1;
        for (int d = rank - 1; d >= 0; d--) { inStride[d] = acc; acc *= cn[d]; }
        var strides = new long[AxisOf.Length];
        for (int o = 0; o < AxisOf.Length; o++)
        {
            int a = AxisOf[o];
            strides[o] = a < 0 || cn[a] == 1 ? 0 : inStride[a];
        }
        return (buf, strides);
    }
}

/// <summary>Walks the rows (last axis) of an output region with the matching offsets into each operand.</summary>
public static class Rows
{
    /// <summary>
    /// Calls <paramref name="row"/> for every row of <paramref name="count"/> with the output offset and the start
    /// offset of each operand (elements); the row length is count[^1] (1 for a 0-d region).
    /// </summary>
    public static void ForEach(ReadOnlySpan<long> count, long[][] strides, RowAction row)
    {
        int rank = count.Length;
        int n = strides.Length;
        var offs = new long[n];
        if (rank == 0)
        {
            row(0, offs, 1);
            return;
        }
        long inner = count[^1];
        if (inner == 0) return;
        foreach (long c in count) if (c == 0) return;
        var idx = new long[rank];
        long outOff = 0;
        while (true)
        {
            row(outOff, offs, inner);
            outOff += inner;
            int k = rank - 2;
            while (k >= 0)
            {
                idx[k]++;
                for (int i = 0; i < n; i++) offs[i] += strides[i][k];
                if (idx[k] < count[k]) break;
                for (int i = 0; i < n; i++) offs[i] -= strides[i][k] * idx[k];
                idx[k] = 0;
                k--;
            }
            if (k < 0) return;
        }
    }

    /// <summary>One row: output offset, operand offsets, length.</summary>
    public delegate void RowAction(long outOffset, long[] operandOffsets, long length);
}
