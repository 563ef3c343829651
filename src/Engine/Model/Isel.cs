using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model;

/// <summary>Positional selection (xarray's isel) on Variables, DataArrays and Datasets; lazy.</summary>
public static class Isel
{
    /// <summary>Applies per-dimension selections to a variable; dimensions it lacks are ignored.</summary>
    public static Variable Apply(Variable v, IReadOnlyDictionary<string, AxisSelection> selections)
    {
        if (!v.Dims.Any(selections.ContainsKey)) return v;
        var sel = new AxisSelection[v.Rank];
        var dims = new List<string>();
        for (int d = 0; d < v.Rank; d++)
        {
            sel[d] = selections.TryGetValue(v.Dims[d], out var s) ? s : AxisSelection.All(v.Shape[d]);
            if (!sel[d].IsScalar) dims.Add(v.Dims[d]);
        }
        var data = new SelectionArray(v.Data, sel);
        return new Variable(dims, data, new OrderedDictionary<string, object?>(v.Attrs, StringComparer.Ordinal), new Dictionary<string, object?>(v.Encoding, StringComparer.Ordinal));
    }

    /// <summary>Applies selections to every variable of a dataset.</summary>
    public static Dataset Apply(Dataset ds, IReadOnlyDictionary<string, AxisSelection> selections)
    {
        CheckDims(selections.Keys, ds.Dims.Keys);
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (name, v) in ds.Variables) vars[name] = Apply(v, selections);
        return ds.With(vars);
    }

    /// <summary>Applies selections to a DataArray and its coordinates.</summary>
    public static DataArray Apply(DataArray da, IReadOnlyDictionary<string, AxisSelection> selections)
    {
        CheckDims(selections.Keys, da.Dims.Concat(da.Coords.Values.SelectMany(c => c.Dims)).Distinct());
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (name, c) in da.Coords) coords[name] = Apply(c, selections);
        return new DataArray(da.Name, Apply(da.Variable, selections), coords);
    }

    /// <summary>Throws naming the unknown dimension and listing the valid ones.</summary>
    public static void CheckDims(IEnumerable<string> asked, IEnumerable<string> dims)
    {
        var valid = dims.ToArray();
        foreach (var d in asked)
            if (!valid.Contains(d))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                    $"Dimension '{d}' does not exist (dimensions: {string.Join(", ", valid)}).", d);
    }
}
