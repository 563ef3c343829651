using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute.Regrid;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Lazy linear and nearest interpolation against xarray's interp (scipy), by hand where xarray has no answer.</summary>
public class InterpTests(ITestOutputHelper output)
{
    private static string Py(IEnumerable<double> v) => "[" + string.Join(",", v.Select(x => double.IsNaN(x) ? "np.nan" : x.ToString("R", CultureInfo.InvariantCulture))) + "]";

    // A smooth field with a few NaN, on descending latitudes 90..-90 and longitudes 0..357.5.
    private static (double[] Lat, double[] Lon, double[,,] Values) Field(int times)
    {
        var lat = Enumerable.Range(0, 73).Select(i => 90 - 2.5 * i).ToArray();
        var lon = Enumerable.Range(0, 144).Select(i => 2.5 * i).ToArray();
        var v = new double[times, lat.Length, lon.Length];
        for (int t = 0; t < times; t++)
            for (int i = 0; i < lat.Length; i++)
                for (int j = 0; j < lon.Length; j++)
                    v[t, i, j] = 280 + 20 * Math.Cos(lat[i] * Math.PI / 180) + 5 * Math.Sin((lon[j] + 10 * t) * Math.PI / 90) + 0.01 * i * j;
        v[0, 10, 20] = double.NaN;
        if (times > 1) v[1, 40, 100] = double.NaN;
        return (lat, lon, v);
    }

    private static double[] TargetLat => Enumerable.Range(0, 60).Select(i => -91 + 3.1 * i).ToArray();   // -91 .. 91.9: some outside

    // -180 .. 179.45, and -1 which lies between the last source column (357.5) and the first (360).
    private static double[] TargetLon => Enumerable.Range(0, 80).Select(i => -180 + 4.55 * i).Append(-1.0).ToArray();

    [Theory]
    [InlineData("linear", "float64")]
    [InlineData("nearest", "float64")]
    [InlineData("linear", "float32")]
    [InlineData("nearest", "float32")]
    public void EqualsXarrayInterpWithDescendingLatitudesAndWrappedLongitudes(string method, string dtype)
    {
        Python.Require("xarray", "scipy");
        var (lat, lon, v) = Field(2);
        var tlat = TargetLat;
        var tlon = TargetLon;
        var m = method == "linear" ? InterpMethod.Linear : InterpMethod.Nearest;
        using var dir = new TempDir();
        var flat = new double[v.Length];
        Buffer.BlockCopy(v, 0, flat, 0, v.Length * 8);
        File.WriteAllBytes(dir["v.bin"], MemoryMarshal.AsBytes(flat.AsSpan()).ToArray());
        // xarray does not wrap: it gets the target longitudes in the source's 0..360 convention.
        string script = $$"""
import numpy as np, xarray as xr
v = np.fromfile('{{dir["v.bin"]}}', dtype='<f8').reshape(2, 73, 144).astype('{{dtype}}')
a = xr.DataArray(v, dims=('time', 'lat', 'lon'), coords={'lat': {{Py(lat)}}, 'lon': {{Py(lon)}}})
r = a.interp(lat={{Py(tlat)}}, lon=np.mod({{Py(tlon)}}, 360.0), method='{{method}}')
r.values.astype('<f8').tofile('{{dir["r.bin"]}}')
""";
        Python.Run(script);
        var expected = MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(dir["r.bin"])).ToArray();

