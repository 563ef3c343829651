using ScottPlot;
using ScottPlot.TickGenerators;
using ZarrPS.Engine;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Plot;

/// <summary>Line, bar and histogram figures of labelled arrays.</summary>
internal static class SeriesPlot
{
    private const int MaxLines = 30;

    /// <summary>
    /// Lines: a 1-D array along its dimension; a 2-D array along its time dimension (else its first) with one line per
    /// position of the other; several arrays (a Dataset's variables) one line each.
    /// </summary>
    public static ScottPlot.Plot Line(IReadOnlyList<DataArray> arrays, string? title, ComputeOptions? compute)
    {
        var plot = new ScottPlot.Plot();
        PlotFonts.Apply(plot);
        var palette = new ScottPlot.Palettes.Category10();
        AxisValues? x = null;
        int series = 0;
        foreach (var original in arrays)
        {
            var a = PlotValues.Squeeze(original);
            string name = PlotValues.NameOf(original);
            if (a.Rank is 0 or > 2)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotOneDimensional",
                    $"A line plot needs a 1-D array (or 2-D: one line per position of the second dimension); '{name}' has {Describe(a)}.", name);
            string xDim = a.Rank == 1 ? a.Dims[0] : a.Dims.FirstOrDefault(d => PlotValues.Axis(a, d).Kind is AxisKind.DateTime or AxisKind.CalendarDate) ?? a.Dims[0];
            var axis = PlotValues.Axis(a, xDim);
            if (x is not null && (x.Kind != axis.Kind || x.Dim != axis.Dim))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "MixedAxes",
                    $"The lines must share their x dimension: '{name}' runs along '{axis.Dim}', the first along '{x.Dim}'.", name);
            x ??= axis;
            double[] values = PlotValues.Compute(a, compute);
            if (a.Rank == 1)
            {
                AddLine(plot, axis.Positions, values, palette.GetColor(series++), arrays.Count > 1 ? name : null);
                continue;
            }
            string hueDim = a.Dims[0] == xDim ? a.Dims[1] : a.Dims[0];
            var hue = PlotValues.Axis(a, hueDim);
            if (hue.Positions.Length > MaxLines)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "TooManyLines",
                    $"'{name}' would draw {hue.Positions.Length} lines (one per '{hueDim}'); at most {MaxLines}: select fewer with Select-XData.", name);
            int nx = axis.Positions.Length, nh = hue.Positions.Length;
            bool xFirst = a.Dims[0] == xDim;
            for (int h = 0; h < nh; h++)
            {
                var ys = new double[nx];
                for (int i = 0; i < nx; i++) ys[i] = xFirst ? values[(long)i * nh + h] : values[(long)h * nx + i];
                string label = $"{hueDim} = {hue.Format(hue.Positions[h])}";
                AddLine(plot, axis.Positions, ys, palette.GetColor(series++), arrays.Count > 1 ? $"{name}, {label}" : label);
            }
        }
        SetXAxis(plot, x!);
        plot.XLabel(x!.Units is { Length: > 0 } u ? $"{x.Dim} [{u}]" : x.Dim);
        if (arrays.Count == 1) plot.YLabel(PlotValues.ValueLabel(arrays[0]));
        if (series > 1) plot.ShowLegend();
        plot.Title(title ?? (arrays.Count == 1 ? PlotValues.DefaultTitle(PlotValues.Squeeze(arrays[0])) : ""));
        return plot;
    }

    /// <summary>
    /// Bars: a 1-D array, one bar per position labelled by its coordinate; or scalar arrays (a Dataset of scores, say),
    /// one bar each, labelled by name. Each bar shows its value.
    /// </summary>
    public static ScottPlot.Plot Bar(IReadOnlyList<DataArray> arrays, string? title, ComputeOptions? compute)
    {
        var plot = new ScottPlot.Plot();
        PlotFonts.Apply(plot);
        var squeezed = arrays.Select(PlotValues.Squeeze).ToArray();
        double[] values;
        string[] labels;
        if (squeezed.All(a => a.Rank == 0))
        {
            values = squeezed.Select(a => PlotValues.Compute(a, compute)[0]).ToArray();
            labels = arrays.Select(PlotValues.NameOf).ToArray();
        }
        else if (squeezed.Length == 1 && squeezed[0].Rank == 1)
        {
            var axis = PlotValues.Axis(squeezed[0], squeezed[0].Dims[0]);
            values = PlotValues.Compute(squeezed[0], compute);
            labels = axis.Positions.Select(axis.Format).ToArray();
            plot.XLabel(axis.Dim);
            plot.YLabel(PlotValues.ValueLabel(arrays[0]));
        }
        else
        {
            var bad = squeezed.Select((a, i) => (a, i)).First(t => t.a.Rank > (squeezed.Length == 1 ? 1 : 0));
            string name = PlotValues.NameOf(arrays[bad.i]);
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotOneDimensional",
                $"A bar plot needs one 1-D array, or scalars (one bar each); '{name}' has {Describe(bad.a)}.", name);
        }
        var color = new ScottPlot.Palettes.Category10().GetColor(0);
        var bars = new List<ScottPlot.Bar>();
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) continue;
            bars.Add(new ScottPlot.Bar
            {
                Position = i,
                Value = values[i],
                FillColor = color,
                Label = values.Length <= 40 ? values[i].ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "",
            });
        }
        plot.Add.Bars(bars);
        var positions = Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray();
        // At most ~25 labels: every k-th position beyond that.
        int step = Math.Max(1, (int)Math.Ceiling(values.Length / 25.0));
        plot.Axes.Bottom.SetTicks(positions.Where((_, i) => i % step == 0).ToArray(), labels.Where((_, i) => i % step == 0).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title ?? (arrays.Count == 1 ? PlotValues.DefaultTitle(squeezed[0]) : ""));
        return plot;
    }

    /// <summary>The distribution of every finite value of one array, in <paramref name="bins"/> bins over [vmin, vmax] (default: the data's range).</summary>
    public static ScottPlot.Plot Histogram(DataArray a, int bins, double? vmin, double? vmax, string? title, ComputeOptions? compute)
    {
        string name = PlotValues.NameOf(a);
        if (bins < 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidBins", $"-Bins must be at least 1 (got {bins}).", "Bins");
        double[] values = PlotValues.Compute(a, compute);
        var range = PlotValues.FiniteRange(values)
            ?? throw new ZarrPSException(ErrorKind.InvalidArgument, "NoFiniteValues", $"'{name}' has no finite value to count (all {values.Length} are NaN).", name);
        double min = vmin ?? range.Min, max = vmax ?? range.Max;
        if (!(min < max))
        {
            if (vmin is not null && vmax is not null)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidRange", $"-Vmin ({min}) must be below -Vmax ({max}).", "Vmin");
            (min, max) = (min - 0.5, max + 0.5);
        }
        var counts = new double[bins];
        double width = (max - min) / bins;
        long counted = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v) || v < min || v > max) continue;
            counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
            counted++;
        }
        var plot = new ScottPlot.Plot();
        PlotFonts.Apply(plot);
        var color = new ScottPlot.Palettes.Category10().GetColor(0);
        var bars = new List<ScottPlot.Bar>(bins);
        for (int b = 0; b < bins; b++)
            bars.Add(new ScottPlot.Bar { Position = min + (b + 0.5) * width, Value = counts[b], Size = width, FillColor = color, LineWidth = 0.5f, LineColor = Colors.White });
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        plot.XLabel(PlotValues.ValueLabel(a));
        plot.YLabel("count");
        plot.Title(title ?? $"{PlotValues.DefaultTitle(PlotValues.Squeeze(a))} ({counted} values)".TrimStart());
        return plot;
    }

    private static void AddLine(ScottPlot.Plot plot, double[] xs, double[] ys, Color color, string? legend)
    {
        // NaN breaks the line: each finite run is its own scatter, the first carries the legend text.
        bool labelled = false;
        int start = 0;
        for (int i = 0; i <= xs.Length; i++)
        {
            if (i < xs.Length && double.IsFinite(xs[i]) && double.IsFinite(ys[i])) continue;
            if (i > start)
            {
                var line = plot.Add.ScatterLine(xs[start..i], ys[start..i], color);
                line.LineWidth = 1.5f;
                if (i - start == 1) line.MarkerSize = 4;
                if (legend is not null && !labelled) { line.LegendText = legend; labelled = true; }
            }
            start = i + 1;
        }
    }

    private static void SetXAxis(ScottPlot.Plot plot, AxisValues x)
    {
        if (x.Kind == AxisKind.DateTime) plot.Axes.DateTimeTicksBottom();
        else if (x.Kind is AxisKind.CalendarDate or AxisKind.Labels)
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = x.Format };
    }

    private static string Describe(DataArray a) =>
        a.Rank == 0 ? "no dimensions" : "dimensions " + string.Join(" × ", a.Dims.Select((d, i) => $"{d}({a.Shape[i]})"));
}
