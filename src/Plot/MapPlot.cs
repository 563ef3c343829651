using ScottPlot;
using ScottPlot.TickGenerators;
using ZarrPS.Plot.Coastlines;

namespace ZarrPS.Plot;

/// <summary>Builds the ScottPlot figure of one map: the field as cells, labelled axes, a colour bar, coastlines.</summary>
internal static class MapPlot
{
    /// <summary>Cells whose value is NaN (missing, masked): light grey, as land under an ocean field.</summary>
    public static readonly Color NaNColor = Color.FromHex("#d9d9d9");

    public static ScottPlot.Plot Build(MapField field, ColorScale scale, string? title, bool coastlines, bool colorBar, bool axisLabels = true)
    {
        var plot = new ScottPlot.Plot();
        PlotFonts.Apply(plot);
        var (west, east, south, north) = field.Extent();
        var heatmap = plot.Add.Heatmap(field.Values);
        heatmap.Extent = new CoordinateRect(west, east, south, north);
        heatmap.Colormap = scale.Map;
        heatmap.ManualRange = new ScottPlot.Range(scale.Min, scale.Max);
        heatmap.NaNCellColor = NaNColor;
        if (colorBar)
        {
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = field.ValueLabel;
        }
        if (coastlines && field.Geographic)
            plot.Add.Plottable(new CoastlinePlottable(CoastlineSet.Low, west, east, south, north));

        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = field.Geographic ? GeoTicks.Longitude : field.Lon.Format };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = field.Geographic ? GeoTicks.Latitude : field.Lat.Format };
        // Degree labels (30°N, 120°E) name their axes themselves: panels leave the axis titles out to save room.
        if (axisLabels || !field.Geographic)
        {
            plot.XLabel(field.Lon.Dim);
            plot.YLabel(field.Lat.Dim);
        }
        plot.HideGrid();
        plot.Axes.SetLimits(west, east, south, north);
        plot.Title(title ?? field.Title);
        return plot;
    }
}
