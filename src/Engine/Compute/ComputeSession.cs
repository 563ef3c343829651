using System.Collections.Concurrent;

namespace ZarrPS.Engine.Compute;

/// <summary>Process-wide compute defaults and the record of recent computations (for Get-XComputeStat and the dashboard).</summary>
public static class ComputeSession
{
    private static readonly ConcurrentQueue<ComputeStats> Recent = new();

    /// <summary>Default worker count.</summary>
    public static int MaxParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Default memory budget in bytes: a quarter of the memory available to the process.</summary>
    public static long MaxMemory { get; set; } = Math.Max(256L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>The most recent computation's statistics.</summary>
    public static ComputeStats? Last { get; private set; }

    /// <summary>Recent computations, oldest first (at most 100).</summary>
    public static IReadOnlyList<ComputeStats> History => Recent.ToArray();

    /// <summary>Raised when a task starts or ends (the dashboard's task stream).</summary>
    public static event Action<TaskEvent>? TaskEvents;

    /// <summary>Raised when a computation starts and when it ends.</summary>
    public static event Action<ComputeStats, bool>? Computations;

    internal static bool HasListeners => TaskEvents is not null;

    internal static void Raise(TaskEvent e) => TaskEvents?.Invoke(e);

    internal static void Started(ComputeStats s) => Computations?.Invoke(s, false);

    internal static void Finished(ComputeStats s)
    {
        Last = s;
        Recent.Enqueue(s);
        while (Recent.Count > 100) Recent.TryDequeue(out _);
        Computations?.Invoke(s, true);
    }
}

/// <summary>What a chunk task mostly does, for the task stream.</summary>
public enum TaskKind
{
    /// <summary>Reading stored bytes.</summary>
    Read,
    /// <summary>Decoding chunks.</summary>
    Decode,
    /// <summary>Computing (maps, reductions).</summary>
    Compute,
    /// <summary>Encoding chunks.</summary>
    Encode,
    /// <summary>Writing chunks.</summary>
    Write,
}

/// <summary>A task starting or ending on a worker.</summary>
/// <param name="Operation">The computation it belongs to.</param>
/// <param name="Task">Its label (e.g. the chunk index).</param>
/// <param name="Kind">What it mostly does.</param>
/// <param name="Worker">The worker (thread) index.</param>
/// <param name="Start">When it started (UTC).</param>
/// <param name="End">When it ended (UTC), or null for a start event.</param>
public sealed record TaskEvent(string Operation, string Task, TaskKind Kind, int Worker, DateTime Start, DateTime? End);
