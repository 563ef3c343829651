using System.Collections;

namespace ZarrPS.Engine.Model;

/// <summary>
/// A dimension known under several names (Select-XData's -Time, -Latitude …): the names datasets use for it, in
/// order of preference (CF and common ones: latitude, lat, y), and the CF attributes that mark its coordinate when
/// none of the names is used.
/// </summary>
/// <param name="Parameter">The parameter's name (Latitude).</param>
/// <param name="Aliases">Dimension names that mean it, in order of preference.</param>
/// <param name="StandardName">The CF standard_name of its coordinate (latitude), or null.</param>
/// <param name="Axis">The CF axis attribute of its coordinate (X, Y, Z, T), or null.</param>
/// <param name="Units">The CF units of its coordinate (degrees_north; CF's other spellings match too), or null.</param>
public sealed record DimensionAlias(string Parameter, IReadOnlyList<string> Aliases, string? StandardName = null, string? Axis = null, string? Units = null)
{
    /// <summary>
    /// The dimension among <paramref name="dims"/> this means: the first alias present (exactly, then ignoring
    /// case), else the dimension whose 1-D coordinate has the CF standard_name, axis or units. NotFound "DimensionNotFound"
    /// naming the parameter, the aliases and the dimensions when none is.
    /// </summary>
    public string Resolve(IReadOnlyCollection<string> dims, Func<string, Variable?> coordinate)
    {
        foreach (var alias in Aliases)
            if (dims.Contains(alias)) return alias;
        foreach (var alias in Aliases)
            foreach (var d in dims)
                if (string.Equals(d, alias, StringComparison.OrdinalIgnoreCase)) return d;
        foreach (var d in dims)
        {
            if (coordinate(d) is not { Rank: 1 } c) continue;
            if (StandardName is not null && c.Attrs.TryGetValue("standard_name", out var sn) && sn is string s && s == StandardName) return d;
            if (Axis is not null && c.Attrs.TryGetValue("axis", out var ax) && ax is string a && string.Equals(a, Axis, StringComparison.OrdinalIgnoreCase)) return d;
            if (Units is not null && c.Attrs.TryGetValue("units", out var un) && un is string u && CanonicalUnits(u) == CanonicalUnits(Units)) return d;
        }
        var cfParts = new[]
        {
            StandardName is null ? null : $"standard_name '{StandardName}'",
            Axis is null ? null : $"axis '{Axis}'",
            Units is null ? null : $"units '{Units}'",
        }.Where(x => x is not null).ToArray();
        string cf = cfParts.Length == 0 ? "" : " or a coordinate with " + string.Join(" or ", cfParts);
        throw new ZarrPSException(ErrorKind.NotFound, "DimensionNotFound",
            $"-{Parameter} names no dimension of the input: it looks for {string.Join(", ", Aliases)}{cf} (dimensions: {string.Join(", ", dims)}).", Parameter);
    }

    // CF spells latitude and longitude units several ways: degrees_north, degree_north, degree_N, degrees_N, degreeN, degreesN.
    private static string CanonicalUnits(string units)
    {
        string u = units.Trim().Replace("_", "").ToLowerInvariant().Replace("degrees", "degree");
        return u switch
        {
            "degreen" => "degreenorth",
            "degreee" => "degreeeast",
            _ => u,
        };
    }

    /// <summary>
    /// <paramref name="labels"/> (-Sel, may be null) with the value of every dimension parameter given added under
    /// the dimension it resolves to; null when there is nothing to select. InvalidArgument "DuplicateSelection" when
    /// two of them, or one and -Sel, select the same dimension.
    /// </summary>
    public static IDictionary? Merge(IDictionary? labels, IEnumerable<(DimensionAlias Alias, object? Value)> given,
        IReadOnlyCollection<string> dims, Func<string, Variable?> coordinate)
    {
        Hashtable? result = null;
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, value) in given)
        {
            if (value is null) continue;
            if (result is null)
            {
                result = new Hashtable();
                if (labels is not null)
                    foreach (DictionaryEntry e in labels)
                    {
                        string key = Convert.ToString(Selectors.Unwrapper(e.Key), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                        result[key] = e.Value;
                        from[key] = "-Sel";
                    }
            }
            string dim = alias.Resolve(dims, coordinate);
            if (from.TryGetValue(dim, out var other))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DuplicateSelection",
                    $"-{alias.Parameter} and {other} both select dimension '{dim}'; give it once.", dim);
            from[dim] = "-" + alias.Parameter;
            result[dim] = value;
        }
        return result ?? labels;
    }
}
