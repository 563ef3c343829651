using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Compute.Regrid;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>CRS parsing, ProjNET point transforms against EPSG formulas and known points, and lazy reprojection of grids.</summary>
public class ReprojectTests
{
    private const double R = 6378137.0;

    private static double MercX(double lon) => R * lon * Math.PI / 180;

    private static double MercY(double lat) => R * Math.Log(Math.Tan(Math.PI / 4 + lat * Math.PI / 360));

    [Theory]
    [InlineData("EPSG:4326", true)]
    [InlineData("epsg:3857", false)]
    [InlineData("900913", false)]
    [InlineData("EPSG:32633", false)]
    [InlineData("EPSG:32733", false)]
    public void ParsesTheSupportedCodes(string text, bool geographic)
    {
        var crs = Crs.Parse(text);
        Assert.Equal(geographic, crs.IsGeographic);
    }

    [Theory]
    [InlineData("EPSG:27700")]
    [InlineData("EPSG:32661")]
    [InlineData("+proj=longlat")]
    [InlineData("")]
    public void UnsupportedCodesNameWhatIsSupported(string text)
    {
        var e = Assert.Throws<ZarrPSException>(() => Crs.Parse(text));
        Assert.Equal("UnsupportedCrs", e.ErrorId);
        Assert.Contains("EPSG:32601..32660", e.Message);
    }

    [Fact]
    public void BadWktIsAClearError()
    {
        var e = Assert.Throws<ZarrPSException>(() => Crs.Parse("PROJCS[\"broken\""));
        Assert.Equal("InvalidCrsWkt", e.ErrorId);
    }

    [Fact]
    public void WebMercatorMatchesTheEpsgFormulas()
    {
        double[] lon = [0, 10, -75.5, 179.9, 2.35];
        double[] lat = [0, 45, -33.9, 85, 48.85];
        var x = (double[])lon.Clone();
        var y = (double[])lat.Clone();
        Crs.Wgs84.Transform(Crs.Parse("EPSG:3857"), x, y);
        for (int i = 0; i < lon.Length; i++)
        {
            Assert.Equal(MercX(lon[i]), x[i], 1e-6 * Math.Max(1, Math.Abs(x[i])));
            Assert.Equal(MercY(lat[i]), y[i], 1e-6 * Math.Max(1, Math.Abs(y[i])));
        }
        // And back.
        Crs.Parse("EPSG:3857").Transform(Crs.Wgs84, x, y);
        for (int i = 0; i < lon.Length; i++)
        {
            Assert.Equal(lon[i], x[i], 1e-9);
            Assert.Equal(lat[i], y[i], 1e-9);
        }
    }

    [Fact]
    public void UtmKnownPointsAndRoundTrips()
    {
        // On a zone's central meridian the easting is 500 000 m; the northing is 0.9996 times the meridian arc
        // (WGS 84: 4 984 944.378 m from the equator to 45N), plus 10 000 000 m in the southern zones.
        var x = new[] { 3.0, 9.0, 15.0 };
        var y = new[] { 0.0, 45.0, 0.0 };
        Crs.Wgs84.Transform(Crs.Parse("EPSG:32631"), x.AsSpan(0, 1), y.AsSpan(0, 1));
        Crs.Wgs84.Transform(Crs.Parse("EPSG:32632"), x.AsSpan(1, 1), y.AsSpan(1, 1));
        Assert.Equal(500000, x[0], 1e-3);
        Assert.Equal(0, y[0], 1e-3);
        Assert.Equal(500000, x[1], 1e-3);
        Assert.Equal(0.9996 * 4984944.378, y[1], 0.05);
        var sx = new[] { 15.0 };
        var sy = new[] { -45.0 };
        Crs.Wgs84.Transform(Crs.Parse("EPSG:32733"), sx, sy);
        Assert.Equal(500000, sx[0], 1e-3);
        Assert.Equal(10_000_000 - 0.9996 * 4984944.378, sy[0], 0.05);

        var rnd = new Random(7);
        var lon = Enumerable.Range(0, 200).Select(_ => 12 + 6 * rnd.NextDouble()).ToArray();   // zone 33: 12..18E
        var lat = Enumerable.Range(0, 200).Select(_ => -60 + 140 * rnd.NextDouble()).ToArray();
        var px = (double[])lon.Clone();
        var py = (double[])lat.Clone();
        var utm = Crs.Parse("EPSG:32633"); // the northern zone: southern points get negative northings, still invertible
        Crs.Wgs84.Transform(utm, px, py);
        utm.Transform(Crs.Wgs84, px, py);
        for (int i = 0; i < lon.Length; i++)
        {
            Assert.Equal(lon[i], px[i], 1e-8);
            Assert.Equal(lat[i], py[i], 1e-8);
        }
    }

