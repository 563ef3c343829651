using System.Globalization;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>
/// Reprojection of labelled data from one CRS to another (rioxarray's <c>reproject</c>): finds the y and x
/// dimensions, builds lazy <see cref="ReprojectArray"/>s for the variables on them, and replaces those dimensions
/// by the target grid's — latitude/longitude (degrees) for a geographic target, y/x (metres) for a projected one.
/// </summary>
public static class Reprojection
{
    /// <summary>
    /// Reprojects <paramref name="array"/> from <paramref name="source"/> (null: the array's or its coordinates'
    /// <c>crs</c> attribute) to <paramref name="target"/>. The target axes default to a grid as large as the source
    /// covering the source's extent in the target CRS.
    /// </summary>
    public static DataArray Reproject(DataArray array, Crs? source, Crs target, double[]? targetY = null, double[]? targetX = null,
        InterpMethod method = InterpMethod.Linear)
    {
        string name = array.Name ?? "array";
        source ??= CrsOf(array.Variable.Attrs, null, name);
        var (yDim, xDim) = Axes(array.Dims, array.Coords, source, name);
        var (sy, sx, ty, tx, ny, nx) = Grid(array.Coords, yDim, xDim, source, target, targetY, targetX);
        var coords = NewCoords(array.Coords, yDim, xDim, ny, nx, ty, tx, target);
        var data = Apply(array.Variable, yDim, xDim, ny, nx, sy, sx, ty, tx, source, target, method, name)!;
        return new DataArray(array.Name, data, coords);
    }

    /// <summary>Reprojects every variable of a dataset that has the y and x dimensions (see the DataArray overload).</summary>
    public static Dataset Reproject(Dataset dataset, Crs? source, Crs target, double[]? targetY = null, double[]? targetX = null,
        InterpMethod method = InterpMethod.Linear)
    {
        source ??= CrsOf(dataset.Attrs, dataset, "dataset");
        var (yDim, xDim) = Axes(dataset.Dims.Keys.ToArray(), dataset.Variables, source, "dataset");
        var (sy, sx, ty, tx, ny, nx) = Grid(dataset.Variables, yDim, xDim, source, target, targetY, targetX);
        var vars = NewCoords(dataset.Variables, yDim, xDim, ny, nx, ty, tx, target, dataset.CoordNames,
            (n, v) => Apply(v, yDim, xDim, ny, nx, sy, sx, ty, tx, source, target, method, n));
        var attrs = new OrderedDictionary<string, object?>(dataset.Attrs, StringComparer.Ordinal) { ["crs"] = target.Name };
        var coordNames = dataset.CoordNames.Select(c => c == yDim ? ny : c == xDim ? nx : c).Where(vars.ContainsKey);
        return new Dataset(vars, coordNames, attrs);
    }

    private static Crs CrsOf(IReadOnlyDictionary<string, object?> attrs, Dataset? dataset, string what)
    {
        if (attrs.TryGetValue("crs", out var c) && c is string s && s.Length > 0) return Crs.Parse(s);
        if (dataset is not null)
            foreach (var v in dataset.Variables.Values)
                if (v.Attrs.TryGetValue("crs", out var vc) && vc is string vs && vs.Length > 0) return Crs.Parse(vs);
        throw new ZarrPSException(ErrorKind.InvalidArgument, "NoSourceCrs",
            $"The CRS of {what} is not known (no 'crs' attribute); give it with -SourceCrs ({Crs.Supported}).", what);
    }

