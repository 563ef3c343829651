using ScottPlot;
using SkiaSharp;
using ZarrPS.Engine.Model;
using ZarrPS.Plot;
using static ZarrPS.Engine.Tests.Plot.PlotSamples;

namespace ZarrPS.Engine.Tests.Plot;

/// <summary>Maps: the PNG is written at the size asked, is not blank, and its axes are labelled from the coordinates.</summary>
public class PlotMapTests
{
    private static readonly double[] Lat = Range(10, 40, 31);
    private static readonly double[] Lon = Range(100, 140, 41);

    [Fact]
    public void MapIsWrittenAtTheSizeAskedAndIsNotBlank()
    {
        var field = Field("t2m", Lat, Lon, (la, lo) => 280 + 10 * Math.Sin(lo / 7) * Math.Cos(la / 5));
        string path = TempPng("map");
        var file = PlotExporter.Export(field, path, new PlotOptions { Kind = PlotKind.Map, Width = 640, Height = 420 });
        Assert.True(file.Exists);
        Assert.Equal(path, file.FullName);
        var (w, h, variance) = Inspect(path);
        Assert.Equal((640, 420), (w, h));
        Assert.True(variance > 200, $"luminance variance {variance}: the picture looks blank");
    }

    [Fact]
    public void ConstantColourPictureHasNoVariance()
    {
        // The blank check above must be able to fail: a single-colour picture has variance 0.
        using var bitmap = new SKBitmap(50, 50);
        bitmap.Erase(SKColors.White);
        Assert.Equal(0, LuminanceVariance(bitmap), 6);
    }

