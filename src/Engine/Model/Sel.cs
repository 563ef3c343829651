using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model;

/// <summary>Label-based selection (xarray's sel) through the indexes of 1-D coordinates; lazy.</summary>
public static class Sel
{
    /// <summary>Positional selections for label specs on a set of coordinates.</summary>
    public static Dictionary<string, AxisSelection> Resolve(
        IReadOnlyDictionary<string, object?> labels, Func<string, Variable?> coordinate, IEnumerable<string> dims,
        SelectMethod method, object? tolerance)
    {
        var dimList = dims.ToArray();
        Isel.CheckDims(labels.Keys, dimList);
        var result = new Dictionary<string, AxisSelection>(StringComparer.Ordinal);
        foreach (var (dim, spec) in labels)
        {
            var coord = coordinate(dim)
                ?? throw new ZarrPSException(ErrorKind.InvalidArgument, "NoIndex",
                    $"Dimension '{dim}' has no coordinate to select labels from; select positions with -Isel instead.", dim);
            var index = CoordinateIndex.Load(dim, coord);
            result[dim] = Selectors.Label(spec, index, method, tolerance);
        }
        return result;
    }

    /// <summary>Selects a Dataset by labels.</summary>
    public static Dataset Apply(Dataset ds, IReadOnlyDictionary<string, object?> labels, SelectMethod method = SelectMethod.Exact, object? tolerance = null) =>
        Isel.Apply(ds, Resolve(labels, d => ds.Variables.TryGetValue(d, out var v) && v.Rank == 1 && v.Dims[0] == d ? v : null, ds.Dims.Keys, method, tolerance));

    /// <summary>Selects a DataArray by labels.</summary>
    public static DataArray Apply(DataArray da, IReadOnlyDictionary<string, object?> labels, SelectMethod method = SelectMethod.Exact, object? tolerance = null) =>
        Isel.Apply(da, Resolve(labels, d => da.Coords.TryGetValue(d, out var v) && v.Rank == 1 && v.Dims[0] == d ? v : null, da.Dims, method, tolerance));
}
