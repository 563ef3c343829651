using System.Collections.Concurrent;
using System.Diagnostics;

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

    /// <summary>
    /// Raised when a step inside a task ends (reading stored bytes, decoding, encoding, writing), so the task stream
    /// can colour the parts of a task. Only raised while someone listens: the engine checks <see cref="HasListeners"/> first.
    /// </summary>
    public static event Action<TaskPhase>? TaskPhases;

    /// <summary>True while anyone listens to task events or phases (reading a static is all a task pays otherwise).</summary>
    public static bool HasListeners => TaskEvents is not null || TaskPhases is not null;

    internal static void Raise(TaskEvent e) => TaskEvents?.Invoke(e);

    /// <summary>Reports a phase of <paramref name="kind"/> that began at Stopwatch timestamp <paramref name="startTimestamp"/> and ends now.</summary>
    internal static void Phase(TaskKind kind, long startTimestamp, long bytes)
    {
        var handler = TaskPhases;
        if (handler is null) return;
        var end = DateTime.UtcNow;
        var start = end - Stopwatch.GetElapsedTime(startTimestamp);
        handler(new TaskPhase(kind, Scheduler.CurrentWorker, start, end, bytes));
    }

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
/// <param name="Bytes">The memory the task holds while it runs (its budget estimate).</param>
public sealed record TaskEvent(string Operation, string Task, TaskKind Kind, int Worker, DateTime Start, DateTime? End, long Bytes = 0);

/// <summary>A step inside a task: reading stored bytes, decoding, encoding or writing one chunk.</summary>
/// <param name="Kind">What the step did.</param>
/// <param name="Worker">The worker (thread) index, 0 when it ran outside the scheduler's workers.</param>
/// <param name="Start">When it started (UTC).</param>
/// <param name="End">When it ended (UTC).</param>
/// <param name="Bytes">Bytes read, decoded, encoded or written.</param>
public sealed record TaskPhase(TaskKind Kind, int Worker, DateTime Start, DateTime End, long Bytes);