        Array source = dtype == "float32" ? ToFloat(v) : v;
        var src = new RecordingArray(source, [1, 30, 50]);
        var arr = new InterpArray(src, [1, 2],
            [AxisStencil.Build(lat, tlat, m, false, "lat"), AxisStencil.Build(lon, tlon, m, true, "lon")]);
        Assert.Equal([2L, 60, 81], arr.Shape);
        var got = ReadAllAsDouble(arr);
        double tol = dtype == "float32" ? 2e-4 : 1e-9;
        int compared = 0, seam = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            int j = k % tlon.Length;
            double wrapped = ((tlon[j] % 360) + 360) % 360;
            if (wrapped > 357.5)
            {
                // Between the last column and the first: xarray says NaN; 359 is 40% of column 357.5 and 60% of column 0 (linear).
                Assert.True(double.IsNaN(expected[k]));
                int t = k / (60 * tlon.Length), i = k / tlon.Length % 60;
                var rows = AxisStencil.Build(lat, [tlat[i]], m, false);
                if (rows.Lo[0] < 0) { Assert.True(double.IsNaN(got[k])); seam++; continue; }
                double Row(int col) => v[t, rows.Lo[0], col] * (1 - rows.Weight[0]) + v[t, rows.Hi[0], col] * rows.Weight[0];
                double want = m == InterpMethod.Nearest ? v[t, rows.Lo[0], 0] : Row(143) * 0.4 + Row(0) * 0.6;
                if (double.IsNaN(want)) Assert.True(double.IsNaN(got[k]));
                else Assert.True(Math.Abs(want - got[k]) <= tol * 10, $"seam element {k}: expected {want}, got {got[k]}");
                seam++;
                continue;
            }
            if (double.IsNaN(expected[k])) Assert.True(double.IsNaN(got[k]), $"element {k}: expected NaN, got {got[k]}");
            else Assert.True(Math.Abs(expected[k] - got[k]) <= tol, $"element {k}: expected {expected[k]}, got {got[k]}");
            compared++;
        }
        Assert.True(compared > 8000, $"compared {compared}");
        Assert.True(seam > 0);
        // Outside the source latitudes (-91, 91.9 …) everything is NaN; inside, NaN only near the two NaN cells.
        Assert.True(double.IsNaN(got[0]));
        Assert.Contains(got, double.IsNaN);
    }

    [Fact]
    public void TheSeamOfAGlobalGridInterpolatesBetweenTheLastAndFirstColumns()
    {
        double[] lon = [0, 90, 180, 270];
        var v = new double[1, 4] { { 10, 20, 30, 40 } };
        var s = AxisStencil.Build(lon, [-45, 315, 359.99, 360, 720, -90, 405], InterpMethod.Linear, wrap360: true, "lon");
        var arr = new InterpArray(InMemoryArray.From(v), [1], [s]);
        var got = (double[,])ArrayValues.ReadAll(arr);
        Assert.Equal(25, got[0, 0], 12);    // -45 = 315: halfway 40 → 10
        Assert.Equal(25, got[0, 1], 12);
        Assert.Equal(40 + (10 - 40) * 89.99 / 90, got[0, 2], 9);
        Assert.Equal(10, got[0, 3], 12);
        Assert.Equal(10, got[0, 4], 12);
        Assert.Equal(40, got[0, 5], 12);
        Assert.Equal(15, got[0, 6], 12);    // 405 = 45
        // Without wrapping (not a longitude) the same targets are outside and NaN.
        var plain = AxisStencil.Build(lon, [-45, 315, 135], InterpMethod.Linear, wrap360: false);
        Assert.Equal([-1, -1, 1], plain.Lo);
        // A regional longitude axis is not periodic: beyond its east edge is NaN even with wrapping.
        var regional = AxisStencil.Build([0, 10, 20], [25, -5, 370], InterpMethod.Nearest, wrap360: true);
        Assert.Equal([-1, -1, 1], regional.Lo);
    }

    [Fact]
    public void LinearFollowsScipyAtExactHitsAndNaNNeighbours()
    {
        // Source 0,1,2,3 with NaN at 1. scipy's interp1d on N-D data (what xarray calls for every array of more than
        // one dimension) gives NaN on [0, 2]: x = 0 uses the interval (0, 1) and the exact hit at 2 the interval
        // (1, 2), where 0 x NaN is NaN. (1-D arrays go through np.interp in scipy, which returns 0 and 2 there.)
        var v = new double[] { 0, double.NaN, 2, 3 };
        var s = AxisStencil.Build([0, 1, 2, 3], [0, 0.5, 2, 2.5, 3, 3.0000001], InterpMethod.Linear);
        var got = (double[])ArrayValues.ReadAll(new InterpArray(InMemoryArray.From(v), [0], [s]));
        Assert.True(double.IsNaN(got[0]));
        Assert.True(double.IsNaN(got[1]));
        Assert.True(double.IsNaN(got[2]));
        Assert.Equal(2.5, got[3]);
        Assert.Equal(3, got[4]);
        Assert.True(double.IsNaN(got[5]));
        // Nearest: a tie goes to the lower coordinate; NaN is a value like any other.
        var n = AxisStencil.Build([0, 1, 2, 3], [0.5, 1.5, 1.6, -0.1], InterpMethod.Nearest);
        var gn = (double[])ArrayValues.ReadAll(new InterpArray(InMemoryArray.From(v), [0], [n]));
        Assert.Equal(0, gn[0]);
        Assert.True(double.IsNaN(gn[1]));
        Assert.Equal(2, gn[2]);
        Assert.True(double.IsNaN(gn[3]));
    }

    [Fact]
    public void ReadsOnlyTheSourceBoxesAnOutputChunkNeeds()
    {
        var (lat, lon, v) = Field(2);
        var src = new RecordingArray(v, [1, 73, 144]);
        var arr = new InterpArray(src, [1, 2], [AxisStencil.Build(lat, [10, 11, 12], InterpMethod.Linear), AxisStencil.Build(lon, [-20, -19], InterpMethod.Linear, true)]);
        var one = new double[3 * 2];
        arr.ReadRegion([1, 0, 0], [1, 3, 2], MemoryMarshal.AsBytes(one.AsSpan()));
        // lat 10..12 lie between rows 31 and 33 (80 - 2.5 i); lon 340..341 between columns 136 and 137.
        Assert.All(src.Reads, r => Assert.Equal(1L, r.Start[0]));
        // Exact hits use the interval ending there: rows 31..33 and columns 135..137 at most.
        Assert.True(src.ElementsRead <= 3 * 3, $"read {src.ElementsRead} elements");
        Assert.Equal(v[1, 32, 136] * 1 + 0, one[0], 9); // lat 10 is row 32 exactly, lon 340 is column 136 exactly
        // A region equals the same part of the whole.
        var whole = ReadAllAsDouble(arr);
        Assert.Equal(whole.AsSpan(6, 6).ToArray(), one);
    }

    [Fact]
    public void RegridsLabelledDataLikeAnotherDataset()
    {
        var (lat, lon, v) = Field(1);
        var ds = new Dataset(new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            ["latitude"] = new Variable(["latitude"], InMemoryArray.From(lat)),
            ["longitude"] = new Variable(["longitude"], InMemoryArray.From(lon)),
            ["t2m"] = new Variable(["time", "latitude", "longitude"], InMemoryArray.From(v)),
            ["label"] = new Variable(["latitude"], InMemoryArray.From(lat.Select(x => x.ToString(CultureInfo.InvariantCulture)).ToArray())),
        });
        var likeLat = new[] { 45.0, 50, 55 };
        var likeLon = new[] { -10.0, 0, 10, 20 };
        var like = new Dataset(new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            ["lat"] = new Variable(["lat"], InMemoryArray.From(likeLat.Select(x => (float)x).ToArray()),
                new OrderedDictionary<string, object?> { ["units"] = "degrees_north" }),
            ["lon"] = new Variable(["lon"], InMemoryArray.From(likeLon)),
        });
        var targets = Regridder.TargetsLike(ds, like);
        Assert.Equal(["latitude", "longitude"], targets.Keys);
        var r = Regridder.Interp(ds, targets);
        Assert.Equal(3L, r.Dims["latitude"]);
        Assert.Equal(4L, r.Dims["longitude"]);
        Assert.False(r.Contains("label"));
        var t2m = (double[,,])ArrayValues.ReadAll(r.Variables["t2m"].Data);
        // 45N is row 18 exactly; -10 wraps to 350, column 140.
        Assert.Equal(v[0, 18, 140], t2m[0, 0, 0], 9);
        // 50N is row 16; 20E is column 8.
        Assert.Equal(v[0, 16, 8], t2m[0, 1, 3], 9);
        Assert.Equal(likeLon, (double[])ArrayValues.ReadAll(r.Variables["longitude"].Data));

        var e = Assert.Throws<ZarrPSException>(() => Regridder.Interp(ds["t2m"], new Dictionary<string, double[]> { ["depth"] = [1.0] }));
        Assert.Equal("UnknownDimension", e.ErrorId);
        Assert.Contains("'depth'", e.Message);
    }

    [Fact]
    public void RefusesIntegersAndNonMonotonicCoordinates()
    {
        var e = Assert.Throws<ZarrPSException>(() => new InterpArray(InMemoryArray.From(new short[] { 1, 2 }), [0], [AxisStencil.Build([0, 1], [0.5], InterpMethod.Linear)]));
        Assert.Equal("UnsupportedDataType", e.ErrorId);
        var e2 = Assert.Throws<ZarrPSException>(() => AxisStencil.Build([0, 2, 1], [0.5], InterpMethod.Linear, false, "lat"));
        Assert.Equal("CoordinateNotMonotonic", e2.ErrorId);
        Assert.Contains("'lat'", e2.Message);
    }

    [Fact]
    public void QuarterDegreeToOneDegreeTiming()
    {
        // ERA5's 721 x 1440 grid to a 1-degree grid of 181 x 360 (longitudes -180..179), float32, 8 time steps.
        const int steps = 8;
        var lat = Enumerable.Range(0, 721).Select(i => 90 - 0.25 * i).ToArray();
        var lon = Enumerable.Range(0, 1440).Select(i => 0.25 * i).ToArray();
        var v = new float[steps, 721, 1440];
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < 721; i++)
                for (int j = 0; j < 1440; j++) v[t, i, j] = (float)(i + 0.001 * j + t);
        var arr = new InterpArray(new RecordingArray(v, [1, 721, 1440]), [1, 2],
            [AxisStencil.Build(lat, Enumerable.Range(0, 181).Select(i => -90.0 + i).ToArray(), InterpMethod.Linear),
             AxisStencil.Build(lon, Enumerable.Range(0, 360).Select(i => -180.0 + i).ToArray(), InterpMethod.Linear, true)]);
        var field = new float[181 * 360];
        for (int t = 0; t < steps; t++) arr.ReadRegion([t, 0, 0], [1, 181, 360], MemoryMarshal.AsBytes(field.AsSpan()));
        var sw = Stopwatch.StartNew();
        for (int t = 0; t < steps; t++) arr.ReadRegion([t, 0, 0], [1, 181, 360], MemoryMarshal.AsBytes(field.AsSpan()));
        double perChunk = sw.Elapsed.TotalMilliseconds / steps;
        sw.Restart();
        var all = (float[,,])ArrayValues.ReadAll(arr);
        sw.Stop();
        output.WriteLine($"InterpArray 721x1440 -> 181x360 float32: {perChunk:F2} ms per field read as one chunk; " +
                         $"{sw.Elapsed.TotalMilliseconds / steps:F2} ms per field reading all {steps} at once");
        // -90 is row 720; 0 longitude is column 0 → value 720 + t.
        Assert.Equal(720f + 3, all[3, 0, 180], 3);
        Assert.Equal(360f + 0.001f * 4 + 5, all[5, 90, 181], 2); // 0N row 360, 1E column 4
    }

    private static float[,,] ToFloat(double[,,] v)
    {
        var f = new float[v.GetLength(0), v.GetLength(1), v.GetLength(2)];
        for (int a = 0; a < v.GetLength(0); a++)
            for (int b = 0; b < v.GetLength(1); b++)
                for (int c = 0; c < v.GetLength(2); c++) f[a, b, c] = (float)v[a, b, c];
        return f;
    }

    private static double[] ReadAllAsDouble(ILazyArray a)
    {
        var values = ArrayValues.ReadAll(a);
        var r = new double[values.Length];
        int i = 0;
        foreach (var o in values) r[i++] = Convert.ToDouble(o, CultureInfo.InvariantCulture);
        return r;
    }
}
