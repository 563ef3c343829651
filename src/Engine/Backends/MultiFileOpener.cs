using System.Collections.Concurrent;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Backends;

/// <summary>
/// Opens several files or stores as one dataset, as xr.open_mfdataset(combine='by_coords', data_vars='minimal'):
/// metadata is read in parallel, datasets are sorted by the first value of the concatenation dimension's
/// coordinate, variables with that dimension are joined lazily, and every other coordinate must agree.
/// </summary>
public static class MultiFileOpener
{
    /// <summary>Opens and combines <paramref name="paths"/>; <paramref name="concatDim"/> defaults to the unlimited dimension, else the time dimension.</summary>
    public static Dataset Open(IReadOnlyList<string> paths, OpenOptions options, string? concatDim = null, int maxParallelism = 0)
    {
        if (paths.Count == 0) throw new ZarrPSException(ErrorKind.NotFound, "PathNotFound", "No files to open.");
        if (paths.Count == 1) return DatasetOpener.Open(paths[0], options);
        var opened = new Dataset?[paths.Count];
        var errors = new ConcurrentBag<(int, ZarrPSException)>();
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Math.Max(2, Environment.ProcessorCount * 2) }, i =>
        {
            try { opened[i] = DatasetOpener.Open(paths[i], options); }
            catch (ZarrPSException e) { errors.Add((i, e)); }
        });
        if (!errors.IsEmpty)
        {
            foreach (var d in opened) d?.Dispose();
            var (i, e) = errors.OrderBy(x => x.Item1).First();
            throw e.WithContext($"Opening '{paths[i]}': ");
        }
        return Combine(opened.Select(d => d!).ToArray(), paths, concatDim);
    }

    /// <summary>Combines opened datasets along a dimension, in the order of its first labels (combine='by_coords').</summary>
    public static Dataset Combine(IReadOnlyList<Dataset> datasets, IReadOnlyList<string> names, string? concatDim) =>
        Concatenate(datasets, names, concatDim, sortByCoordinate: true);

    /// <summary>
    /// Joins datasets along an existing dimension (xarray's concat with data_vars='minimal'): variables with the
    /// dimension are joined, coordinates without it must be equal. <paramref name="sortByCoordinate"/> orders the
    /// parts by their first label first.
    /// </summary>
    public static Dataset Concatenate(IReadOnlyList<Dataset> datasets, IReadOnlyList<string> names, string? concatDim, bool sortByCoordinate)
    {
        var first = datasets[0];
        string dim = concatDim ?? DefaultConcatDim(first)
            ?? throw new ZarrPSException(ErrorKind.InvalidArgument, "NoConcatDim",
                $"Cannot tell which dimension to join {datasets.Count} datasets along ('{names[0]}' has no unlimited or time dimension); name one with -ConcatDim (dimensions: {string.Join(", ", first.Dims.Keys)}).");
        for (int i = 0; i < datasets.Count; i++)
            if (!datasets[i].Dims.ContainsKey(dim))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                    $"'{names[i]}' has no dimension '{dim}' to join along (dimensions: {string.Join(", ", datasets[i].Dims.Keys)}).", dim);

        // Order by the first label of the concat dimension, as combine='by_coords'.
        var order = Enumerable.Range(0, datasets.Count).ToArray();
        if (sortByCoordinate && first.Variables.TryGetValue(dim, out var fc) && fc.Rank == 1)
        {
            var keys = datasets.Select(d => d.Dims[dim] == 0 ? double.NegativeInfinity : FirstLabel(d.Variables[dim])).ToArray();
            order = order.OrderBy(i => keys[i]).ToArray();
        }
        var sorted = order.Select(i => datasets[i]).ToArray();
        var sortedNames = order.Select(i => names[i]).ToArray();

        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (name, v) in first.Variables)
        {
            int axis = v.AxisOf(dim);
            if (axis < 0)
            {
                CheckSame(name, v, sorted, sortedNames, first.CoordNames.Contains(name));
                vars[name] = v;
                continue;
            }
            var parts = new List<ILazyArray>();
            for (int i = 0; i < sorted.Length; i++)
            {
                if (!sorted[i].Variables.TryGetValue(name, out var pv))
                    throw new ZarrPSException(ErrorKind.InvalidData, "VariableMissing", $"'{sortedNames[i]}' has no variable '{name}', which '{sortedNames[0]}' has.", name);
                if (!pv.Dims.SequenceEqual(v.Dims))
                    throw new ZarrPSException(ErrorKind.InvalidData, "DimensionMismatch",
                        $"Variable '{name}' has dimensions ({string.Join(", ", pv.Dims)}) in '{sortedNames[i]}' but ({string.Join(", ", v.Dims)}) in '{sortedNames[0]}'.", name);
                parts.Add(pv.Data);
            }
            ILazyArray data;
            try { data = new ConcatArray(parts, axis); }
            catch (ZarrPSException e) { throw e.WithContext($"Joining variable '{name}' along '{dim}': "); }
            vars[name] = new Variable(v.Dims, data, v.Attrs, v.Encoding);
        }
        var ds = sorted[0].With(vars);
        if (sortByCoordinate)
        {
            ds.Encoding["source"] = sortedNames[0];
            ds.Encoding["sources"] = sortedNames;
        }
        foreach (var d in sorted.Skip(1)) ds.Own(d);
        return ds;
    }

    private static double FirstLabel(Variable v)
    {
        var o = ArrayValues.ReadScalar(v.Data, [0]);
        return o switch
        {
            string => 0,
            Half h => (double)h,
            _ => Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The unlimited dimension, else a dimension whose coordinate holds times or is named like time.</summary>
    public static string? DefaultConcatDim(Dataset ds)
    {
        if (ds.Encoding.TryGetValue("unlimited_dims", out var u) && u is string[] { Length: > 0 } ud) return ud[0];
        foreach (var d in ds.Dims.Keys)
            if (ds.Variables.TryGetValue(d, out var c) && c.DType.Kind == ScalarKind.DateTime64) return d;
        foreach (var d in ds.Dims.Keys)
            if (d.Equals("time", StringComparison.OrdinalIgnoreCase) || d.Equals("t", StringComparison.OrdinalIgnoreCase)) return d;
        return null;
    }

    // Coordinates without the concat dimension must be identical in every file (values compared); other
    // variables only by shape (their values are taken from the first file, as data_vars='minimal').
    private static void CheckSame(string name, Variable v, Dataset[] sorted, string[] names, bool isCoord)
    {
        Array? firstValues = isCoord && v.Size <= 1 << 20 ? ArrayValues.ReadAll(v.Data) : null;
        for (int i = 1; i < sorted.Length; i++)
        {
            if (!sorted[i].Variables.TryGetValue(name, out var other))
                throw new ZarrPSException(ErrorKind.InvalidData, "VariableMissing", $"'{names[i]}' has no variable '{name}', which '{names[0]}' has.", name);
            if (!other.Shape.SequenceEqual(v.Shape) || !other.Dims.SequenceEqual(v.Dims))
                throw new ZarrPSException(ErrorKind.InvalidData, "CoordinateMismatch",
                    $"'{name}' differs between '{names[0]}' ({string.Join(", ", v.Dims)}: {string.Join("x", v.Shape)}) and '{names[i]}' ({string.Join(", ", other.Dims)}: {string.Join("x", other.Shape)}).", name);
            if (firstValues is null) continue;
            var ov = ArrayValues.ReadAll(other.Data);
            long k = 0;
            var e1 = firstValues.GetEnumerator();
            var e2 = ov.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext())
            {
                if (!Equals(e1.Current, e2.Current) && !(e1.Current is double a && e2.Current is double b && double.IsNaN(a) && double.IsNaN(b))
                    && !(e1.Current is float fa && e2.Current is float fb && float.IsNaN(fa) && float.IsNaN(fb)))
                    throw new ZarrPSException(ErrorKind.InvalidData, "CoordinateMismatch",
                        $"Coordinate '{name}' differs between '{names[0]}' and '{names[i]}' (element {k}: {Repr.FormatValue(e1.Current)} vs {Repr.FormatValue(e2.Current)}).", name);
                k++;
            }
        }
    }
}
