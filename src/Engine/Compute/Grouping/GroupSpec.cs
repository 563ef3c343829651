using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// What a groupby key names: a coordinate ("station") or a field of a time coordinate ("time.month"). The name
/// before the dot may be any case ("TIME.season"), and "time" stands for the time coordinate whatever it is called.
/// </summary>
public sealed class GroupSpec
{
    private GroupSpec(string text, string coordinate, string dim, TimeComponent? component)
    {
        Text = text;
        Coordinate = coordinate;
        Dim = dim;
        Component = component;
    }

    /// <summary>The key as given.</summary>
    public string Text { get; }

    /// <summary>The coordinate the groups come from (its name in the dataset).</summary>
    public string Coordinate { get; }

    /// <summary>The dimension that is grouped (the coordinate's only dimension).</summary>
    public string Dim { get; }

    /// <summary>The time field, or null when grouping by the coordinate's values.</summary>
    public TimeComponent? Component { get; }

    /// <summary>The name of the groups' dimension in results: the field ('month') or the coordinate's name.</summary>
    public string LabelName => Component is TimeComponent c ? TimeGroups.NameOf(c) : Coordinate;

    /// <summary>Parses a key against a dataset's variables.</summary>
    public static GroupSpec Parse(string text, Dataset dataset) => Parse(text, dataset.Variables);

    /// <summary>Parses a key against a DataArray's coordinates.</summary>
    public static GroupSpec Parse(string text, DataArray array) => Parse(text, array.Coords);

    /// <summary>
    /// Parses a key against named variables. InvalidArgument "UnknownGroupKey" names the known coordinates when
    /// nothing matches; "NotATime" when a field is asked of a coordinate that holds no times.
    /// </summary>
    public static GroupSpec Parse(string text, IReadOnlyDictionary<string, Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        string key = text.Trim();
        if (variables.TryGetValue(key, out var exact)) return ForValues(text, key, exact);
        int dot = key.LastIndexOf('.');
        if (dot > 0 && dot < key.Length - 1)
        {
            string name = key[..dot], field = key[(dot + 1)..];
            if (!TimeGroups.TryParseComponent(field, out var component))
            {
                if (Resolve(name, variables) is not null)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownTimeComponent",
                        $"Group key '{text}': '{field}' is not a time field; use one of {TimeGroups.ValidNames}.", text);
            }
            else if (Resolve(name, variables) is string coord)
            {
                var v = variables[coord];
                if (v.Rank != 1)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "GroupNotOneDimensional",
                        $"Group key '{text}': coordinate '{coord}' has {v.Rank} dimensions; groups need a 1-D coordinate.", text);
                if (!v.DType.IsTime)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "NotATime",
                        $"Group key '{text}': coordinate '{coord}' holds {v.DType.Name} values, not times, so it has no '{field}'.", text);
                return new GroupSpec(text, coord, v.Dims[0], component);
            }
        }
        if (Resolve(key, variables) is string ci) return ForValues(text, ci, variables[ci]);
        var known = variables.Where(kv => kv.Value.Rank == 1).Select(kv => kv.Key);
        throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownGroupKey",
            $"Group key '{text}' names no coordinate; use a 1-D coordinate ({string.Join(", ", known)}) or a time field such as 'time.month' ({TimeGroups.ValidNames}).", text);
    }

    /// <summary>Computes the groups: reads the coordinate's values.</summary>
    public GroupKeys Keys(IReadOnlyDictionary<string, Variable> variables)
    {
        var v = variables[Coordinate];
        return Component is TimeComponent c ? TimeGroups.Compute(v, c, Coordinate) : ValueGroups.Compute(v, Coordinate);
    }

    /// <summary>Computes the groups of a dataset.</summary>
    public GroupKeys Keys(Dataset dataset) => Keys(dataset.Variables);

    /// <summary>Computes the groups of a DataArray.</summary>
    public GroupKeys Keys(DataArray array) => Keys(array.Coords);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static GroupSpec ForValues(string text, string name, Variable v)
    {
        if (v.Rank != 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "GroupNotOneDimensional",
                $"Group key '{text}': '{name}' has {v.Rank} dimensions ({string.Join(", ", v.Dims)}); groups need a 1-D coordinate.", text);
        return new GroupSpec(text, name, v.Dims[0], null);
    }

    // Exact name, then a unique case-insensitive match, then "time" as the one 1-D time coordinate.
    private static string? Resolve(string name, IReadOnlyDictionary<string, Variable> variables)
    {
        if (variables.ContainsKey(name)) return name;
        var ci = variables.Keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (ci.Length == 1) return ci[0];
        if (!name.Equals("time", StringComparison.OrdinalIgnoreCase)) return null;
        var times = variables.Where(kv => kv.Value.Rank == 1 && kv.Value.DType.IsTime).Select(kv => kv.Key).ToArray();
        if (times.Length == 1) return times[0];
        // Several time coordinates: the dimension coordinate (name equal to its dimension) wins.
        var dimCoords = times.Where(t => variables[t].Dims[0] == t).ToArray();
        return dimCoords.Length == 1 ? dimCoords[0] : null;
    }
}
