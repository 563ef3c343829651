using ZarrPS.Engine.Compute;

namespace ZarrPS.Engine.Writers;

/// <summary>What a rechunk did.</summary>
/// <param name="Source">The source store.</param>
/// <param name="Destination">The store written.</param>
/// <param name="Plans">Per array: its plan.</param>
/// <param name="UsedIntermediate">True when an intermediate store was written (and deleted).</param>
/// <param name="Tasks">Copy tasks run.</param>
/// <param name="Stats">The scheduler's statistics (peak memory of the tasks, bytes read, time).</param>
public sealed record RechunkResult(string Source, string Destination, IReadOnlyDictionary<string, RechunkPlan> Plans, bool UsedIntermediate, long Tasks, ComputeStats Stats)
{
    /// <summary>Chunks of the source arrays (N).</summary>
    public long SourceChunks => Plans.Values.Sum(p => p.SourceChunks);

    /// <summary>Chunks of the target arrays (M).</summary>
    public long TargetChunks => Plans.Values.Sum(p => p.TargetChunks);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Destination}: {Plans.Count} arrays, {Tasks} tasks for {SourceChunks} source and {TargetChunks} target chunks" +
        $"{(UsedIntermediate ? ", through an intermediate store" : "")}; peak {Stats.PeakMemory / 1048576.0:F1} MiB of {Stats.MemoryBudget / 1048576.0:F0} MiB, {Stats.Elapsed.TotalSeconds:F2} s";
}