    [Fact]
    public void AxesAreLabelledInDegreesFromTheCoordinates()
    {
        var field = MapField.From(Field("t2m", Lat, Lon, (la, lo) => la + lo), null);
        var scale = ColorScale.Resolve(null, field.Range, null, null);
        using var plot = MapPlot.Build(field, scale, null, coastlines: false, colorBar: true);
        plot.RenderInMemory(800, 500);
        var xTicks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        var yTicks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor && t.Position >= 9.5 && t.Position <= 40.5).ToArray();
        Assert.NotEmpty(xTicks);
        Assert.NotEmpty(yTicks);
        // The axis spans the coordinates' cells (99.5..140.5 east, 9.5..40.5 north), labelled as maps do.
        Assert.Equal(99.5, plot.Axes.Bottom.Min, 6);
        Assert.Equal(140.5, plot.Axes.Bottom.Max, 6);
        Assert.Equal(9.5, plot.Axes.Left.Min, 6);
        Assert.Equal(40.5, plot.Axes.Left.Max, 6);
        Assert.Contains(xTicks, t => t.Label == "120°E");
        Assert.Contains(yTicks, t => t.Label == "20°N");
        Assert.All(xTicks.Where(t => t.Position >= 99.5 && t.Position <= 140.5), t => Assert.Equal(GeoTicks.Longitude(t.Position), t.Label));
        Assert.All(yTicks, t => Assert.EndsWith("°N", t.Label));
    }

    [Theory]
    [InlineData(-45, "45°W")]
    [InlineData(315, "45°W")]
    [InlineData(120, "120°E")]
    [InlineData(0, "0°")]
    [InlineData(180, "180°")]
    [InlineData(-180, "180°")]
    public void LongitudesAreWrittenEastOrWest(double lon, string label) => Assert.Equal(label, GeoTicks.Longitude(lon));

    [Fact]
    public void LatitudesAreWrittenNorthOrSouth()
    {
        Assert.Equal("30°N", GeoTicks.Latitude(30));
        Assert.Equal("12.5°S", GeoTicks.Latitude(-12.5));
        Assert.Equal("0°", GeoTicks.Latitude(0));
    }

    [Fact]
    public void DescendingLatitudesArePutNorthUp()
    {
        // ERA5 stores latitude from north to south; xarray draws north at the top either way.
        double[] north = Range(40, 10, 31);
        var field = MapField.From(Field("z", north, Lon, (la, lo) => la), null);
        Assert.Equal(40, field.Values[0, 0], 9);                      // top row: northmost
        Assert.Equal(10, field.Values[field.Values.GetLength(0) - 1, 0], 9);
        Assert.Equal(10, field.Lat.Positions[0], 9);                  // the axis ascends
        var ascending = MapField.From(Field("z", Lat, Lon, (la, lo) => la), null);
        Assert.Equal(40, ascending.Values[0, 0], 9);
    }

    [Fact]
    public void LongitudeFirstArraysAreTransposed()
    {
        var latLon = Field("z", Lat, Lon, (la, lo) => la * 1000 + lo);
        var values = new double[Lon.Length, Lat.Length];
        for (int j = 0; j < Lon.Length; j++)
            for (int i = 0; i < Lat.Length; i++) values[j, i] = Lat[i] * 1000 + Lon[j];
        var lonLat = new DataArray("z", new Variable(["longitude", "latitude"], Engine.Arrays.InMemoryArray.From(values)), latLon.Coords);
        var a = MapField.From(latLon, null);
        var b = MapField.From(lonLat, null);
        Assert.Equal(a.Values.Cast<double>(), b.Values.Cast<double>());
    }

    [Fact]
    public void DefaultScaleFollowsXarray()
    {
        // Data crossing zero: RdBu_r centred on zero; otherwise viridis over the data's range.
        var diverging = ColorScale.Resolve(null, (-2.0, 5.0), null, null);
        Assert.Equal("RdBu_r", diverging.Name);
        Assert.Equal((-5.0, 5.0), (diverging.Min, diverging.Max));
        var positive = ColorScale.Resolve(null, (270.0, 300.0), null, null);
        Assert.Equal("viridis", positive.Name);
        Assert.Equal((270.0, 300.0), (positive.Min, positive.Max));
        var limited = ColorScale.Resolve("RdBu_r", (-2.0, 5.0), -1, 3);
        Assert.Equal((-1.0, 3.0), (limited.Min, limited.Max));
        var onlyMax = ColorScale.Resolve("magma", (1.0, 5.0), null, 3);
        Assert.Equal((1.0, 3.0), (onlyMax.Min, onlyMax.Max));
    }

    [Fact]
    public void VminAndVmaxClampTheColours()
    {
        var scale = ColorScale.Resolve("viridis", (0.0, 100.0), 10, 20);
        var map = ColorMaps.Get("viridis");
        Assert.Equal(map.GetColor(0), scale.ColorOf(-50));
        Assert.Equal(map.GetColor(0), scale.ColorOf(10));
        Assert.Equal(map.GetColor(1), scale.ColorOf(20));
        Assert.Equal(map.GetColor(1), scale.ColorOf(99));
        Assert.Equal(map.GetColor(0.5), scale.ColorOf(15));
    }

    [Fact]
    public void VminAndVmaxChangeThePicture()
    {
        var field = Field("t2m", Lat, Lon, (la, lo) => la + lo);
        string full = TempPng("full"), narrow = TempPng("narrow");
        PlotExporter.Export(field, full, new PlotOptions { Width = 400, Height = 300 });
        PlotExporter.Export(field, narrow, new PlotOptions { Width = 400, Height = 300, Vmin = 140, Vmax = 150 });
        Assert.NotEqual(File.ReadAllBytes(full), File.ReadAllBytes(narrow));
    }

    [Fact]
    public void ColourMapsGoTheWayMatplotlibsDo()
    {
        var rdbuR = ColorMaps.Get("RdBu_r");
        Assert.True(rdbuR.GetColor(0).B > rdbuR.GetColor(0).R, "RdBu_r starts blue");
        Assert.True(rdbuR.GetColor(1).R > rdbuR.GetColor(1).B, "RdBu_r ends red");
        var rdbu = ColorMaps.Get("rdbu");                                  // names are matched ignoring case
        Assert.Equal(rdbuR.GetColor(0.5).ToHex(), rdbu.GetColor(0.5).ToHex());
        Assert.True(rdbu.GetColor(0).R > rdbu.GetColor(0).B, "RdBu starts red");
        var viridis = ColorMaps.Get("viridis");
        Assert.True(Luminance(viridis.GetColor(0)) < Luminance(viridis.GetColor(1)), "viridis runs dark to light");
        var blues = ColorMaps.Get("Blues");
        Assert.True(Luminance(blues.GetColor(0)) > Luminance(blues.GetColor(1)), "Blues runs light to dark");
        foreach (var name in ColorMaps.Names)
        {
            var m = ColorMaps.Get(name);
            Assert.NotEqual(m.GetColor(0), m.GetColor(1));
            var (c, r) = (m.GetColor(0.2), ColorMaps.Get(name + "_r").GetColor(0.8));
            Assert.True(Math.Abs(c.R - r.R) <= 6 && Math.Abs(c.G - r.G) <= 6 && Math.Abs(c.B - r.B) <= 6, $"{name}: {c} reversed {r}");
        }
    }

    [Fact]
    public void NaNCellsAreGrey()
    {
        // Left half missing (a land mask, say): its cells are drawn in the NaN grey.
        var field = Field("sst", Lat, Lon, (la, lo) => lo < 120 ? double.NaN : la);
        string path = TempPng("nan");
        PlotExporter.Export(field, path, new PlotOptions { Width = 600, Height = 400 });
        var grey = new SKColor(MapPlot.NaNColor.R, MapPlot.NaNColor.G, MapPlot.NaNColor.B);
        double share = ShareOf(path, grey);
        Assert.True(share > 0.15 && share < 0.5, $"{share:P1} of the pixels are NaN grey; about a third of the picture was expected");
        string full = TempPng("nonan");
        PlotExporter.Export(Field("sst", Lat, Lon, (la, lo) => la), full, new PlotOptions { Width = 600, Height = 400 });
        Assert.True(ShareOf(full, grey) < 0.01);
    }

    [Fact]
    public void LazyInputIsComputedThroughTheEngine()
    {
        // A lazy expression over a stored dataset: (SST - mean over time) at the first time, read when drawn.
        using var ds = Backends.DatasetOpener.Open(Support.Fixtures.PathOf("xarray-zarr/coads.zarr"), new Backends.OpenOptions());
        var sst = ds["SST"];
        var anomaly = (sst - sst.Mean("TIME")).Isel(new System.Collections.Hashtable { ["TIME"] = 0 });
        var field = MapField.From(anomaly, null);
        Assert.Equal((90, 180), (field.Values.GetLength(0), field.Values.GetLength(1)));
        Assert.True(field.Geographic);
        Assert.NotNull(field.Range);
        Assert.True(field.Range!.Value.Min < 0 && field.Range.Value.Max > 0);
        string path = TempPng("coads");
        PlotExporter.Export(anomaly, path, new PlotOptions { Coastlines = true });
        Assert.True(Inspect(path).Variance > 200);
    }

    private static double Luminance(ScottPlot.Color c) => 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B;
}
