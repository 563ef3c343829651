using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// A per-group result (a climatology on 'month') laid back out along the grouped dimension: position p takes group
/// map[p]'s value (NaN for positions in no group). Other axes match the full array's axes in order.
/// </summary>
public sealed class GroupBroadcastArray : IGraphNode
{
    private readonly ILazyArray _groups;
    private readonly int _axis, _groupAxis;
    private readonly int[] _map;

    /// <summary>Lays <paramref name="groups"/> out along <paramref name="axis"/> of <paramref name="shape"/>.</summary>
    public GroupBroadcastArray(ILazyArray groups, int axis, int groupAxis, int[] map, long[] shape, ChunkLayout chunks)
    {
        if (axis != groupAxis) throw new ArgumentException("The group axis must sit where the grouped axis sits.", nameof(groupAxis));
        _groups = groups;
        _axis = axis;
        _groupAxis = groupAxis;
        _map = map;
        Shape = shape;
        Chunks = chunks;
    }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => _groups.DType;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"groups of {_groups.Description}";

    /// <inheritdoc />
    public string Kind => "group-broadcast";

    /// <inheritdoc />
    public string Label => "by group";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [_groups];

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        int rank = Shape.Length;
        int item = DType.ItemSize;
        long inner = item;
        for (int d = _axis + 1; d < rank; d++) inner *= count[d];
        long outer = 1;
        for (int d = 0; d < _axis; d++) outer *= count[d];
        var gs = start.ToArray();
        var gc = count.ToArray();
        gs[_axis] = 0;
        gc[_axis] = _groups.Shape[_groupAxis];
        using var buf = PooledBuffer.Rent(checked((int)(StridedCopy.Product(gc) * item)));
        _groups.ReadRegion(gs, gc, buf.Span);
        long groups = gc[_axis];
        var nan = BitConverter.GetBytes(double.NaN);
        Span<byte> missing = stackalloc byte[item];
        Kernels.Cast.Elements(nan, DataType.Float64, missing, DType);
        for (long o = 0; o < outer; o++)
            for (long p = 0; p < count[_axis]; p++)
            {
                int g = _map[start[_axis] + p];
                var dst = destination.Slice((int)((o * count[_axis] + p) * inner), (int)inner);
                if (g < 0) { Codecs.ChunkSpec.FillPattern(dst, missing); continue; }
                buf.Span.Slice((int)((o * groups + g) * inner), (int)inner).CopyTo(dst);
            }
    }
}
