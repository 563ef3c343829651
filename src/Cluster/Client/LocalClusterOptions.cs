namespace ZarrPS.Cluster.Client;

/// <summary>Options of <see cref="XCluster.StartLocal"/>.</summary>
public sealed class LocalClusterOptions
{
    /// <summary>zarrps-worker.dll (default: found beside the module).</summary>
    public string? WorkerPath { get; init; }
    /// <summary>How long a worker may take to start and join.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Milliseconds each task sleeps first (failure drills).</summary>
    public int DrillDelayMilliseconds { get; init; }
    /// <summary>Threads per task inside each worker.</summary>
    public int? MaxParallelism { get; init; }
}
