using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Engine.Model;

/// <summary>Data split into groups along one dimension (groupby, resample, coarsen), waiting for a reduction.</summary>
public interface IGroupedData
{
    /// <summary>The dimension grouped.</summary>
    string Dim { get; }

    /// <summary>Reduces each group.</summary>
    object Reduce(ReduceOp op, bool? skipNa = null, int ddof = 0);

    /// <summary>The q-quantile of each group.</summary>
    object Quantile(double q, bool? skipNa = null);
}

/// <summary>
/// A DataArray or Dataset with a position → group map along <see cref="Dim"/>. Reducing gives one value per group
/// on a new dimension <see cref="GroupDim"/> labelled by <see cref="Labels"/> (xarray: groupby('time.month') gives
/// 'month'; resample keeps 'time' with the bin labels).
/// </summary>
public sealed class GroupedData : IGroupedData
{
    /// <summary>Groups <paramref name="target"/> (a DataArray or Dataset) along <paramref name="dim"/>.</summary>
    public GroupedData(object target, string dim, int[] map, Variable labels, string groupDim, string description)
    {
        if (target is not (DataArray or Dataset)) throw new ArgumentException("Group a DataArray or a Dataset.", nameof(target));
        Target = target;
        Dim = dim;
        Map = map;
        Labels = labels;
        GroupDim = groupDim;
        Description = description;
    }

    /// <summary>What is grouped.</summary>
    public object Target { get; }

    /// <inheritdoc />
    public string Dim { get; }

    /// <summary>Position → group index (-1: left out).</summary>
    public int[] Map { get; }

    /// <summary>The labels of the groups (a 1-D variable on <see cref="GroupDim"/>).</summary>
    public Variable Labels { get; }

    /// <summary>The dimension of the result's groups.</summary>
    public string GroupDim { get; }

    /// <summary>How the groups were made ("time.month", "1D bins").</summary>
    public string Description { get; }

    /// <summary>The number of groups.</summary>
    public int Count => (int)Labels.Shape[0];

    /// <inheritdoc />
    public object Reduce(ReduceOp op, bool? skipNa = null, int ddof = 0) =>
        Apply(da => new ReduceArray(da.Variable.Data, [AxisReduction.Grouped(da.Variable.AxisOf(Dim), Map, Count)], op, skipNa ?? true, null, ddof,
            $"{op.ToString().ToLowerInvariant()} by {Description}"));

    /// <inheritdoc />
    public object Quantile(double q, bool? skipNa = null) =>
        Apply(da => new QuantileArray(da.Variable.Data, [AxisReduction.Grouped(da.Variable.AxisOf(Dim), Map, Count)], q, skipNa ?? true));

    /// <summary>The first or last non-NaN value of each group (pandas' resample first/last).</summary>
    public object Gather(GatherOp op) =>
        Apply(da => new QuantileArray(da.Variable.Data, [AxisReduction.Grouped(da.Variable.AxisOf(Dim), Map, Count)], 0, true, op));

    private object Apply(Func<DataArray, ILazyArray> node) => Target switch
    {
        DataArray da => One(da, node),
        Dataset ds => ds.Map(da => da.Variable.AxisOf(Dim) >= 0 && da.Variable.DType.IsNumeric ? One(da, node) : da),
        _ => throw new InvalidOperationException(),
    };

    private DataArray One(DataArray da, Func<DataArray, ILazyArray> node)
    {
        var data = node(da);
        var dims = da.Dims.Select(d => d == Dim ? GroupDim : d).ToArray();
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in da.Coords)
            if (!v.Dims.Contains(Dim)) coords[k] = v;
        coords[GroupDim] = Labels;
        return new DataArray(da.Name, new Variable(dims, data, new OrderedDictionary<string, object?>(da.Attrs, StringComparer.Ordinal)), coords);
    }

    /// <summary>Each group's mean (or another reduction) broadcast back along <see cref="Dim"/>, for anomalies: x - that.</summary>
    public DataArray Anomaly(DataArray da, ReduceOp op = ReduceOp.Mean)
    {
        var climatology = (DataArray)new GroupedData(da, Dim, Map, Labels, GroupDim, Description).Reduce(op);
        var node = new GroupBroadcastArray(climatology.Variable.Data, da.Variable.AxisOf(Dim), climatology.Variable.AxisOf(GroupDim), Map, da.Shape, da.Chunks);
        var expanded = new DataArray(da.Name, new Variable(da.Dims, node), da.Coords);
        var result = Operations.Binary(da, expanded, BinaryOp.Subtract);
        ILazyArray data = result.Variable.Data;
        // Mean anomalies along the same axis and shape: tagged, so that their std or var over the axis takes one pass.
        if (op == ReduceOp.Mean && result.Shape.SequenceEqual(da.Shape) && result.Dims.SequenceEqual(da.Dims))
            data = new AnomalyArray(data, da.Variable.Data, da.Variable.AxisOf(Dim), Map, Count);
        return new DataArray(da.Name, new Variable(result.Dims, data, new OrderedDictionary<string, object?>(da.Attrs, StringComparer.Ordinal)), result.Coords);
    }

    /// <inheritdoc />
    public override string ToString() => $"<ZarrPS.GroupedData {Count} groups of '{Dim}' by {Description}>";
}
