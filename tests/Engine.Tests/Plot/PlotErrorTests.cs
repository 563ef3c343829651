using ZarrPS.Engine.Model;
using ZarrPS.Plot;
using static ZarrPS.Engine.Tests.Plot.PlotSamples;

namespace ZarrPS.Engine.Tests.Plot;

/// <summary>Bad input fails with a message naming what is wrong, and writes no file.</summary>
public class PlotErrorTests
{
    private static ZarrPSException Fails(Func<object> plot, string path)
    {
        var e = Assert.Throws<ZarrPSException>(plot);
        Assert.False(File.Exists(path), "a failed plot must not leave a file");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}*"));
        return e;
    }

    [Fact]
    public void MapOfAThreeDimensionalArrayNamesItsDimensions()
    {
        string path = TempPng("bad3d");
        var e = Fails(() => PlotExporter.Export(Cube("wave", 3, Range(0, 10, 5), Range(0, 10, 5)), path, new PlotOptions()), path);
        Assert.Equal("NotTwoDimensional", e.ErrorId);
        Assert.Contains("'wave'", e.Message);
        Assert.Contains("time(3) × latitude(5) × longitude(5)", e.Message);
    }

    [Fact]
    public void LengthOneDimensionsDoNotCount()
    {
        var cube = Cube("wave", 1, Range(0, 10, 5), Range(0, 10, 6));
        var field = MapField.From(cube, null);
        Assert.Equal((5, 6), (field.Values.GetLength(0), field.Values.GetLength(1)));
        Assert.StartsWith("wave, time = 2020-01-01", field.Title);
    }

    [Fact]
    public void UnknownColourMapListsTheValidOnes()
    {
        string path = TempPng("badcmap");
        var field = Field("t2m", Range(0, 10, 5), Range(0, 10, 5), (a, b) => a);
        var e = Fails(() => PlotExporter.Export(field, path, new PlotOptions { ColorMap = ["viridiss"] }), path);
        Assert.Equal("UnknownColorMap", e.ErrorId);
        Assert.Contains("'viridiss'", e.Message);
        foreach (var name in new[] { "viridis", "RdBu", "coolwarm", "Blues" }) Assert.Contains(name, e.Message);
        Assert.Contains("_r", e.Message);
    }

    [Fact]
    public void ArrayWithoutLatitudeAndLongitudeIsRefused()
    {
        string path = TempPng("nolatlon");
        var a = new DataArray("matrix", new Variable(["row", "col"], Engine.Arrays.InMemoryArray.From(new double[4, 5])));
        var e = Fails(() => PlotExporter.Export(a, path, new PlotOptions()), path);
        Assert.Equal("NoLatitudeLongitude", e.ErrorId);
        Assert.Contains("'matrix'", e.Message);
        Assert.Contains("row(4) × col(5)", e.Message);
        Assert.Contains("no latitude", e.Message);
    }

    [Fact]
    public void VminAboveVmaxIsRefused()
    {
        string path = TempPng("badrange");
        var field = Field("t2m", Range(0, 10, 5), Range(0, 10, 5), (a, b) => a);
        var e = Fails(() => PlotExporter.Export(field, path, new PlotOptions { Vmin = 5, Vmax = 1 }), path);
        Assert.Equal("InvalidRange", e.ErrorId);
        Assert.Contains("-Vmin (5) must be below -Vmax (1)", e.Message);
    }

    [Fact]
    public void MapOfADatasetOfManyVariablesPointsToPanel()
    {
        string path = TempPng("manyvars");
        var a = Field("a", Range(0, 10, 5), Range(0, 10, 5), (x, y) => x);
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal) { ["a"] = a.Variable, ["b"] = a.Variable };
        var e = Fails(() => PlotExporter.Export(new Dataset(vars), path, new PlotOptions()), path);
        Assert.Equal("OneVariableOnly", e.ErrorId);
        Assert.Contains("-Kind panel", e.Message);
    }

    [Fact]
    public void LineOfAMapIsRefused()
    {
        string path = TempPng("badline");
        var e = Fails(() => PlotExporter.Export(Cube("wave", 2, Range(0, 10, 5), Range(0, 10, 5)), path, new PlotOptions { Kind = PlotKind.Line }), path);
        Assert.Equal("NotOneDimensional", e.ErrorId);
    }

    [Fact]
    public void MissingFolderIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), "zarrps-no-such-folder-" + Guid.NewGuid().ToString("N"), "x.png");
        var e = Assert.Throws<ZarrPSException>(() => PlotExporter.Export(Field("t", Range(0, 1, 2), Range(0, 1, 2), (a, b) => a), path, new PlotOptions()));
        Assert.Equal("DirectoryNotFound", e.ErrorId);
    }

    [Fact]
    public void AllNaNHistogramIsRefused()
    {
        var a = new DataArray("x", new Variable(["n"], Engine.Arrays.InMemoryArray.From(new[] { double.NaN, double.NaN })));
        var e = Assert.Throws<ZarrPSException>(() => PlotExporter.Render([a], new PlotOptions { Kind = PlotKind.Histogram }));
        Assert.Equal("NoFiniteValues", e.ErrorId);
    }
}
