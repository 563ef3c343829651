using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Compute.Grouping;

namespace ZarrPS.Engine.Model;

/// <summary>groupby, resample and coarsen on DataArrays and Datasets, as xarray names them.</summary>
public static class Grouping
{
    private static IReadOnlyDictionary<string, Variable> VariablesOf(object target) => target switch
    {
        DataArray da => da.Coords,
        Dataset ds => ds.Variables,
        _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset", $"Group a Dataset or DataArray, not {target.GetType().Name}.", target),
    };

    /// <summary>Groups by a coordinate ("station") or a field of the time coordinate ("time.month", "TIME.season").</summary>
    public static GroupedData GroupBy(object target, string key)
    {
        var spec = GroupSpec.Parse(key, VariablesOf(target));
        var coord = VariablesOf(target)[spec.Coordinate];
        var keys = spec.Component is TimeComponent c ? TimeGroups.Compute(coord, c, spec.LabelName) : ValueGroups.Compute(coord, spec.LabelName);
        var labels = new Variable([keys.Name], InMemoryArray.From(keys.Labels, keys.LabelType, $"groups of '{key}'"));
        return new GroupedData(target, keys.Dim, keys.Codes, labels, keys.Name, key);
    }

    /// <summary>The dimension whose coordinate holds times (the default of resample).</summary>
    public static string TimeDim(object target)
    {
        foreach (var (name, v) in VariablesOf(target))
            if (v.Rank == 1 && v.Dims[0] == name && v.DType.IsTime) return name;
        throw new ZarrPSException(ErrorKind.InvalidArgument, "NoTimeDimension",
            $"No dimension has a time coordinate to resample (coordinates: {string.Join(", ", VariablesOf(target).Where(kv => kv.Value.Rank == 1 && kv.Value.Dims[0] == kv.Key).Select(kv => kv.Key))}); name one with -Dim.");
    }

    /// <summary>Bins along a time dimension (pandas frequencies: 1H, 6H, 1D, 1M, MS, QS-DEC …).</summary>
    public static GroupedData Resample(object target, string frequency, string? dim = null)
    {
        dim ??= TimeDim(target);
        var vars = VariablesOf(target);
        if (!vars.TryGetValue(dim, out var coord) || coord.Rank != 1 || coord.Dims[0] != dim)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound", $"Dimension '{dim}' has no coordinate to resample by.", dim);
        if (!coord.DType.IsTime)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotATime",
                $"Cannot resample dimension '{dim}': its coordinate holds {coord.DType.Name} values, not times (resampling needs a time dimension; use -Coarsen for windows of positions).", dim);
        var bins = ResampleBins.Compute(coord, frequency, name: dim);
        var labels = new Variable([dim], InMemoryArray.From(bins.Labels, bins.LabelType, $"{frequency} bins"), coord.Attrs, coord.Encoding);
        return new GroupedData(target, dim, bins.Codes, labels, dim, $"{frequency} bins");
    }

    /// <summary>Reduces windows of positions along several dims (xarray's coarsen(...).mean()).</summary>
    public static object Coarsen(object target, IReadOnlyDictionary<string, int> windows, CoarsenBoundary boundary, ReduceOp op)
    {
        var vars = VariablesOf(target);
        var dims = target is DataArray a ? a.Sizes : ((Dataset)target).Dims;
        Isel.CheckDims(windows.Keys, dims.Keys);
        var w = windows.ToDictionary(kv => kv.Key, kv => new CoarsenWindows(kv.Key, dims[kv.Key], kv.Value, boundary));
        // Coordinates along coarsened dims become their windows' means.
        var newCoords = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (dim, win) in w)
        {
            if (!vars.TryGetValue(dim, out var c) || c.Rank != 1) continue;
            var values = ArrayValues.ReadAll(c.Data);
            Array mean = c.DType.IsTime ? win.CoordinateMean((long[])values) : win.CoordinateMean(values.Cast<object>().Select(o => System.Convert.ToDouble(o is Half h ? (double)h : o, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            newCoords[dim] = new Variable([dim], InMemoryArray.From(mean, c.DType.IsTime ? c.DType : DataType.Float64, $"coarsened '{dim}'"), c.Attrs, c.Encoding);
        }
        DataArray One(DataArray da)
        {
            var axes = w.Where(kv => da.Variable.AxisOf(kv.Key) >= 0)
                .Select(kv => AxisReduction.Grouped(da.Variable.AxisOf(kv.Key), kv.Value.Codes(), (int)kv.Value.OutputLength)).ToArray();
            if (axes.Length == 0 || !da.Variable.DType.IsNumeric) return da;
            var node = new ReduceArray(da.Variable.Data, axes, op, true, null, 0, $"coarsen {string.Join(", ", windows.Select(kv => $"{kv.Key}={kv.Value}"))}");
            var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
            foreach (var (k, v) in da.Coords)
                if (newCoords.TryGetValue(k, out var nc)) coords[k] = nc;
                else if (!v.Dims.Any(windows.ContainsKey)) coords[k] = v;
            return new DataArray(da.Name, new Variable(da.Dims, node, new OrderedDictionary<string, object?>(da.Attrs, StringComparer.Ordinal)), coords);
        }
        return target switch
        {
            DataArray da => One(da),
            Dataset ds => ds.Map(One) is var mapped ? mapped.With(ReplaceCoords(mapped.Variables, newCoords)) : null!,
            _ => throw new InvalidOperationException(),
        };
    }

    private static OrderedDictionary<string, Variable> ReplaceCoords(OrderedDictionary<string, Variable> vars, Dictionary<string, Variable> coords)
    {
        var r = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in vars) r[k] = coords.TryGetValue(k, out var c) ? c : v;
        return r;
    }
}
