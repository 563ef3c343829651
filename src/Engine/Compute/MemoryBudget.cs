namespace ZarrPS.Engine.Compute;

/// <summary>
/// Bytes that running tasks may hold at once. A task takes its estimate before it starts and gives it back when it
/// ends; when the budget is spent, new tasks wait (backpressure) instead of allocating.
/// </summary>
public sealed class MemoryBudget
{
    private readonly object _gate = new();
    private readonly ComputeStats? _stats;
    private long _used;

    /// <summary>A budget of <paramref name="capacity"/> bytes.</summary>
    public MemoryBudget(long capacity, ComputeStats? stats = null)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
        _stats = stats;
    }

    /// <summary>The budget.</summary>
    public long Capacity { get; }

    /// <summary>Bytes held now.</summary>
    public long Used
    {
        get { lock (_gate) return _used; }
    }

    /// <summary>Checks that one task of <paramref name="bytes"/> fits at all; the error names both sizes.</summary>
    public void CheckFits(long bytes, string what)
    {
        if (bytes > Capacity)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "BudgetTooSmall",
                $"The memory budget ({Format(Capacity)}) is smaller than one {what} ({Format(bytes)}); raise -MaxMemory or use smaller chunks.", Capacity);
    }

    /// <summary>Takes <paramref name="bytes"/>, waiting while the budget is spent.</summary>
    public void Acquire(long bytes, CancellationToken cancellation)
    {
        CheckFits(bytes, "task");
        lock (_gate)
        {
            while (_used + bytes > Capacity)
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, 50);
            }
            _used += bytes;
        }
        _stats?.MemoryTaken(bytes);
    }

    /// <summary>
    /// Takes <paramref name="bytes"/> without waiting: for work nested inside a task that already holds its share
    /// (waiting there could deadlock), so that what it holds still counts in the peak.
    /// </summary>
    public void Charge(long bytes)
    {
        lock (_gate) _used += bytes;
        _stats?.MemoryTaken(bytes);
    }

    /// <summary>Gives back <paramref name="bytes"/>.</summary>
    public void Release(long bytes)
    {
        lock (_gate)
        {
            _used -= bytes;
            Monitor.PulseAll(_gate);
        }
        _stats?.MemoryReturned(bytes);
    }

    /// <summary>Bytes in a human form (MiB/GiB).</summary>
    public static string Format(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.##} GiB" : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.##} MiB" : $"{bytes / 1024.0:0.##} KiB";
}
