namespace ZarrPS.Engine.Arrays;

/// <summary>Arrays joined along one axis (xarray's concat; open_mfdataset's combine), lazily: reads go to the parts they touch.</summary>
public sealed class ConcatArray : ILazyArray
{
    private readonly ILazyArray[] _parts;
    private readonly long[] _offsets;

    /// <summary>Joins <paramref name="parts"/> along <paramref name="axis"/>; other axes must agree and element types must match.</summary>
    public ConcatArray(IReadOnlyList<ILazyArray> parts, int axis)
    {
        if (parts.Count == 0) throw new ArgumentException("Nothing to concatenate.", nameof(parts));
        var first = parts[0];
        for (int p = 1; p < parts.Count; p++)
        {
            var x = parts[p];
            if (x.Shape.Length != first.Shape.Length)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "ConcatMismatch", $"Cannot concatenate {x.Description} ({x.Shape.Length} dimensions) with {first.Description} ({first.Shape.Length}).");
            for (int d = 0; d < first.Shape.Length; d++)
                if (d != axis && x.Shape[d] != first.Shape[d])
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "ConcatMismatch",
                        $"Cannot concatenate {x.Description} with {first.Description}: axis {d} has {x.Shape[d]} elements in one and {first.Shape[d]} in the other.");
            if (x.DType != first.DType)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "ConcatMismatch", $"Cannot concatenate {x.DType.Name} {x.Description} with {first.DType.Name} {first.Description}.");
        }
        _parts = parts.ToArray();
        Axis = axis;
        _offsets = new long[_parts.Length + 1];
        for (int p = 0; p < _parts.Length; p++) _offsets[p + 1] = _offsets[p] + _parts[p].Shape[axis];
        Shape = (long[])first.Shape.Clone();
        Shape[axis] = _offsets[^1];
        var sizes = first.Chunks.Sizes.Select(s => s).ToArray();
        sizes[axis] = _parts.SelectMany(x => x.Chunks.Sizes[axis]).ToArray();
        Chunks = new ChunkLayout(sizes);
    }

    /// <summary>The axis joined along.</summary>
    public int Axis { get; }

    /// <summary>The parts.</summary>
    public IReadOnlyList<ILazyArray> Parts => _parts;

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => _parts[0].DType;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"{_parts[0].Description} (+{_parts.Length - 1} more)";

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        long lo = start[Axis], hi = start[Axis] + count[Axis];
        int item = DType.ItemSize;
        var st = start.ToArray();
        var cn = count.ToArray();
        // Bytes per step along the axis in the destination: everything after it.
        long inner = item;
        for (int d = Axis + 1; d < Shape.Length; d++) inner *= count[d];
        long outer = 1;
        for (int d = 0; d < Axis; d++) outer *= count[d];
        for (int p = 0; p < _parts.Length; p++)
        {
            long a = Math.Max(lo, _offsets[p]), b = Math.Min(hi, _offsets[p + 1]);
            if (a >= b) continue;
            st[Axis] = a - _offsets[p];
            cn[Axis] = b - a;
            if (outer == 1)
            {
                // The part's rows are one contiguous slab of the destination.
                _parts[p].ReadRegion(st, cn, destination.Slice((int)((a - lo) * inner), (int)((b - a) * inner)));
                continue;
            }
            long partBytes = outer * (b - a) * inner;
            using var buf = PooledBuffer.Rent(checked((int)partBytes));
            _parts[p].ReadRegion(st, cn, buf.Span);
            for (long o = 0; o < outer; o++)
                buf.Span.Slice((int)(o * (b - a) * inner), (int)((b - a) * inner))
                   .CopyTo(destination.Slice((int)((o * count[Axis] + (a - lo)) * inner), (int)((b - a) * inner)));
        }
    }
}
