using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Compute;

/// <summary>
/// A lazy array that is a step of a computation: what it does and what it reads. The graph of a result is the
/// graph of these nodes down to the stored arrays; the scheduler runs its chunks, the dashboard draws it.
/// </summary>
public interface IGraphNode : ILazyArray
{
    /// <summary>The kind of step: map, binary, reduce, quantile, select, concat, source …</summary>
    string Kind { get; }

    /// <summary>A short label: the operation (e.g. "mean over time", "a + b").</summary>
    string Label { get; }

    /// <summary>The arrays it reads.</summary>
    IReadOnlyList<ILazyArray> Inputs { get; }
}

/// <summary>A node that is best computed once, in parallel, before its consumers read it (reductions with small results).</summary>
public interface IPreparable
{
    /// <summary>Computes and keeps the node's result when it is small enough; idempotent and thread-safe.</summary>
    void Prepare(ComputeOptions options);
}