    [Theory]
    [InlineData(InterpMethod.Linear)]
    [InlineData(InterpMethod.Nearest)]
    public void MercatorGridToLatLonMatchesHandComputedPositions(InterpMethod method)
    {
        // Source: a Web Mercator grid (y descending, as rasters are) holding a plane a·x + b·y + c, which bilinear
        // sampling reproduces exactly wherever the four points are inside the grid.
        var sx = Enumerable.Range(0, 200).Select(i => -2.0e6 + 10_000.0 * i).ToArray();   // -2000 km .. 1990 km
        var sy = Enumerable.Range(0, 150).Select(i => 7.0e6 - 10_000.0 * i).ToArray();    // 7000 km .. 5510 km
        double a = 1e-4, b = -2e-4, c = 300;
        var v = new double[2, sy.Length, sx.Length];
        for (int t = 0; t < 2; t++)
            for (int i = 0; i < sy.Length; i++)
                for (int j = 0; j < sx.Length; j++) v[t, i, j] = a * sx[j] + b * sy[i] + c + t;
        var tlat = Enumerable.Range(0, 40).Select(i => 44.0 + 0.5 * i).ToArray();   // 44N .. 63.5N
        var tlon = Enumerable.Range(0, 50).Select(i => -20.0 + 0.8 * i).ToArray();  // 20W .. 19.2E
        var src = new RecordingArray(v, [1, 150, 200]);
        var arr = new ReprojectArray(src, sy, sx, Crs.Parse("EPSG:3857"), tlat, tlon, Crs.Parse("EPSG:4326"), method, [16, 16]);
        Assert.Equal([2L, 40, 50], arr.Shape);
        var got = (double[,,])ArrayValues.ReadAll(arr);
        int inside = 0, outside = 0;
        for (int t = 0; t < 2; t++)
            for (int i = 0; i < tlat.Length; i++)
                for (int j = 0; j < tlon.Length; j++)
                {
                    double x = MercX(tlon[j]), y = MercY(tlat[i]);
                    bool inGrid = x >= sx[0] && x <= sx[^1] && y <= sy[0] && y >= sy[^1];
                    if (!inGrid) { Assert.True(double.IsNaN(got[t, i, j]), $"({tlat[i]}, {tlon[j]}) is outside"); outside++; continue; }
                    double want;
                    if (method == InterpMethod.Linear) want = a * x + b * y + c + t;
                    else
                    {
                        int cj = Nearest(sx, x), ci = Nearest(sy, y);
                        want = v[t, ci, cj];
                    }
                    Assert.True(Math.Abs(want - got[t, i, j]) < 1e-6, $"({tlat[i]}, {tlon[j]}): expected {want}, got {got[t, i, j]}");
                    inside++;
                }
        Assert.True(inside > 500 && outside > 100, $"{inside} inside, {outside} outside");

        // One 16 x 16 output chunk reads a box near its own extent, not the grid.
        var one = new double[16 * 16];
        src.Reads.Clear();
        arr.ReadRegion([0, 0, 0], [1, 16, 16], MemoryMarshal.AsBytes(one.AsSpan()));
        // The chunk spans 44..51.5N and 20W..8W: columns and rows of the Mercator grid around that box only.
        double c0 = Math.Max(0, (MercX(tlon[0]) - sx[0]) / 10_000), c1 = Math.Min(199, (MercX(tlon[15]) - sx[0]) / 10_000);
        double r0 = Math.Max(0, (sy[0] - MercY(tlat[15])) / 10_000), r1 = Math.Min(149, (sy[0] - MercY(tlat[0])) / 10_000);
        long bound = (long)((Math.Ceiling(c1) - Math.Floor(c0) + 2) * (Math.Ceiling(r1) - Math.Floor(r0) + 2));
        Assert.Single(src.Reads);
        Assert.True(src.ElementsRead <= bound && bound < 150 * 200 / 2, $"read {src.ElementsRead}, bound {bound}");
    }

    // scipy's nearest: the count of midpoints below x (ties to the lower coordinate) on the ascending axis.
    private static int Nearest(double[] axis, double x)
    {
        bool desc = axis[1] < axis[0];
        var asc = desc ? axis.Reverse().ToArray() : axis;
        int k = 0;
        while (k < asc.Length - 1 && (asc[k] + asc[k + 1]) / 2 < x) k++;
        return desc ? asc.Length - 1 - k : k;
    }

