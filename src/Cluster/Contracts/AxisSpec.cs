using ZarrPS.Engine.Arrays;

namespace ZarrPS.Cluster.Contracts;

/// <summary>One axis of a selection (an <see cref="AxisSelection"/>): a range with a step, one position, or a list.</summary>
[GenerateSerializer]
public sealed class AxisSpec
{
    /// <summary>First position.</summary>
    [Id(0)] public long Start { get; init; }
    /// <summary>Step (ranges).</summary>
    [Id(1)] public long Step { get; init; }
    /// <summary>Number of positions.</summary>
    [Id(2)] public long Count { get; init; }
    /// <summary>One position, the axis dropped.</summary>
    [Id(3)] public bool Scalar { get; init; }
    /// <summary>Explicit positions (lists), else null.</summary>
    [Id(4)] public long[]? Positions { get; init; }

    /// <summary>The spec of a selection.</summary>
    public static AxisSpec From(AxisSelection s) => new()
    {
        Start = s.Start,
        Step = s.Step,
        Count = s.Count,
        Scalar = s.IsScalar,
        Positions = s.IsList ? s.Positions() : null,
    };

    /// <summary>The selection again.</summary>
    public AxisSelection ToSelection() =>
        Scalar ? AxisSelection.Scalar(Start)
        : Positions is { } p ? AxisSelection.List(p)
        : AxisSelection.Range(Start, Start + Count * Step, Step);
}
