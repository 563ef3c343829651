using ZarrPS.Engine;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Plot;

/// <summary>
/// A 2-D field ready to draw as a map: values in display order (row 0 northmost, column 0 westmost), the
/// latitude and longitude of the rows and columns, and the labels.
/// </summary>
internal sealed class MapField
{
    private static readonly DimensionAlias LatitudeAlias = new("Latitude", ["latitude", "lat", "y"], "latitude", "Y", "degrees_north");
    private static readonly DimensionAlias LongitudeAlias = new("Longitude", ["longitude", "lon", "x"], "longitude", "X", "degrees_east");

    private MapField(string name, double[,] values, AxisValues lat, AxisValues lon, string valueLabel, string title, bool geographic)
    {
        Name = name;
        Values = values;
        Lat = lat;
        Lon = lon;
        ValueLabel = valueLabel;
        Title = title;
        Geographic = geographic;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>Values [row, column], row 0 at the top (largest latitude), column 0 at the left (smallest longitude).</summary>
    public double[,] Values { get; }

    /// <summary>Latitudes, ascending.</summary>
    public AxisValues Lat { get; }

    /// <summary>Longitudes, ascending.</summary>
    public AxisValues Lon { get; }

    /// <summary>The colour bar's label (long_name [units]).</summary>
    public string ValueLabel { get; }

    /// <summary>The default title (name and scalar coordinates).</summary>
    public string Title { get; }

    /// <summary>Whether the axes are degrees (labelled °N/°E; coastlines possible) rather than projected x/y.</summary>
    public bool Geographic { get; }

    /// <summary>The finite value range, or null when every value is NaN.</summary>
    public (double Min, double Max)? Range { get; private set; }

    /// <summary>
    /// The field of <paramref name="a"/>: 2-D once its length-1 dimensions are dropped, with a latitude and a longitude
    /// dimension (latitude/lat/y, longitude/lon/x, or CF-marked coordinates). InvalidArgument "NotTwoDimensional" or
    /// "NoLatitudeLongitude" naming the dimensions otherwise.
    /// </summary>
    public static MapField From(DataArray a, ComputeOptions? options)
    {
        var squeezed = PlotValues.Squeeze(a);
        string name = PlotValues.NameOf(a);
        if (squeezed.Rank != 2)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotTwoDimensional",
                $"A map needs a 2-D array (latitude × longitude); '{name}' has {Describe(squeezed)}. " +
                "Select one position along the others first, e.g. Select-XData -Isel @{ time = 0 }, or reduce them with Measure-XData.", name);
        string? latDim = TryResolve(LatitudeAlias, squeezed), lonDim = TryResolve(LongitudeAlias, squeezed);
        if (latDim is null || lonDim is null || latDim == lonDim)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoLatitudeLongitude",
                $"A map needs a latitude and a longitude dimension; '{name}' has {Describe(squeezed)} " +
                $"(found {(latDim is null ? "no latitude" : $"latitude '{latDim}'")} and {(lonDim is null ? "no longitude" : $"longitude '{lonDim}'")}; " +
                "looked for latitude/lat/y and longitude/lon/x, or coordinates with CF standard_name, axis or units).", name);

        var lat = PlotValues.Axis(squeezed, latDim);
        var lon = PlotValues.Axis(squeezed, lonDim);
        if (lat.Kind != AxisKind.Numeric || lon.Kind != AxisKind.Numeric)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoLatitudeLongitude",
                $"The '{latDim}' and '{lonDim}' coordinates of '{name}' must be numbers to draw a map.", name);

        double[] flat = PlotValues.Compute(squeezed, options);
        int nLat = lat.Positions.Length, nLon = lon.Positions.Length;
        bool latFirst = squeezed.Dims[0] == latDim;
        bool latAscending = nLat < 2 || lat.Positions[^1] > lat.Positions[0];
        bool lonAscending = nLon < 2 || lon.Positions[^1] > lon.Positions[0];
        var values = new double[nLat, nLon];
        for (int r = 0; r < nLat; r++)
        {
            int i = latAscending ? nLat - 1 - r : r;
            for (int c = 0; c < nLon; c++)
            {
                int j = lonAscending ? c : nLon - 1 - c;
                values[r, c] = latFirst ? flat[(long)i * nLon + j] : flat[(long)j * nLat + i];
            }
        }
        bool geographic = IsDegrees(squeezed, latDim, "north") && IsDegrees(squeezed, lonDim, "east");
        return new MapField(name, values, Ascending(lat), Ascending(lon), PlotValues.ValueLabel(a), PlotValues.DefaultTitle(squeezed), geographic)
        {
            Range = PlotValues.FiniteRange(flat),
        };
    }

    /// <summary>The map's edges: half a cell beyond the first and last coordinates.</summary>
    public (double West, double East, double South, double North) Extent()
    {
        var (w, e) = Edges(Lon.Positions);
        var (s, n) = Edges(Lat.Positions);
        return (w, e, s, n);
    }

    private static (double Low, double High) Edges(double[] ascending)
    {
        if (ascending.Length < 2) return (ascending[0] - 0.5, ascending[0] + 0.5);
        double half = (ascending[^1] - ascending[0]) / (ascending.Length - 1) / 2;
        return (ascending[0] - half, ascending[^1] + half);
    }

    private static AxisValues Ascending(AxisValues axis)
    {
        var p = axis.Positions;
        if (p.Length < 2 || p[^1] > p[0]) return axis;
        return axis with { Positions = p.Reverse().ToArray() };
    }

    /// <summary>The latitude and longitude dimensions of <paramref name="a"/>, where it has both.</summary>
    public static (string Lat, string Lon)? LatLonDims(DataArray a) =>
        TryResolve(LatitudeAlias, a) is { } lat && TryResolve(LongitudeAlias, a) is { } lon && lat != lon ? (lat, lon) : null;

    private static string? TryResolve(DimensionAlias alias, DataArray a)
    {
        try
        {
            return alias.Resolve(a.Dims.ToArray(), d => a.Coords.TryGetValue(d, out var c) ? c : null);
        }
        catch (ZarrPSException e) when (e.ErrorId == "DimensionNotFound")
        {
            return null;
        }
    }

    // Degrees when the name says so (latitude, lat, longitude, lon) or the units do (degrees_north, degree_E ...).
    private static bool IsDegrees(DataArray a, string dim, string direction)
    {
        string d = dim.ToLowerInvariant();
        if (d is "latitude" or "lat" or "longitude" or "lon") return true;
        if (a.Coords.TryGetValue(dim, out var c) && c.Attrs.TryGetValue("units", out var u) && u is string units)
            return units.StartsWith("degree", StringComparison.OrdinalIgnoreCase) && (units.Contains(direction[0]) || units.Contains(char.ToUpperInvariant(direction[0])));
        return false;
    }

    private static string Describe(DataArray a) =>
        a.Rank == 0 ? "no dimensions" : "dimensions " + string.Join(" × ", a.Dims.Select((d, i) => $"{d}({a.Shape[i]})"));
}
