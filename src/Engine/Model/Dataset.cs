namespace ZarrPS.Engine.Model;

/// <summary>
/// xarray's Dataset: named variables sharing dimensions, some of them coordinates, with attributes. Lazy: opening
/// and selecting read metadata only.
/// </summary>
public sealed class Dataset : IDisposable
{
    private readonly List<IDisposable> _resources = [];

    /// <summary>Creates a Dataset; dimension sizes must agree across variables.</summary>
    public Dataset(OrderedDictionary<string, Variable> variables, IEnumerable<string>? coordNames = null, OrderedDictionary<string, object?>? attrs = null)
    {
        Variables = variables;
        CoordNames = new HashSet<string>(coordNames ?? [], StringComparer.Ordinal);
        foreach (var (name, v) in variables)
            if (v.Rank == 1 && v.Dims[0] == name) CoordNames.Add(name);
        CoordNames.IntersectWith(variables.Keys);
        Attrs = attrs ?? new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        Dims = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, v) in variables)
        {
            for (int i = 0; i < v.Rank; i++)
            {
                string dim = v.Dims[i];
                if (Dims.TryGetValue(dim, out long size) && size != v.Shape[i])
                {
                    var other = variables.First(kv => kv.Value.AxisOf(dim) >= 0 && kv.Value.Shape[kv.Value.AxisOf(dim)] == size).Key;
                    throw new ZarrPSException(ErrorKind.InvalidData, "DimensionSizeConflict",
                        $"Dimension '{dim}' has size {size} in variable '{other}' but {v.Shape[i]} in variable '{name}'.", dim);
                }
                Dims[dim] = v.Shape[i];
            }
        }
    }

    /// <summary>All variables, coordinates included, in order.</summary>
    public OrderedDictionary<string, Variable> Variables { get; }

    /// <summary>Names of the variables that are coordinates.</summary>
    public HashSet<string> CoordNames { get; }

    /// <summary>Global attributes.</summary>
    public OrderedDictionary<string, object?> Attrs { get; }

    /// <summary>Dataset-level encoding (source, unlimited dims).</summary>
    public Dictionary<string, object?> Encoding { get; } = new(StringComparer.Ordinal);

    /// <summary>Dimension sizes, in order of first appearance.</summary>
    public OrderedDictionary<string, long> Dims { get; }

    /// <summary>Names of the data variables (not coordinates).</summary>
    public IReadOnlyList<string> DataVars => Variables.Keys.Where(k => !CoordNames.Contains(k)).ToArray();

    /// <summary>Names of the coordinates, in variable order.</summary>
    public IReadOnlyList<string> Coords => Variables.Keys.Where(CoordNames.Contains).ToArray();

    /// <summary>A variable as a DataArray with the coordinates that fit its dimensions.</summary>
    public DataArray this[string name] => GetDataArray(name);

    /// <summary>A variable as a DataArray with the coordinates that fit its dimensions.</summary>
    public DataArray GetDataArray(string name)
    {
        if (!Variables.TryGetValue(name, out var v))
            throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound",
                $"The dataset has no variable '{name}' (variables: {string.Join(", ", Variables.Keys)}).", name);
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var c in Coords)
        {
            var cv = Variables[c];
            if (cv.Dims.All(d => v.AxisOf(d) >= 0)) coords[c] = cv;
        }
        return new DataArray(name, v, coords);
    }

    /// <summary>True when the dataset has a variable of that name.</summary>
    public bool Contains(string name) => Variables.ContainsKey(name);

    /// <summary>A dataset with other variables and the same coordinate names, attributes, encoding and open files.</summary>
    public Dataset With(OrderedDictionary<string, Variable> variables, OrderedDictionary<string, object?>? attrs = null)
    {
        var ds = new Dataset(variables, CoordNames.Where(variables.ContainsKey), attrs ?? new OrderedDictionary<string, object?>(Attrs, StringComparer.Ordinal));
        foreach (var (k, v) in Encoding) ds.Encoding[k] = v;
        ds._resources.AddRange(_resources);
        return ds;
    }

    /// <summary>Positional selection (xarray's isel): dimension → int, int[], 'start:stop:step'.</summary>
    public Dataset Isel(System.Collections.IDictionary selections) => Model.Isel.Apply(this, ToPositional(selections, Dims));

    /// <summary>Label selection (xarray's sel): dimension → label, @(start, stop), or three or more labels.</summary>
    public Dataset Sel(System.Collections.IDictionary labels, SelectMethod method = SelectMethod.Exact, object? tolerance = null) =>
        Model.Sel.Apply(this, ToLabels(labels), method, tolerance);

    /// <summary>The variables named (and the coordinates they need).</summary>
    public Dataset SelectVariables(IEnumerable<string> names)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (!Variables.ContainsKey(n))
                throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound",
                    $"The dataset has no variable '{n}' (variables: {string.Join(", ", Variables.Keys)}).", n);
            keep.Add(n);
        }
        var dims = new HashSet<string>(keep.SelectMany(k => Variables[k].Dims), StringComparer.Ordinal);
        foreach (var c in Coords) if (Variables[c].Dims.All(dims.Contains)) keep.Add(c);
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in Variables) if (keep.Contains(k)) vars[k] = v;
        return With(vars);
    }

    /// <summary>Drops scalar (0-D) coordinates, as xarray's sel(drop=True).</summary>
    public Dataset DropScalarCoords()
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in Variables) if (!(CoordNames.Contains(k) && v.Rank == 0)) vars[k] = v;
        return With(vars);
    }

    internal static Dictionary<string, Arrays.AxisSelection> ToPositional(System.Collections.IDictionary selections, IReadOnlyDictionary<string, long> sizes)
    {
        var result = new Dictionary<string, Arrays.AxisSelection>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in selections)
        {
            string dim = Convert.ToString(Selectors.Unwrapper(e.Key), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            Model.Isel.CheckDims([dim], sizes.Keys);
            result[dim] = Selectors.Positional(e.Value, sizes[dim], dim);
        }
        return result;
    }

    internal static Dictionary<string, object?> ToLabels(System.Collections.IDictionary labels)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in labels)
            result[Convert.ToString(Selectors.Unwrapper(e.Key), System.Globalization.CultureInfo.InvariantCulture) ?? ""] = e.Value;
        return result;
    }

    /// <summary>Applies <paramref name="f"/> to every data variable (coordinates stay), as xarray's Dataset.map.</summary>
    public Dataset Map(Func<DataArray, DataArray> f, bool keepAttrs = true)
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        var coordsUsed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in DataVars)
        {
            var r = f(this[name]);
            vars[name] = r.Variable;
            foreach (var (k, v) in r.Coords) { vars.TryAdd(k, v); coordsUsed.Add(k); }
        }
        var ordered = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in Variables)
            if (CoordNames.Contains(k) && (coordsUsed.Contains(k) || v.Dims.All(d => vars.Values.Any(x => x.AxisOf(d) >= 0)))) ordered[k] = vars.TryGetValue(k, out var nv) ? nv : v;
        foreach (var (k, v) in vars) ordered.TryAdd(k, v);
        var ds = new Dataset(ordered, CoordNames.Concat(coordsUsed), keepAttrs ? new OrderedDictionary<string, object?>(Attrs, StringComparer.Ordinal) : null);
        foreach (var (k, v) in Encoding) ds.Encoding[k] = v;
        ds._resources.AddRange(_resources);
        return ds;
    }

    /// <summary>Reduces every data variable over <paramref name="dims"/> (variables lacking all of them are kept as they are).</summary>
    public Dataset Reduce(Compute.ReduceOp op, string[]? dims = null, bool? skipNa = null, DataArray? weights = null, int ddof = 0)
    {
        if (dims is { Length: > 0 }) Model.Isel.CheckDims(dims, Dims.Keys);
        return Map(da =>
        {
            var mine = dims is null || dims.Length == 0 ? da.Dims.ToArray() : dims.Where(d => da.Variable.AxisOf(d) >= 0).ToArray();
            if (mine.Length == 0) return da;
            if (!da.Variable.DType.IsNumeric) return da;
            var w = weights is not null && weights.Dims.All(d => da.Variable.AxisOf(d) >= 0) ? weights : null;
            return da.Reduce(op, mine, skipNa, w, ddof);
        }, keepAttrs: true);
    }

    /// <summary>Computes every variable into memory now.</summary>
    public Dataset Compute(Compute.ComputeOptions? options = null)
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (k, v) in Variables) vars[k] = v.Data is ZarrPS.Engine.Compute.IGraphNode ? v.WithData(ZarrPS.Engine.Compute.Graph.Compute(v.Data, options)) : v;
        return With(vars);
    }

    /// <summary>Keeps <paramref name="resource"/> (an open file) alive with the dataset and disposes it with it.</summary>
    public void Own(IDisposable resource) => _resources.Add(resource);

    /// <summary>Closes any files the dataset holds open.</summary>
    public void Dispose()
    {
        foreach (var r in _resources) r.Dispose();
        _resources.Clear();
    }

    /// <inheritdoc />
    public override string ToString() => Repr.Of(this);
}
