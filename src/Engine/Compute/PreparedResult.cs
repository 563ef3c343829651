using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// A node's whole result, computed once before its consumers (anomalies, arithmetic, writers) read it chunk by chunk —
/// when it is small: at most a quarter of the memory budget and 512 MiB. Larger results are computed per region.
/// </summary>
internal sealed class PreparedResult
{
    private readonly Lock _gate = new();
    private InMemoryArray? _value;

    /// <summary>True once the result is held.</summary>
    public bool IsReady => _value is not null;

    /// <summary>
    /// Computes the result of <paramref name="owner"/> (<paramref name="bytes"/> long) with <paramref name="compute"/>,
    /// once, unless it is held already or too large for <paramref name="options"/>' budget.
    /// </summary>
    public void Prepare(ILazyArray owner, long bytes, ComputeOptions options, Action<byte[]> compute)
    {
        if (_value is not null) return;
        long budget = options.MaxMemory ?? ComputeSession.MaxMemory;
        if (bytes > Math.Min(budget / 4, 512L << 20)) return;
        lock (_gate)
        {
            if (_value is not null) return;
            var result = new byte[bytes];
            compute(result);
            _value = new InMemoryArray(result, owner.Shape, owner.DType, owner.Chunks, owner.Description);
        }
    }

    /// <summary>Reads a region of the held result; false when there is none.</summary>
    public bool TryRead(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        if (_value is not { } v) return false;
        v.ReadRegion(start, count, destination);
        return true;
    }
}