    private static (string Y, string X) Axes(IReadOnlyList<string> dims, IReadOnlyDictionary<string, Variable> coords, Crs source, string what)
    {
        string? y = null, x = null;
        foreach (var d in dims)
        {
            coords.TryGetValue(d, out var c);
            if (source.IsGeographic)
            {
                if (GeoAxes.IsLatitude(d, c)) y ??= d;
                else if (GeoAxes.IsLongitude(d, c)) x ??= d;
            }
            else
            {
                if (IsProjected(d, c, "y")) y ??= d;
                else if (IsProjected(d, c, "x")) x ??= d;
            }
        }
        if (y is null || x is null)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoProjectedAxes",
                $"{what} has no {(source.IsGeographic ? "latitude and longitude" : "y and x")} dimensions to reproject from {source} " +
                $"(it has {string.Join(", ", dims)}; projected axes are found by the names x/y, standard_name projection_x/y_coordinate or axis X/Y).", what);
        return (y, x);
    }

    private static bool IsProjected(string name, Variable? c, string axis)
    {
        if (name.Equals(axis, StringComparison.OrdinalIgnoreCase)) return true;
        if (c is null) return false;
        if (c.Attrs.TryGetValue("standard_name", out var sn) && sn is string s && s == $"projection_{axis}_coordinate") return true;
        return c.Attrs.TryGetValue("axis", out var ax) && ax is string a && a.Equals(axis, StringComparison.OrdinalIgnoreCase);
    }

    private static (double[] SY, double[] SX, double[] TY, double[] TX, string NY, string NX) Grid(IReadOnlyDictionary<string, Variable> coords,
        string yDim, string xDim, Crs source, Crs target, double[]? targetY, double[]? targetX)
    {
        if (!coords.TryGetValue(yDim, out var yc) || !coords.TryGetValue(xDim, out var xc))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoCoordinate",
                $"Dimensions '{yDim}' and '{xDim}' need coordinates to reproject from.", yDim);
        var sy = Regridder.ReadDoubles(yc, yDim);
        var sx = Regridder.ReadDoubles(xc, xDim);
        if (targetY is null || targetX is null)
        {
            var (y0, y1, x0, x1) = Extent(sy, sx, source, target);
            bool descending = sy.Length > 1 && sy[1] < sy[0];
            targetY ??= Axis(y0, y1, sy.Length, descending);
            targetX ??= Axis(x0, x1, sx.Length, false);
        }
        return target.IsGeographic ? (sy, sx, targetY, targetX, "latitude", "longitude") : (sy, sx, targetY, targetX, "y", "x");
    }

    // The bounding box of the source grid's border in the target CRS (points the projection cannot map are skipped).
    private static (double Y0, double Y1, double X0, double X1) Extent(double[] sy, double[] sx, Crs source, Crs target)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var x in sx) { xs.Add(x); ys.Add(sy[0]); xs.Add(x); ys.Add(sy[^1]); }
        foreach (var y in sy) { xs.Add(sx[0]); ys.Add(y); xs.Add(sx[^1]); ys.Add(y); }
        var px = xs.ToArray();
        var py = ys.ToArray();
        source.Transform(target, px, py);
        double y0 = double.PositiveInfinity, y1 = double.NegativeInfinity, x0 = double.PositiveInfinity, x1 = double.NegativeInfinity;
        for (int i = 0; i < px.Length; i++)
        {
            if (!double.IsFinite(px[i]) || !double.IsFinite(py[i])) continue;
            y0 = Math.Min(y0, py[i]); y1 = Math.Max(y1, py[i]);
            x0 = Math.Min(x0, px[i]); x1 = Math.Max(x1, px[i]);
        }
        if (!double.IsFinite(y0) || !double.IsFinite(x0))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "OutsideProjection",
                $"No point of the source grid maps into {target}; give the target axes explicitly.", target.Name);
        return (y0, y1, x0, x1);
    }

    private static double[] Axis(double lo, double hi, int n, bool descending)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            double f = n == 1 ? 0.5 : (double)i / (n - 1);
            a[descending ? n - 1 - i : i] = lo + f * (hi - lo);
        }
        return a;
    }

    private static Variable? Apply(Variable v, string yDim, string xDim, string ny, string nx, double[] sy, double[] sx, double[] ty, double[] tx,
        Crs source, Crs target, InterpMethod method, string name)
    {
        int yi = IndexOf(v.Dims, yDim), xi = IndexOf(v.Dims, xDim);
        if (yi < 0 && xi < 0) return null;
        if (yi < 0 || xi < 0 || yi != v.Rank - 2 || xi != v.Rank - 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "AxesNotLast",
                $"'{name}' must have '{yDim}' and '{xDim}' as its last two dimensions to reproject (it has {string.Join(", ", v.Dims)}).", name);
        var dims = v.Dims.ToArray();
        dims[yi] = ny;
        dims[xi] = nx;
        var attrs = new OrderedDictionary<string, object?>(v.Attrs, StringComparer.Ordinal) { ["crs"] = target.Name };
        attrs.Remove("grid_mapping");
        var data = new ReprojectArray(v.Data, sy, sx, source, ty, tx, target, method, null, $"'{name}' reprojected from {source} to {target}");
        return new Variable(dims, data, attrs);
    }

    private static int IndexOf(IReadOnlyList<string> dims, string d)
    {
        for (int i = 0; i < dims.Count; i++) if (dims[i] == d) return i;
        return -1;
    }

    private static OrderedDictionary<string, Variable> NewCoords(IReadOnlyDictionary<string, Variable> vars, string yDim, string xDim,
        string ny, string nx, double[] ty, double[] tx, Crs target, ISet<string>? coordNames = null, Func<string, Variable, Variable?>? data = null)
    {
        var result = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        bool geo = target.IsGeographic;
        result[ny] = new Variable([ny], InMemoryArray.From(ty, null, $"coordinate '{ny}'"), AxisAttrs(geo, "y"));
        result[nx] = new Variable([nx], InMemoryArray.From(tx, null, $"coordinate '{nx}'"), AxisAttrs(geo, "x"));
        foreach (var (name, v) in vars)
        {
            if (name == yDim || name == xDim || result.ContainsKey(name)) continue;
            bool along = v.Dims.Contains(yDim) || v.Dims.Contains(xDim);
            if (!along) { result[name] = v; continue; }
            bool isCoord = coordNames is null || coordNames.Contains(name);
            // 2-D auxiliary coordinates (e.g. latitude on y/x) do not carry over; data variables are reprojected.
            if (isCoord || data is null || v.DType.Kind is not (ScalarKind.Float32 or ScalarKind.Float64)) continue;
            result[name] = data(name, v)!;
        }
        return result;
    }

    private static OrderedDictionary<string, object?> AxisAttrs(bool geographic, string axis)
    {
        var a = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        if (geographic)
        {
            a["standard_name"] = axis == "y" ? "latitude" : "longitude";
            a["units"] = axis == "y" ? "degrees_north" : "degrees_east";
        }
        else
        {
            a["standard_name"] = $"projection_{axis}_coordinate";
            a["units"] = "m";
        }
        a["axis"] = axis.ToUpper(CultureInfo.InvariantCulture);
        return a;
    }
}
