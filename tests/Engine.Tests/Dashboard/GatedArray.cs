using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>
/// A small chunked array whose reads after the first wait for <see cref="Open"/>: a computation over it stays running,
/// one task done, for as long as a test needs to look at it.
/// </summary>
public sealed class GatedArray(int chunks) : ILazyArray, IDisposable
{
    private readonly InMemoryArray _inner = InMemoryArray.From(new float[chunks, 4, 4]);
    private readonly ManualResetEventSlim _gate = new(false);
    private int _reads;

    public long[] Shape => _inner.Shape;

    public DataType DType => _inner.DType;

    public ChunkLayout Chunks { get; } = ChunkLayout.Regular([chunks, 4, 4], [1, 4, 4]);

    public string Description => "'gated'";

    public void Open() => _gate.Set();

    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        if (Interlocked.Increment(ref _reads) > 1 && !_gate.Wait(TimeSpan.FromSeconds(60)))
            throw new TimeoutException("the gate was never opened");
        _inner.ReadRegion(start, count, destination);
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
    }
}
