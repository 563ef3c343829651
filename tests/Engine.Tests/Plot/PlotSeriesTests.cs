using ScottPlot.Plottables;
using ZarrPS.Engine.Model;
using ZarrPS.Plot;
using static ZarrPS.Engine.Tests.Plot.PlotSamples;

namespace ZarrPS.Engine.Tests.Plot;

/// <summary>Line, bar and histogram plots: written, not blank, drawing what the data hold.</summary>
public class PlotSeriesTests
{
    private static readonly double[] Wave = Enumerable.Range(0, 60).Select(i => Math.Sin(i / 6.0) * 3 + 10).ToArray();

    [Fact]
    public void LineOverTimeIsWrittenWithDateTicks()
    {
        var series = Series("t2m", Wave);
        string path = TempPng("line");
        PlotExporter.Export(series, path, new PlotOptions { Kind = PlotKind.Line, Width = 700, Height = 350 });
        var (w, h, variance) = Inspect(path);
        Assert.Equal((700, 350), (w, h));
        Assert.True(variance > 10, $"variance {variance}");

        using var plot = SeriesPlot.Line([series], null, null);
        plot.RenderInMemory(700, 350);
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0).ToArray();
        Assert.NotEmpty(ticks);
        // Tick positions are dates inside the series' span (2021-03-01 .. 2021-04-29).
        Assert.All(ticks.Where(t => t.Position >= new DateTime(2021, 3, 1).ToOADate() && t.Position <= new DateTime(2021, 4, 29).ToOADate()),
            t => Assert.Matches(@"\d", t.Label));
        var lines = plot.GetPlottables<Scatter>().ToArray();
        Assert.Single(lines);
        Assert.Equal(new DateTime(2021, 3, 1).ToOADate(), lines[0].Data.GetScatterPoints()[0].X, 9);
    }

    [Fact]
    public void NaNBreaksALine()
    {
        var values = (double[])Wave.Clone();
        values[20] = double.NaN;
        using var plot = SeriesPlot.Line([Series("t2m", values)], null, null);
        var lines = plot.GetPlottables<Scatter>().ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal(20, lines[0].Data.GetScatterPoints().Count);
        Assert.Equal(39, lines[1].Data.GetScatterPoints().Count);
    }

    [Fact]
    public void TwoDimensionalArrayDrawsOneLinePerPosition()
    {
        var cube = Cube("z", 10, Range(0, 10, 3), Range(0, 20, 2)).Isel(new System.Collections.Hashtable { ["longitude"] = 0 });
        using var plot = SeriesPlot.Line([cube], null, null);
        var lines = plot.GetPlottables<Scatter>().ToArray();
        Assert.Equal(3, lines.Length);                                    // one per latitude, along time
        Assert.Equal("latitude = 5", lines[1].LegendText);
        Assert.Equal(10, lines[1].Data.GetScatterPoints().Count);
    }

    [Fact]
    public void BarsOfScoresAreLabelledByName()
    {
        var scores = new[] { Scalar("rmse", 1.5), Scalar("mae", 1.2), Scalar("r2", 0.8) };
        string path = TempPng("bar");
        PlotExporter.Export(scores, path, new PlotOptions { Kind = PlotKind.Bar, Width = 500, Height = 300 });
        Assert.Equal((500, 300), (Inspect(path).Width, Inspect(path).Height));
        Assert.True(Inspect(path).Variance > 10);
        using var plot = SeriesPlot.Bar(scores, null, null);
        plot.RenderInMemory(500, 300);
        var bars = plot.GetPlottables<BarPlot>().Single().Bars;
        Assert.Equal([1.5, 1.2, 0.8], bars.Select(b => b.Value));
        var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(["rmse", "mae", "r2"], labels);
    }

    [Fact]
    public void HistogramCountsEveryFiniteValueOnce()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i % 97 == 0 ? double.NaN : Math.Sqrt(i)).ToArray();
        var a = new DataArray("x", new Variable(["n"], Engine.Arrays.InMemoryArray.From(values)));
        using var plot = SeriesPlot.Histogram(a, 20, null, null, null, null);
        var bars = plot.GetPlottables<BarPlot>().Single().Bars;
        Assert.Equal(20, bars.Count);
        Assert.Equal(values.Count(double.IsFinite), bars.Sum(b => b.Value));
        // Bin i covers [min + i w, min + (i+1) w): recount one bin by hand (0 is NaN here, so the range starts at 1).
        double min = 1, max = Math.Sqrt(999), w = (max - min) / 20;
        Assert.Equal(values.Count(v => double.IsFinite(v) && v >= min + 3 * w && v < min + 4 * w), bars[3].Value);
        string path = TempPng("hist");
        PlotExporter.Export(a, path, new PlotOptions { Kind = PlotKind.Histogram, Width = 500, Height = 300 });
        Assert.True(Inspect(path).Variance > 10);
    }
}
