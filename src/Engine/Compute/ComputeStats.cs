using System.Diagnostics;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// What one computation did: tasks, bytes read and decoded, time spent in I/O, decoding and kernels, and peak memory.
/// Counters are updated from many threads; <see cref="Current"/> is the computation the calling thread works for.
/// </summary>
public sealed class ComputeStats
{
    private static readonly AsyncLocal<ComputeStats?> CurrentStats = new();
    private long _tasks, _bytesRead, _bytesDecoded, _ioTicks, _decodeTicks, _kernelTicks, _inFlight, _peakInFlight, _chunksRead;

    /// <summary>Creates stats for an operation described by <paramref name="operation"/>.</summary>
    public ComputeStats(string operation)
    {
        Operation = operation;
        Started = DateTime.UtcNow;
    }

    /// <summary>The statistics of the computation running on this thread (flows into its worker tasks), if any.</summary>
    public static ComputeStats? Current
    {
        get => CurrentStats.Value;
        internal set => CurrentStats.Value = value;
    }

    /// <summary>What was computed (e.g. "mean over time of 't2m'").</summary>
    public string Operation { get; }

    /// <summary>When it started (UTC).</summary>
    public DateTime Started { get; }

    /// <summary>Wall time, once finished.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Chunk tasks run.</summary>
    public long Tasks => Interlocked.Read(ref _tasks);

    /// <summary>Tasks planned.</summary>
    public long TasksTotal { get; internal set; }

    /// <summary>Stored chunks read.</summary>
    public long ChunksRead => Interlocked.Read(ref _chunksRead);

    /// <summary>Bytes read from stores and files (encoded).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Bytes of decoded chunk data.</summary>
    public long BytesDecoded => Interlocked.Read(ref _bytesDecoded);

    /// <summary>Time in store and file reads, summed over workers.</summary>
    public TimeSpan IoTime => TimeSpan.FromTicks(Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ioTicks)).Ticks);

    /// <summary>Time decoding chunks, summed over workers.</summary>
    public TimeSpan DecodeTime => TimeSpan.FromTicks(Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _decodeTicks)).Ticks);

    /// <summary>Time in compute kernels, summed over workers.</summary>
    public TimeSpan KernelTime => TimeSpan.FromTicks(Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _kernelTicks)).Ticks);

    /// <summary>The most bytes held by running tasks at once (the memory budget's high-water mark).</summary>
    public long PeakMemory => Interlocked.Read(ref _peakInFlight);

    /// <summary>The process's peak resident memory when the computation ended (VmHWM on Linux), in bytes.</summary>
    public long PeakProcessMemory { get; internal set; }

    /// <summary>The memory budget it ran under.</summary>
    public long MemoryBudget { get; internal set; }

    /// <summary>Worker threads used.</summary>
    public int Workers { get; internal set; }

    /// <summary>
    /// While the computation runs: the lazy arrays it computes (the roots of its graph), for the dashboard's graph
    /// view. Null once it has finished, so that the records kept for Get-XComputeStat hold no graphs or data.
    /// </summary>
    public IReadOnlyList<Arrays.ILazyArray>? Roots { get; internal set; }

    /// <summary>True when the computation was cancelled.</summary>
    public bool Cancelled { get; internal set; }

    internal void AddTask() => Interlocked.Increment(ref _tasks);

    /// <summary>Records a store or file read of <paramref name="bytes"/> that took <paramref name="ticks"/> (Stopwatch ticks).</summary>
    public void AddRead(long bytes, long ticks)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        Interlocked.Add(ref _ioTicks, ticks);
        Interlocked.Increment(ref _chunksRead);
    }

    /// <summary>Records decoding <paramref name="bytes"/> of chunk data in <paramref name="ticks"/>.</summary>
    public void AddDecode(long bytes, long ticks)
    {
        Interlocked.Add(ref _bytesDecoded, bytes);
        Interlocked.Add(ref _decodeTicks, ticks);
    }

    /// <summary>Records time spent in a compute kernel.</summary>
    public void AddKernel(long ticks) => Interlocked.Add(ref _kernelTicks, ticks);

    internal void MemoryTaken(long bytes)
    {
        long now = Interlocked.Add(ref _inFlight, bytes);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak) { }
    }

    internal void MemoryReturned(long bytes) => Interlocked.Add(ref _inFlight, -bytes);

    /// <summary>Bytes held by running tasks now.</summary>
    public long MemoryInFlight => Interlocked.Read(ref _inFlight);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Operation}: {Tasks} tasks, {BytesRead / 1048576.0:F1} MiB read, {BytesDecoded / 1048576.0:F1} MiB decoded, " +
        $"io {IoTime.TotalSeconds:F2} s, decode {DecodeTime.TotalSeconds:F2} s, kernels {KernelTime.TotalSeconds:F2} s, " +
        $"peak {PeakMemory / 1048576.0:F1} MiB of {MemoryBudget / 1048576.0:F0} MiB, {Elapsed.TotalSeconds:F2} s";
}
