using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>
/// Interpolation of labelled data onto new coordinates (xarray's <c>interp</c> and <c>interp_like</c>): builds
/// lazy <see cref="InterpArray"/>s and replaces the coordinates. Longitude dimensions wrap by 360 degrees.
/// </summary>
public static class Regridder
{
    /// <summary>
    /// Interpolates a DataArray along the dimensions of <paramref name="targets"/> (dimension → new coordinate
    /// values). Other coordinates along those dimensions are interpolated when they are float, dropped otherwise.
    /// </summary>
    public static DataArray Interp(DataArray array, IReadOnlyDictionary<string, double[]> targets, InterpMethod method = InterpMethod.Linear)
    {
        var stencils = Stencils(array.Dims, array.Coords, targets, method, array.Name ?? "array");
        var coords = NewCoords(array.Coords, targets, stencils);
        var data = Apply(array.Variable, stencils, array.Name ?? "array");
        return new DataArray(array.Name, data ?? array.Variable, coords);
    }

    /// <summary>
    /// Interpolates every variable of a dataset that has one of the dimensions of <paramref name="targets"/>;
    /// string and other non-numeric variables along them are dropped (as xarray does); integer ones are refused
    /// with InvalidArgument "UnsupportedDataType" (convert them to float first).
    /// </summary>
    public static Dataset Interp(Dataset dataset, IReadOnlyDictionary<string, double[]> targets, InterpMethod method = InterpMethod.Linear)
    {
        var dims = dataset.Dims.Keys.ToArray();
        var stencils = Stencils(dims, dataset.Variables, targets, method, "dataset");
        var vars = NewCoords(dataset.Variables, targets, stencils, dataset.CoordNames);
        var result = new Dataset(vars, dataset.CoordNames.Where(vars.ContainsKey), dataset.Attrs);
        return result;
    }

    /// <summary>
    /// The target coordinates for regridding <paramref name="source"/> like <paramref name="like"/>: for each
    /// latitude or longitude dimension of the source, the like dataset's coordinate of the same name, or else of
    /// the same role. InvalidArgument "LikeHasNoCoordinate" when the like dataset has neither.
    /// </summary>
    public static OrderedDictionary<string, double[]> TargetsLike(IReadOnlyDictionary<string, Variable> source, IEnumerable<string> sourceDims, Dataset like)
    {
        var result = new OrderedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var dim in sourceDims)
        {
            source.TryGetValue(dim, out var coord);
            bool lat = GeoAxes.IsLatitude(dim, coord), lon = GeoAxes.IsLongitude(dim, coord);
            if (!lat && !lon) continue;
            string? match = null;
            if (like.Variables.TryGetValue(dim, out var same) && same.Rank == 1) match = dim;
            else
                foreach (var (name, v) in like.Variables)
                    if (v.Rank == 1 && v.Dims[0] == name && (lat ? GeoAxes.IsLatitude(name, v) : GeoAxes.IsLongitude(name, v))) { match = name; break; }
            if (match is null)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "LikeHasNoCoordinate",
                    $"The dataset to regrid like has no {(lat ? "latitude" : "longitude")} coordinate for dimension '{dim}' (it has {string.Join(", ", like.Coords)}).", dim);
            result[dim] = ReadDoubles(like.Variables[match], match);
        }
        if (result.Count == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoGeographicDimension",
                "The data to regrid has no latitude or longitude dimension (by units degrees_north/degrees_east, standard_name, or the names lat/lon/latitude/longitude).");
        return result;
    }

    /// <summary>The targets for regridding a dataset like another (see the dictionary overload).</summary>
    public static OrderedDictionary<string, double[]> TargetsLike(Dataset source, Dataset like) =>
        TargetsLike(source.Variables, source.Dims.Keys, like);

    /// <summary>A 1-D numeric coordinate's values as double.</summary>
    public static double[] ReadDoubles(Variable coordinate, string name)
    {
        if (coordinate.Rank != 1 || !coordinate.DType.IsNumeric || coordinate.DType.IsComplex)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "CoordinateNotNumeric",
                $"Coordinate '{name}' must be 1-D and numeric to interpolate along it (it is {coordinate.Rank}-D {coordinate.DType.Name}).", name);
        var values = ArrayValues.ReadAll(coordinate.Data);
        var result = new double[values.Length];
        int i = 0;
        foreach (var o in values) result[i++] = Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private static Dictionary<string, AxisStencil> Stencils(IReadOnlyList<string> dims, IReadOnlyDictionary<string, Variable> coords,
        IReadOnlyDictionary<string, double[]> targets, InterpMethod method, string what)
    {
        var result = new Dictionary<string, AxisStencil>(StringComparer.Ordinal);
        foreach (var (dim, values) in targets)
        {
            if (!dims.Contains(dim))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownDimension",
                    $"Cannot interpolate {what} along '{dim}': it has no such dimension (it has {string.Join(", ", dims)}).", dim);
            if (!coords.TryGetValue(dim, out var coord))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NoCoordinate",
                    $"Cannot interpolate {what} along '{dim}': the dimension has no coordinate to interpolate from.", dim);
            result[dim] = AxisStencil.Build(ReadDoubles(coord, dim), values, method, GeoAxes.IsLongitude(dim, coord), dim);
        }
        return result;
    }

    private static Variable? Apply(Variable v, Dictionary<string, AxisStencil> stencils, string name)
    {
        var axes = new List<int>();
        var st = new List<AxisStencil>();
        for (int d = 0; d < v.Rank; d++)
            if (stencils.TryGetValue(v.Dims[d], out var s)) { axes.Add(d); st.Add(s); }
        if (axes.Count == 0) return null;
        if (v.DType.Kind is not (ScalarKind.Float32 or ScalarKind.Float64))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedDataType",
                $"Cannot interpolate '{name}' ({v.DType.Name}): only float32 and float64 values interpolate; convert it to float first (AsType).", name);
        return new Variable(v.Dims, new InterpArray(v.Data, axes, st, $"interpolation of '{name}'"), v.Attrs);
    }

    private static OrderedDictionary<string, Variable> NewCoords(IReadOnlyDictionary<string, Variable> vars,
        IReadOnlyDictionary<string, double[]> targets, Dictionary<string, AxisStencil> stencils, ISet<string>? coordNames = null)
    {
        var result = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (name, v) in vars)
        {
            if (targets.TryGetValue(name, out var values) && v.Rank == 1 && v.Dims[0] == name)
            {
                result[name] = new Variable([name], InMemoryArray.From(values, null, $"coordinate '{name}'"), v.Attrs);
                continue;
            }
            bool along = v.Dims.Any(stencils.ContainsKey);
            if (!along) { result[name] = v; continue; }
            bool isCoord = coordNames is null || coordNames.Contains(name);
            if (v.DType.Kind is ScalarKind.Float32 or ScalarKind.Float64) result[name] = Apply(v, stencils, name)!;
            else if (!v.DType.IsNumeric || v.DType.Kind == ScalarKind.Bool || isCoord) continue; // dropped, as xarray drops them
            else Apply(v, stencils, name); // integers: refused with a message
        }
        return result;
    }
}