    [Fact]
    public void UtmGridToLatLonSamplesThePlaneThroughProjNet()
    {
        // A UTM zone 32N grid with a plane in easting/northing; the expected value at each target point uses
        // ProjNET's forward transform of that point (checked against known points above).
        var sx = Enumerable.Range(0, 100).Select(i => 300_000.0 + 4_000 * i).ToArray();
        var sy = Enumerable.Range(0, 100).Select(i => 5_400_000.0 - 4_000 * i).ToArray();
        var v = new float[sy.Length, sx.Length];
        for (int i = 0; i < sy.Length; i++)
            for (int j = 0; j < sx.Length; j++) v[i, j] = (float)(1e-5 * (sx[j] - 300_000) + 2e-5 * (5_400_000 - sy[i]));
        var tlat = Enumerable.Range(0, 30).Select(i => 45.5 + 0.1 * i).ToArray();
        var tlon = Enumerable.Range(0, 30).Select(i => 7.5 + 0.1 * i).ToArray();
        var utm = Crs.Parse("EPSG:32632");
        var arr = new ReprojectArray(InMemoryArray.From(v), sy, sx, utm, tlat, tlon, Crs.Wgs84);
        var got = (float[,])ArrayValues.ReadAll(arr);
        for (int i = 0; i < tlat.Length; i++)
            for (int j = 0; j < tlon.Length; j++)
            {
                double[] px = [tlon[j]], py = [tlat[i]];
                Crs.Wgs84.Transform(utm, px, py);
                double want = 1e-5 * (px[0] - 300_000) + 2e-5 * (5_400_000 - py[0]);
                Assert.Equal(want, got[i, j], 1e-3);
            }
    }

    [Fact]
    public void LatLonToLatLonEqualsInterpolation()
    {
        var lat = Enumerable.Range(0, 19).Select(i => 90 - 10.0 * i).ToArray();
        var lon = Enumerable.Range(0, 36).Select(i => 10.0 * i).ToArray();
        var v = new double[lat.Length, lon.Length];
        for (int i = 0; i < lat.Length; i++)
            for (int j = 0; j < lon.Length; j++) v[i, j] = Math.Sin(i * 0.3) + Math.Cos(j * 0.2);
        double[] tlat = [-85, -33.3, 0, 12.5, 89];
        double[] tlon = [-175, -90.5, 0, 45.2, 355, 179];
        var r = (double[,])ArrayValues.ReadAll(new ReprojectArray(InMemoryArray.From(v), lat, lon, Crs.Wgs84, tlat, tlon, Crs.Wgs84));
        var i2 = (double[,])ArrayValues.ReadAll(new InterpArray(InMemoryArray.From(v), [0, 1],
            [AxisStencil.Build(lat, tlat, InterpMethod.Linear), AxisStencil.Build(lon, tlon, InterpMethod.Linear, true)]));
        for (int i = 0; i < tlat.Length; i++)
            for (int j = 0; j < tlon.Length; j++) Assert.Equal(i2[i, j], r[i, j], 1e-9);
    }

    [Fact]
    public void AgainstPyprojWhenInstalled()
    {
        Python.Require("pyproj");
        var lon = new[] { -3.7, 13.4, 151.2 };
        var lat = new[] { 40.4, 52.5, -33.9 };
        var lines = Python.Run("""
from pyproj import Transformer
t = Transformer.from_crs('EPSG:4326', 'EPSG:3857', always_xy=True)
u = Transformer.from_crs('EPSG:4326', 'EPSG:32633', always_xy=True)
for lon, lat in [(-3.7, 40.4), (13.4, 52.5), (151.2, -33.9)]:
    x, y = t.transform(lon, lat); a, b = u.transform(lon, lat)
    print(repr(x), repr(y), repr(a), repr(b))
""").Trim().Split('\n');
        for (int i = 0; i < 3; i++)
        {
            var p = lines[i].Split(' ').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            double[] x = [lon[i]], y = [lat[i]];
            Crs.Wgs84.Transform(Crs.Parse("EPSG:3857"), x, y);
            Assert.Equal(p[0], x[0], 1e-3);
            Assert.Equal(p[1], y[0], 1e-3);
            double[] u = [lon[i]], w = [lat[i]];
            Crs.Wgs84.Transform(Crs.Parse("EPSG:32633"), u, w);
            Assert.Equal(p[2], u[0], 1e-2);
            Assert.Equal(p[3], w[0], 1e-2);
        }
    }

