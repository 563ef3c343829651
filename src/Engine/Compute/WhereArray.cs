using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>where(cond, x, other): x where cond is true, other elsewhere (NaN when other is not given), with broadcasting.</summary>
public sealed class WhereArray : IGraphNode
{
    private readonly Operand _cond, _x, _other;

    /// <summary>Selects element by element.</summary>
    public WhereArray(Operand cond, Operand x, Operand other, long[] shape)
    {
        _cond = cond;
        _x = x;
        _other = other;
        Shape = shape;
        DType = TypeRules.Promote(x.Array.DType, other.Array.DType, x.IsScalar, other.IsScalar);
        var sizes = new long[shape.Length][];
        for (int d = 0; d < shape.Length; d++)
            sizes[d] = x.AxisOf[d] >= 0 && x.Array.Shape[x.AxisOf[d]] == shape[d] ? x.Array.Chunks.Sizes[x.AxisOf[d]]
                     : cond.AxisOf[d] >= 0 && cond.Array.Shape[cond.AxisOf[d]] == shape[d] ? cond.Array.Chunks.Sizes[cond.AxisOf[d]]
                     : [shape[d]];
        Chunks = new ChunkLayout(sizes);
    }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType { get; }

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"where({_cond.Array.Description}, {_x.Array.Description}, {_other.Array.Description})";

    /// <inheritdoc />
    public string Kind => "where";

    /// <inheritdoc />
    public string Label => "where";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [_cond.Array, _x.Array, _other.Array];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        var (cb, sc) = _cond.Read(start, count, DataType.Bool);
        using var _1 = cb;
        var (xb, sx) = _x.Read(start, count, DType);
        using var _2 = xb;
        var (ob, so) = _other.Read(start, count, DType);
        using var _3 = ob;
        Select(cb.Span, sc, xb.Span, sx, ob.Span, so, count, destination, DType.ItemSize);
    }

    private static unsafe void Select(ReadOnlySpan<byte> c, long[] sc, ReadOnlySpan<byte> x, long[] sx, ReadOnlySpan<byte> o, long[] so,
        ReadOnlySpan<long> count, Span<byte> destination, int item)
    {
        long dc = sc.Length == 0 ? 0 : sc[^1], dx = sx.Length == 0 ? 0 : sx[^1], dov = so.Length == 0 ? 0 : so[^1];
        fixed (byte* pc = c, px = x, po = o, pd = destination)
        {
            byte* cp = pc, xp = px, op = po, dp = pd;
            Rows.ForEach(count, [sc, sx, so], (outOff, offs, len) =>
            {
                for (long j = 0; j < len; j++)
                {
                    bool take = cp[offs[0] + j * dc] != 0;
                    byte* src = take ? xp + (offs[1] + j * dx) * item : op + (offs[2] + j * dov) * item;
                    Buffer.MemoryCopy(src, dp + (outOff + j) * item, item, item);
                }
            });
        }
    }
}
