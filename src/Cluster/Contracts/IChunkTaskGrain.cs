namespace ZarrPS.Cluster.Contracts;

/// <summary>
/// Runs one chunk task on the silo it is placed on. Each task is a fresh grain (its key is the task's id and
/// attempt), so a task lost with its silo is simply called again under a new key and lands on a live silo.
/// </summary>
public interface IChunkTaskGrain : IGrainWithStringKey
{
    /// <summary>Reduces a region (or a part of the reduced axis) and returns the result.</summary>
    Task<TaskResult> Reduce(ReduceTask task);

    /// <summary>Writes chunks of a Zarr write.</summary>
    Task<TaskResult> Write(WriteTask task);

    /// <summary>The silo's address and processor count (for the client's placement).</summary>
    Task<string> Describe();
}
