using ZarrPS.Engine;
using ZarrPS.Engine.Model;

namespace ZarrPS.Plot;

/// <summary>
/// Draws labelled arrays to PNG files: maps, line, bar and histogram plots, and panels of maps. Values are computed
/// through the engine when the plot is drawn (lazy inputs are read then, under <see cref="PlotOptions.Compute"/>).
/// </summary>
public static class PlotExporter
{
    /// <summary>The most panels one picture holds.</summary>
    public const int MaxPanels = 24;

    /// <summary>Draws one DataArray (a panel of a 3-D array: one map per position of its third dimension).</summary>
    public static FileInfo Export(DataArray array, string path, PlotOptions options) => Export([array], fromDataset: false, path, options);

    /// <summary>Draws a Dataset's data variables (one map, lines or bars each; a panel of maps).</summary>
    public static FileInfo Export(Dataset dataset, string path, PlotOptions options)
    {
        var arrays = dataset.DataVars.Select(dataset.GetDataArray).ToArray();
        if (arrays.Length == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoVariables", "The dataset has no data variables to plot.", path);
        return Export(arrays, fromDataset: true, path, options);
    }

    /// <summary>Draws several DataArrays together (a panel, lines, or bars).</summary>
    public static FileInfo Export(IReadOnlyList<DataArray> arrays, string path, PlotOptions options) => Export(arrays, fromDataset: false, path, options);

    /// <summary>The PNG bytes of the plot (what <see cref="Export(DataArray, string, PlotOptions)"/> writes).</summary>
    public static byte[] Render(IReadOnlyList<DataArray> arrays, PlotOptions options)
    {
        CheckSize(options);
        if (arrays.Count == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoInput", "Nothing to plot: no array was given.", "InputObject");
        foreach (var m in options.ColorMap ?? []) ColorMaps.Get(m);   // an unknown name fails before anything is computed
        switch (options.Kind)
        {
            case PlotKind.Map:
                if (arrays.Count != 1)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "OneMapOnly",
                        $"-Kind map draws one array; {arrays.Count} were given ({string.Join(", ", arrays.Select(PlotValues.NameOf))}): use -Kind panel.", "Kind");
                var field = MapField.From(arrays[0], options.Compute);
                var scale = ColorScale.Resolve(options.ColorMap?.FirstOrDefault(), field.Range, options.Vmin, options.Vmax);
                using (var plot = MapPlot.Build(field, scale, options.Title, options.Coastlines, colorBar: true))
                    return plot.GetImageBytes(options.Width, options.Height, ScottPlot.ImageFormat.Png);
            case PlotKind.Line:
                using (var plot = SeriesPlot.Line(arrays, options.Title, options.Compute))
                    return plot.GetImageBytes(options.Width, options.Height, ScottPlot.ImageFormat.Png);
            case PlotKind.Bar:
                using (var plot = SeriesPlot.Bar(arrays, options.Title, options.Compute))
                    return plot.GetImageBytes(options.Width, options.Height, ScottPlot.ImageFormat.Png);
            case PlotKind.Histogram:
                if (arrays.Count != 1)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "OneHistogramOnly",
                        $"-Kind histogram counts the values of one array; {arrays.Count} were given ({string.Join(", ", arrays.Select(PlotValues.NameOf))}).", "Kind");
                using (var plot = SeriesPlot.Histogram(arrays[0], options.Bins, options.Vmin, options.Vmax, options.Title, options.Compute))
                    return plot.GetImageBytes(options.Width, options.Height, ScottPlot.ImageFormat.Png);
            default:
                return PanelPlot.Render(PanelFields(arrays, options), options, options.Title);
        }
    }

    private static FileInfo Export(IReadOnlyList<DataArray> arrays, bool fromDataset, string path, PlotOptions options)
    {
        if (fromDataset && arrays.Count > 1 && options.Kind is PlotKind.Map or PlotKind.Histogram)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "OneVariableOnly",
                $"-Kind {options.Kind.ToString().ToLowerInvariant()} draws one variable; the dataset has {arrays.Count} ({string.Join(", ", arrays.Select(PlotValues.NameOf))}): " +
                "select one (Select-XData -Variable name) or use -Kind panel.", "InputObject");
        byte[] png = Render(arrays, options);
        return Write(path, png);
    }

    // The panel's maps: the arrays as given, or one 3-D array cut along its dimension that is neither latitude nor longitude.
    private static List<MapField> PanelFields(IReadOnlyList<DataArray> arrays, PlotOptions options)
    {
        var inputs = new List<DataArray>();
        if (arrays.Count == 1 && PlotValues.Squeeze(arrays[0]) is { Rank: 3 } cube && MapField.LatLonDims(cube) is { } ll)
        {
            string facet = cube.Dims.First(d => d != ll.Lat && d != ll.Lon);
            long n = cube.Sizes[facet];
            if (n > MaxPanels)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "TooManyPanels",
                    $"'{PlotValues.NameOf(cube)}' would make {n} panels (one per '{facet}'); at most {MaxPanels}: select fewer with Select-XData.", "InputObject");
            for (int i = 0; i < n; i++) inputs.Add(cube.Isel(new System.Collections.Hashtable { [facet] = i }));
        }
        else inputs.AddRange(arrays);
        if (inputs.Count > MaxPanels)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "TooManyPanels", $"{inputs.Count} panels were asked for; at most {MaxPanels}.", "InputObject");
        return inputs.Select(a => MapField.From(a, options.Compute)).ToList();
    }

    private static void CheckSize(PlotOptions o)
    {
        if (o.Width is < 50 or > 10000 || o.Height is < 50 or > 10000)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidSize", $"-Width and -Height must be 50..10000 pixels (got {o.Width} x {o.Height}).", "Width");
    }

    // Written whole to a temporary file beside the target, then renamed: no half-written PNG.
    private static FileInfo Write(string path, byte[] png)
    {
        var target = new FileInfo(path);
        if (target.Directory is { Exists: false } dir)
            throw new ZarrPSException(ErrorKind.NotFound, "DirectoryNotFound", $"The folder '{dir.FullName}' of -Path does not exist.", path);
        string temp = Path.Combine(target.DirectoryName!, $".{target.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, png);
            File.Move(temp, target.FullName, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        target.Refresh();
        return target;
    }
}
