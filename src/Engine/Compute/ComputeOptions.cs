namespace ZarrPS.Engine.Compute;

/// <summary>How a computation runs: workers, memory budget, cancellation, progress.</summary>
public sealed class ComputeOptions
{
    /// <summary>Worker threads (default: the session's, which defaults to the number of processors).</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>Bytes that running tasks may hold at once (default: the session's, a quarter of RAM).</summary>
    public long? MaxMemory { get; init; }

    /// <summary>Stops the computation between tasks.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Called as tasks finish (from worker threads).</summary>
    public Action<ComputeProgress>? Progress { get; init; }

    /// <summary>A name for the computation in statistics and the dashboard.</summary>
    public string? Operation { get; init; }
}

/// <summary>Progress of a computation.</summary>
/// <param name="Done">Tasks finished.</param>
/// <param name="Total">Tasks planned.</param>
/// <param name="BytesRead">Bytes read so far.</param>
/// <param name="Elapsed">Time since the start.</param>
public readonly record struct ComputeProgress(long Done, long Total, long BytesRead, TimeSpan Elapsed)
{
    /// <summary>Estimated time left, when it can be told.</summary>
    public TimeSpan? Remaining => Done > 0 && Total > Done ? TimeSpan.FromTicks(Elapsed.Ticks * (Total - Done) / Done) : null;
}