    private static DataArray UtmField(out double[] sy, out double[] sx, bool withCrs)
    {
        sx = Enumerable.Range(0, 60).Select(i => 300_000.0 + 5_000 * i).ToArray();
        sy = Enumerable.Range(0, 50).Select(i => 5_400_000.0 - 5_000 * i).ToArray();
        var v = new double[3, sy.Length, sx.Length];
        for (int t = 0; t < 3; t++)
            for (int i = 0; i < sy.Length; i++)
                for (int j = 0; j < sx.Length; j++) v[t, i, j] = 1e-5 * (sx[j] - 300_000) + 2e-5 * (5_400_000 - sy[i]) + t;
        var coords = new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            ["time"] = new Variable(["time"], InMemoryArray.From(new double[] { 0, 1, 2 })),
            ["y"] = new Variable(["y"], InMemoryArray.From(sy)),
            ["x"] = new Variable(["x"], InMemoryArray.From(sx)),
        };
        var attrs = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        if (withCrs) attrs["crs"] = "EPSG:32632";
        return new DataArray("t2m", new Variable(["time", "y", "x"], InMemoryArray.From(v), attrs), coords);
    }

    [Fact]
    public void LabelledReprojectionReplacesTheAxesAndSamplesLikeTheArray()
    {
        var da = UtmField(out var sy, out var sx, withCrs: true);
        var tlat = Enumerable.Range(0, 12).Select(i => 47.0 + 0.1 * i).ToArray();
        var tlon = Enumerable.Range(0, 15).Select(i => 7.0 + 0.1 * i).ToArray();
        var r = Reprojection.Reproject(da, null, Crs.Wgs84, tlat, tlon);
        Assert.Equal(["time", "latitude", "longitude"], r.Dims);
        Assert.Equal("EPSG:4326", r.Attrs["crs"]);
        Assert.Equal("degrees_north", r.Coords["latitude"].Attrs["units"]);
        Assert.Equal(tlon, (double[])ArrayValues.ReadAll(r.Coords["longitude"].Data));
        Assert.Equal([0.0, 1, 2], (double[])ArrayValues.ReadAll(r.Coords["time"].Data));
        var got = (double[,,])ArrayValues.ReadAll(r.Variable.Data);
        var utm = Crs.Parse("EPSG:32632");
        int checkedPoints = 0;
        for (int i = 0; i < tlat.Length; i++)
            for (int j = 0; j < tlon.Length; j++)
            {
                double[] px = [tlon[j]], py = [tlat[i]];
                Crs.Wgs84.Transform(utm, px, py);
                bool inside = px[0] >= sx[0] && px[0] <= sx[^1] && py[0] <= sy[0] && py[0] >= sy[^1];
                if (!inside) { Assert.True(double.IsNaN(got[2, i, j])); continue; }
                Assert.Equal(1e-5 * (px[0] - 300_000) + 2e-5 * (5_400_000 - py[0]) + 2, got[2, i, j], 1e-6);
                checkedPoints++;
            }
        Assert.True(checkedPoints > 100, $"{checkedPoints} points inside the source grid");
    }

    [Fact]
    public void DefaultTargetGridCoversTheSourceExtent()
    {
        var da = UtmField(out var sy, out var sx, withCrs: false);
        var r = Reprojection.Reproject(da, Crs.Parse("EPSG:32632"), Crs.Wgs84);
        Assert.Equal([3L, sy.Length, sx.Length], r.Shape);
        var lat = (double[])ArrayValues.ReadAll(r.Coords["latitude"].Data);
        var lon = (double[])ArrayValues.ReadAll(r.Coords["longitude"].Data);
        Assert.True(lat[0] > lat[^1], "latitudes descend like the source northings");
        // The box holds the corners of the source grid, in degrees, and is no larger than the curved UTM border needs
        // (a few hundredths of a degree beyond the corners at 48N).
        double[] cx = [sx[0], sx[^1], sx[0], sx[^1]], cy = [sy[0], sy[0], sy[^1], sy[^1]];
        Crs.Parse("EPSG:32632").Transform(Crs.Wgs84, cx, cy);
        Assert.InRange(lat[0] - cy.Max(), -1e-9, 0.05);
        Assert.InRange(cy.Min() - lat[^1], -1e-9, 0.05);
        Assert.InRange(cx.Min() - lon[0], -1e-9, 0.05);
        Assert.InRange(lon[^1] - cx.Max(), -1e-9, 0.05);
    }

    [Fact]
    public void LabelledReprojectionErrorsNameWhatIsMissing()
    {
        var da = UtmField(out _, out _, withCrs: false);
        var e = Assert.Throws<ZarrPSException>(() => Reprojection.Reproject(da, null, Crs.Wgs84));
        Assert.Equal("NoSourceCrs", e.ErrorId);
        Assert.Contains("-SourceCrs", e.Message);
        var e2 = Assert.Throws<ZarrPSException>(() => Reprojection.Reproject(da, Crs.Wgs84, Crs.Parse("EPSG:3857")));
        Assert.Equal("NoProjectedAxes", e2.ErrorId);
        Assert.Contains("time, y, x", e2.Message);
        var swapped = new DataArray("t2m", new Variable(["y", "time", "x"], InMemoryArray.From(new double[50, 3, 60])), da.Coords);
        var e3 = Assert.Throws<ZarrPSException>(() => Reprojection.Reproject(swapped, Crs.Parse("EPSG:32632"), Crs.Wgs84));
        Assert.Equal("AxesNotLast", e3.ErrorId);
    }
}
