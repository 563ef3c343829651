namespace ZarrPS.Cluster.Contracts;

/// <summary>What a silo sends back for a task: small results (reduced chunks), or the error of bad input.</summary>
[GenerateSerializer]
public sealed class TaskResult
{
    /// <summary>Result arrays in C order (a reduced region; for split reductions the partial sums and counts).</summary>
    [Id(0)] public byte[][] Parts { get; init; } = [];
    /// <summary>The silo that ran it.</summary>
    [Id(1)] public string Silo { get; init; } = "";
    /// <summary>Bytes of stored values the task read.</summary>
    [Id(2)] public long BytesRead { get; init; }
    /// <summary>A failure of the task itself (bad input): not retried.</summary>
    [Id(3)] public string? Error { get; init; }
    /// <summary>The error's id (ZarrPSException.ErrorId).</summary>
    [Id(4)] public string? ErrorId { get; init; }
    /// <summary>Milliseconds the silo spent.</summary>
    [Id(5)] public double Milliseconds { get; init; }
}
