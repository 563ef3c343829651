namespace ZarrPS.Cluster.Client;

/// <summary>What one run on the cluster did: tasks, retries after lost silos, where tasks ran, bytes, time.</summary>
public sealed class ClusterRunStats
{
    /// <summary>The operation.</summary>
    public string Operation { get; init; } = "";
    /// <summary>Tasks planned.</summary>
    public int Tasks { get; set; }
    /// <summary>Task calls that failed for the cluster's sake (a lost silo, a timeout) and were sent again.</summary>
    public int Retries { get; set; }
    /// <summary>Tasks finished per silo.</summary>
    public Dictionary<string, int> TasksBySilo { get; } = new(StringComparer.Ordinal);
    /// <summary>Tasks in flight per silo, unanswered, as of the last task finished (while the run goes on).</summary>
    public Dictionary<string, int> InFlightBySilo { get; } = new(StringComparer.Ordinal);
    /// <summary>Bytes of stored values the silos read.</summary>
    public long BytesRead { get; set; }
    /// <summary>Bytes of results the client received.</summary>
    public long BytesReturned { get; set; }
    /// <summary>Wall time.</summary>
    public TimeSpan Elapsed { get; set; }
    /// <summary>Read throughput (MB/s of stored values).</summary>
    public double MBPerSecond => Elapsed.TotalSeconds > 0 ? BytesRead / 1e6 / Elapsed.TotalSeconds : 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Operation}: {Tasks} tasks, {Retries} retried, {BytesRead / 1e6:F1} MB read in {Elapsed.TotalSeconds:F2} s ({MBPerSecond:F0} MB/s) on {TasksBySilo.Count} silos";
}
