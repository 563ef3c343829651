namespace ZarrPS.Cluster.Contracts;

/// <summary>
/// A reduction task: reduce <see cref="Input"/> with <see cref="Op"/> over <see cref="Axes"/> (whole axes) and return
/// output region <see cref="OutStart"/>+<see cref="OutCount"/>. With <see cref="SplitAxis"/> ≥ 0 only positions
/// [SplitStart, SplitStart+SplitCount) of that reduced axis are read and partial results are returned, which the
/// client combines (sums and counts for a mean, extremes for min/max).
/// </summary>
[GenerateSerializer]
public sealed class ReduceTask
{
    /// <summary>The array reduced.</summary>
    [Id(0)] public ArraySpec Input { get; init; } = new();
    /// <summary>A <see cref="Engine.Compute.ReduceOp"/>, as its name.</summary>
    [Id(1)] public string Op { get; init; } = "Mean";
    /// <summary>The input axes reduced entirely.</summary>
    [Id(2)] public int[] Axes { get; init; } = [];
    /// <summary>Skip NaN.</summary>
    [Id(3)] public bool SkipNa { get; init; } = true;
    /// <summary>Delta degrees of freedom (var, std).</summary>
    [Id(4)] public int Ddof { get; init; }
    /// <summary>Output region start.</summary>
    [Id(5)] public long[] OutStart { get; init; } = [];
    /// <summary>Output region size.</summary>
    [Id(6)] public long[] OutCount { get; init; } = [];
    /// <summary>A reduced input axis split across tasks, or -1.</summary>
    [Id(7)] public int SplitAxis { get; init; } = -1;
    /// <summary>First position of the split axis this task reads.</summary>
    [Id(8)] public long SplitStart { get; init; }
    /// <summary>Positions of the split axis this task reads.</summary>
    [Id(9)] public long SplitCount { get; init; }
    /// <summary>A label for logs and errors.</summary>
    [Id(10)] public string Label { get; init; } = "";
}
