using System.Globalization;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace ZarrPS.Engine.Compute.Regrid;

/// <summary>
/// A coordinate reference system for reprojection, built with ProjNET. Coordinates are (x, y): easting and
/// northing in metres for projected systems, longitude and latitude in degrees for geographic ones (whatever
/// the EPSG axis order says). Supported: EPSG:4326; EPSG:3857 (also 900913, 3785, 102100, 102113); the WGS 84
/// UTM zones EPSG:32601–32660 (north) and 32701–32760 (south); and WKT (GEOGCS[…] or PROJCS[…]).
/// </summary>
public sealed class Crs
{
    /// <summary>The forms <see cref="Parse"/> accepts, for messages.</summary>
    public const string Supported =
        "EPSG:4326 (WGS 84 longitude/latitude), EPSG:3857 (Web Mercator; also 900913, 3785, 102100, 102113), " +
        "EPSG:32601..32660 and EPSG:32701..32760 (WGS 84 / UTM zones north and south), or WKT text (GEOGCS[...] or PROJCS[...])";

    private Crs(string name, CoordinateSystem system)
    {
        Name = name;
        System = system;
    }

    /// <summary>The name as given ("EPSG:32633") or the WKT's name.</summary>
    public string Name { get; }

    /// <summary>The ProjNET coordinate system.</summary>
    public CoordinateSystem System { get; }

    /// <summary>True for longitude/latitude systems (longitudes wrap by 360 degrees).</summary>
    public bool IsGeographic => System is GeographicCoordinateSystem;

    /// <summary>WGS 84 longitude/latitude.</summary>
    public static Crs Wgs84 { get; } = new("EPSG:4326", GeographicCoordinateSystem.WGS84);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Parses a CRS (see the type's remarks); InvalidArgument "UnsupportedCrs" naming the supported forms otherwise.</summary>
    public static Crs Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.StartsWith("GEOGCS", StringComparison.OrdinalIgnoreCase) || t.StartsWith("PROJCS", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var cs = (CoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(t);
                if (cs is not (GeographicCoordinateSystem or ProjectedCoordinateSystem))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedCrs", $"The WKT describes a {cs.GetType().Name}; only GEOGCS and PROJCS systems reproject.", text);
                return new Crs(cs.Name, cs);
            }
            catch (Exception e) when (e is not ZarrPSException)
            {
                throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidCrsWkt", $"The CRS WKT could not be read: {e.Message}", text, e);
            }
        }
        string code = t;
        if (code.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) code = code[5..].Trim();
        if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out int epsg))
        {
            string name = "EPSG:" + epsg.ToString(CultureInfo.InvariantCulture);
            switch (epsg)
            {
                case 4326: return new Crs(name, GeographicCoordinateSystem.WGS84);
                case 3857 or 900913 or 3785 or 102100 or 102113: return new Crs(name, ProjectedCoordinateSystem.WebMercator);
                case >= 32601 and <= 32660: return new Crs(name, ProjectedCoordinateSystem.WGS84_UTM(epsg - 32600, true));
                case >= 32701 and <= 32760: return new Crs(name, ProjectedCoordinateSystem.WGS84_UTM(epsg - 32700, false));
            }
        }
        throw new ZarrPSException(ErrorKind.InvalidArgument, "UnsupportedCrs", $"CRS '{text}' is not supported; use {Supported}.", text);
    }

    /// <summary>
    /// Transforms points from this system to <paramref name="target"/> in place. Points the projection cannot map
    /// (outside its domain) become NaN.
    /// </summary>
    public void Transform(Crs target, Span<double> xs, Span<double> ys)
    {
        if (xs.Length != ys.Length) throw new ArgumentException("As many x as y values are needed.", nameof(ys));
        if (ReferenceEquals(System, target.System)) return;
        // A transform per call: ProjNET transforms are not documented as safe to share between threads.
        var math = new CoordinateTransformationFactory().CreateFromCoordinateSystems(System, target.System).MathTransform;
        var x0 = xs.ToArray();
        var y0 = ys.ToArray();
        try
        {
            math.Transform(xs, ys, 1, 1);
        }
        catch (Exception)
        {
            // One point outside the projection's domain fails the batch: redo point by point from the originals.
            x0.CopyTo(xs);
            y0.CopyTo(ys);
            for (int i = 0; i < xs.Length; i++)
            {
                try { (xs[i], ys[i]) = math.Transform(xs[i], ys[i]); }
                catch (Exception) { xs[i] = ys[i] = double.NaN; }
            }
        }
        for (int i = 0; i < xs.Length; i++)
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) xs[i] = ys[i] = double.NaN;
    }
}
