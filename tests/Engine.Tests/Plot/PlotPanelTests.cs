using ZarrPS.Engine.Model;
using ZarrPS.Plot;
using static ZarrPS.Engine.Tests.Plot.PlotSamples;

namespace ZarrPS.Engine.Tests.Plot;

/// <summary>Panels: a Dataset's variables, several arrays, or a 3-D array as a grid of maps.</summary>
public class PlotPanelTests
{
    private static readonly double[] Lat = Range(-30, 30, 31);
    private static readonly double[] Lon = Range(0, 90, 46);

    private static Dataset SixFields()
    {
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        var obs = Field("observation", Lat, Lon, (la, lo) => 300 - Math.Abs(la));
        vars["latitude"] = obs.Coords["latitude"];
        vars["longitude"] = obs.Coords["longitude"];
        vars["observation"] = obs.Variable;
        vars["prediction"] = Field("prediction", Lat, Lon, (la, lo) => 300 - Math.Abs(la) + Math.Sin(lo / 10)).Variable;
        vars["difference"] = Field("difference", Lat, Lon, (la, lo) => Math.Sin(lo / 10)).Variable;
        vars["rmse"] = Field("rmse", Lat, Lon, (la, lo) => Math.Abs(la) / 30).Variable;
        vars["pearson_r"] = Field("pearson_r", Lat, Lon, (la, lo) => 1 - Math.Abs(la) / 60).Variable;
        vars["mae"] = Field("mae", Lat, Lon, (la, lo) => Math.Abs(la) / 40).Variable;
        return new Dataset(vars, ["latitude", "longitude"]);
    }

    [Fact]
    public void SixVariablePanelIsWrittenAtTheSizeAsked()
    {
        string path = TempPng("panel");
        PlotExporter.Export(SixFields(), path, new PlotOptions { Kind = PlotKind.Panel, Width = 1200, Height = 640, Title = "validation", Coastlines = true });
        var (w, h, variance) = Inspect(path);
        Assert.Equal((1200, 640), (w, h));
        Assert.True(variance > 200, $"variance {variance}");
    }

    [Fact]
    public void PanelsHaveTheirOwnScaleOrAShared()
    {
        var ds = SixFields();
        var fields = ds.DataVars.Select(n => MapField.From(ds[n], null)).ToArray();
        var own = PanelPlot.Scales(fields, new PlotOptions { Kind = PlotKind.Panel });
        Assert.Equal("viridis", own[0].Name);
        Assert.Equal("RdBu_r", own[2].Name);                      // the difference crosses zero
        Assert.Equal(-own[2].Max, own[2].Min, 9);
        Assert.NotEqual(own[0].Max, own[3].Max);
        var shared = PanelPlot.Scales(fields, new PlotOptions { Kind = PlotKind.Panel, SharedColorBar = true });
        Assert.All(shared, s => Assert.Equal((shared[0].Min, shared[0].Max), (s.Min, s.Max)));
        Assert.True(shared[0].Max >= 300 && shared[0].Min < 0);
        var given = PanelPlot.Scales(fields, new PlotOptions { Kind = PlotKind.Panel, ColorMap = ["viridis", "magma"] });
        Assert.Equal(["viridis", "magma", "viridis", "magma", "viridis", "magma"], given.Select(s => s.Name));

        string path = TempPng("shared");
        PlotExporter.Export(ds, path, new PlotOptions { Kind = PlotKind.Panel, SharedColorBar = true, Width = 900, Height = 500 });
        Assert.True(Inspect(path).Variance > 200);
    }

    [Fact]
    public void ThreeDimensionalArrayIsCutAlongItsThirdDimension()
    {
        var cube = Cube("wave", 4, Lat, Lon);
        string path = TempPng("facets");
        PlotExporter.Export(cube, path, new PlotOptions { Kind = PlotKind.Panel, Width = 800, Height = 600 });
        Assert.Equal((800, 600), (Inspect(path).Width, Inspect(path).Height));
        Assert.Equal(2, PanelPlot.ColumnsFor(4, null));
        Assert.Equal(3, PanelPlot.ColumnsFor(6, null));
        Assert.Equal(4, PanelPlot.ColumnsFor(6, 4));
    }

    [Fact]
    public void NiceTicksAreRoundAndInside()
    {
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], PanelPlot.NiceTicks(0, 1, 5).Select(v => Math.Round(v, 9)));
        Assert.Equal([-10.0, -5.0, 0.0, 5.0, 10.0], PanelPlot.NiceTicks(-12, 12, 5));
    }
}
