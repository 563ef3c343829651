using System.Collections.Concurrent;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>An in-memory array with a chosen chunking that records the regions read from it.</summary>
public sealed class RecordingArray(Array values, int[] chunk) : ILazyArray
{
    private readonly InMemoryArray _inner = InMemoryArray.From(values);

    public ConcurrentQueue<(long[] Start, long[] Count)> Reads { get; } = new();

    public long[] Shape => _inner.Shape;

    public DataType DType => _inner.DType;

    public ChunkLayout Chunks { get; } = ChunkLayout.Regular(InMemoryArray.From(values).Shape, chunk);

    public string Description => "'field'";

    public long ElementsRead => Reads.Sum(r => r.Count.Aggregate(1L, (a, b) => a * b));

    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        Reads.Enqueue((start.ToArray(), count.ToArray()));
        _inner.ReadRegion(start, count, destination);
    }
}
