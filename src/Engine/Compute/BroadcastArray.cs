using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Kernels;

namespace ZarrPS.Engine.Compute;

/// <summary>An array seen with more axes: repeated along the new ones (weights over latitude for a (time, lat, lon) field).</summary>
public sealed class BroadcastArray : IGraphNode
{
    private readonly Operand _input;

    /// <summary>Broadcasts <paramref name="input"/> to <paramref name="shape"/>; <paramref name="axisOf"/> gives, per output axis, the input axis or -1.</summary>
    public BroadcastArray(ILazyArray input, int[] axisOf, long[] shape, ChunkLayout chunks)
    {
        _input = new Operand(input, axisOf);
        Shape = shape;
        Chunks = chunks;
    }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType => _input.Array.DType;

    /// <inheritdoc />
    public ChunkLayout Chunks { get; }

    /// <inheritdoc />
    public string Description => $"broadcast({_input.Array.Description})";

    /// <inheritdoc />
    public string Kind => "broadcast";

    /// <inheritdoc />
    public string Label => "broadcast";

    /// <inheritdoc />
    public IReadOnlyList<ILazyArray> Inputs => [_input.Array];

    /// <inheritdoc />
    public unsafe void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        var (buf, strides) = _input.Read(start, count, DType);
        using var _ = buf;
        int item = DType.ItemSize;
        long inner = strides.Length == 0 ? 0 : strides[^1];
        fixed (byte* ps = buf.Span, pd = destination)
        {
            byte* s = ps, d = pd;
            Rows.ForEach(count, [strides], (o, offs, len) =>
            {
                for (long j = 0; j < len; j++)
                    Buffer.MemoryCopy(s + (offs[0] + j * inner) * item, d + (o + j) * item, item, item);
            });
        }
    }
}
