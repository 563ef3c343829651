namespace ZarrPS.Engine.Writers;

/// <summary>Options of <see cref="ZarrRechunker.Rechunk"/>.</summary>
public sealed class RechunkOptions
{
    /// <summary>Target chunk length per dimension (0 or less: the whole dimension); dimensions not named keep the source's chunks.</summary>
    public IReadOnlyDictionary<string, long>? Chunks { get; init; }

    /// <summary>Bytes all tasks may hold at once (default: the session's budget).</summary>
    public long? MaxMemory { get; init; }

    /// <summary>Worker threads (default: the processors).</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>Where the intermediate store goes when one is needed (default: next to the destination); deleted at the end.</summary>
    public string? TempStore { get; init; }

    /// <summary>w (replace) or w- (fail if the destination exists; the default).</summary>
    public string Mode { get; init; } = "w-";

    /// <summary>Only these arrays (with every other array of the group left out).</summary>
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>The directory relative paths resolve against.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Called after each task with (tasks done, tasks in all, bytes read).</summary>
    public Action<long, long, long>? Progress { get; init; }

    /// <summary>Stops between tasks (the destination stays marked incomplete).</summary>
    public CancellationToken Cancellation { get; init; }
}
