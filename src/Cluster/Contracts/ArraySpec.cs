using ZarrPS.Engine;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;

namespace ZarrPS.Cluster.Contracts;

/// <summary>
/// Lazy data a silo can rebuild by itself: a stored variable of a dataset opened from a path, optionally with a
/// selection (isel) on it. Computed arrays are not described: the cluster runs the computation that reads them.
/// </summary>
[GenerateSerializer]
public sealed class ArraySpec
{
    /// <summary>The dataset.</summary>
    [Id(0)] public SourceSpec Source { get; init; } = new();
    /// <summary>The variable.</summary>
    [Id(1)] public string Variable { get; init; } = "";
    /// <summary>One selection per axis of the stored variable, or null for all of it.</summary>
    [Id(2)] public AxisSpec[]? Selection { get; init; }

    /// <summary>Describes <paramref name="data"/>, or returns null and says why it cannot be.</summary>
    public static ArraySpec? Describe(ILazyArray data, out string? why)
    {
        why = null;
        if (ArrayOrigin.Of(data) is { } o)
            return new ArraySpec { Source = SourceSpec.From(o.Path, o.Options), Variable = o.Variable };
        if (data is SelectionArray s && ArrayOrigin.Of(s.Source) is { } so)
            return new ArraySpec { Source = SourceSpec.From(so.Path, so.Options), Variable = so.Variable, Selection = s.Selections.Select(AxisSpec.From).ToArray() };
        why = $"{data.Description} is not a stored variable of a dataset opened from a path (or a selection of one); the cluster runs reductions and writes of stored data";
        return null;
    }

    /// <summary>Rebuilds the lazy data from an opened dataset of <see cref="Source"/>.</summary>
    public ILazyArray Resolve(Engine.Model.Dataset opened)
    {
        if (!opened.Variables.TryGetValue(Variable, out var v))
            throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound", $"'{Source.Path}' has no variable '{Variable}' on this worker.", Variable);
        return Selection is null ? v.Data : new SelectionArray(v.Data, Selection.Select(a => a.ToSelection()).ToArray());
    }
}
