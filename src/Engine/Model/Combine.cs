using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;

namespace ZarrPS.Engine.Model;

/// <summary>Joining and merging: xarray's concat and merge.</summary>
public static class Combine
{
    /// <summary>
    /// Concatenates DataArrays along <paramref name="dim"/>: an existing dimension is extended; a new one is
    /// added in front (stacking). Other dimensions and coordinates must agree.
    /// </summary>
    public static DataArray Concat(IReadOnlyList<DataArray> parts, string dim)
    {
        if (parts.Count == 0) throw new ZarrPSException(ErrorKind.InvalidArgument, "NothingToJoin", "Join-XData needs at least one DataArray.");
        var datasets = parts.Select(p => ToDataset(Expand(p, dim))).ToArray();
        var joined = MultiFileOpener.Concatenate(datasets, parts.Select((p, i) => p.Name ?? $"array {i}").ToArray(), dim, sortByCoordinate: false);
        return joined[parts[0].Name ?? "__xarray_dataarray_variable__"];
    }

    /// <summary>Concatenates Datasets along <paramref name="dim"/> (existing or new).</summary>
    public static Dataset Concat(IReadOnlyList<Dataset> parts, string dim)
    {
        if (parts.Count == 0) throw new ZarrPSException(ErrorKind.InvalidArgument, "NothingToJoin", "Join-XData needs at least one Dataset.");
        var expanded = parts.Select(p => p.Dims.ContainsKey(dim) ? p : p.Map(da => Expand(da, dim))).ToArray();
        return MultiFileOpener.Concatenate(expanded, parts.Select((_, i) => $"dataset {i}").ToArray(), dim, sortByCoordinate: false);
    }

    private static Dataset ToDataset(DataArray a) => a.ToDataset();

    // A new dimension of length 1 in front, so parts can be joined along it.
    private static DataArray Expand(DataArray a, string dim)
    {
        if (a.Variable.AxisOf(dim) >= 0) return a;
        var map = new[] { -1 }.Concat(Enumerable.Range(0, a.Rank)).ToArray();
        long[] shape = [1, .. a.Shape];
        var chunks = new ChunkLayout([[1], .. a.Chunks.Sizes]);
        var data = new Compute.BroadcastArray(a.Variable.Data, map, shape, chunks);
        return new DataArray(a.Name, new Variable([dim, .. a.Dims], data, a.Attrs, a.Variable.Encoding), a.Coords);
    }

    /// <summary>
    /// Merges datasets' variables into one (xarray's merge with join='exact'): shared dimensions must have equal
    /// coordinates, and a variable found in several must be equal in each.
    /// </summary>
    public static Dataset Merge(IReadOnlyList<Dataset> parts)
    {
        if (parts.Count == 0) throw new ZarrPSException(ErrorKind.InvalidArgument, "NothingToMerge", "Merge-XDataset needs at least one Dataset.");
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        var coords = new HashSet<string>(StringComparer.Ordinal);
        var attrs = new OrderedDictionary<string, object?>(parts[0].Attrs, StringComparer.Ordinal);
        for (int i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            foreach (var (name, v) in p.Variables)
            {
                if (vars.TryGetValue(name, out var existing))
                {
                    if (!ReferenceEquals(existing.Data, v.Data) && !SameValues(existing, v))
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "MergeConflict",
                            $"Cannot merge: variable '{name}' differs between dataset 0 and dataset {i} ({Shape(existing)} vs {Shape(v)}); rename one or select the same region first.", name);
                    continue;
                }
                vars[name] = v;
                if (p.CoordNames.Contains(name)) coords.Add(name);
            }
        }
        return new Dataset(vars, coords, attrs);
    }

    private static string Shape(Variable v) => $"({string.Join(", ", v.Dims.Select((d, i) => $"{d}: {v.Shape[i]}"))}) {v.DType.Name}";

    private static bool SameValues(Variable a, Variable b)
    {
        if (!a.Dims.SequenceEqual(b.Dims) || !a.Shape.SequenceEqual(b.Shape) || a.DType != b.DType) return false;
        if (a.Size > 1 << 22) return false;
        var x = ArrayValues.ReadAll(a.Data);
        var y = ArrayValues.ReadAll(b.Data);
        var ex = x.GetEnumerator();
        var ey = y.GetEnumerator();
        while (ex.MoveNext() && ey.MoveNext())
        {
            if (Equals(ex.Current, ey.Current)) continue;
            if (ex.Current is double dx && ey.Current is double dy && double.IsNaN(dx) && double.IsNaN(dy)) continue;
            if (ex.Current is float fx && ey.Current is float fy && float.IsNaN(fx) && float.IsNaN(fy)) continue;
            return false;
        }
        return true;
    }
}
