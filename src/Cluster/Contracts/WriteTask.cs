namespace ZarrPS.Cluster.Contracts;

/// <summary>
/// Chunks of a Zarr write for a silo to store: it opens the source, rebuilds the dataset the client wrote from,
/// plans the same write (<see cref="Engine.Writers.ZarrWriter.Attach"/>) and writes chunks <see cref="Tasks"/>.
/// </summary>
[GenerateSerializer]
public sealed class WriteTask
{
    /// <summary>The write this belongs to (silos cache its plan).</summary>
    [Id(0)] public string JobId { get; init; } = "";
    /// <summary>Each variable of the dataset written, in order.</summary>
    [Id(1)] public VariableSpec[] Variables { get; init; } = [];
    /// <summary>The coordinates among them.</summary>
    [Id(2)] public string[] CoordNames { get; init; } = [];
    /// <summary>The destination store (absolute path or URL every silo reaches).</summary>
    [Id(3)] public string Destination { get; init; } = "";
    /// <summary>The write's options.</summary>
    [Id(4)] public SaveSpec Save { get; init; } = new();
    /// <summary>Indices of the chunk tasks to write, in the plan's task list.</summary>
    [Id(5)] public int[] Tasks { get; init; } = [];
    /// <summary>The variable each task is for (checked against the silo's plan).</summary>
    [Id(6)] public string[] TaskVariables { get; init; } = [];
}
