using ZarrPS.Engine.Compute;

namespace ZarrPS.Plot;

/// <summary>How a plot looks: kind, size, title, colours and value range.</summary>
public sealed class PlotOptions
{
    /// <summary>The kind of plot.</summary>
    public PlotKind Kind { get; set; } = PlotKind.Map;

    /// <summary>The title above the plot (default: the variable's long_name or name and the selected scalar coordinates).</summary>
    public string? Title { get; set; }

    /// <summary>
    /// Colour maps by name (see <see cref="ColorMaps.Names"/>; "_r" reverses any). One applies to every panel;
    /// several are used panel by panel. None: viridis, or RdBu_r centred on zero when the data cross zero (xarray's rule).
    /// </summary>
    public IReadOnlyList<string>? ColorMap { get; set; }

    /// <summary>The value at the bottom of the colour scale (default: the data's minimum).</summary>
    public double? Vmin { get; set; }

    /// <summary>The value at the top of the colour scale (default: the data's maximum).</summary>
    public double? Vmax { get; set; }

    /// <summary>Draw coastlines over maps.</summary>
    public bool Coastlines { get; set; }

    /// <summary>The picture's width in pixels.</summary>
    public int Width { get; set; } = 900;

    /// <summary>The picture's height in pixels.</summary>
    public int Height { get; set; } = 560;

    /// <summary>Histogram bins.</summary>
    public int Bins { get; set; } = 30;

    /// <summary>Panels per row (default: 3 for five or more panels, else as many as there are panels, up to 2 rows of 2 for 4).</summary>
    public int? Columns { get; set; }

    /// <summary>Panels share one value range and one colour bar (default: each panel has its own).</summary>
    public bool SharedColorBar { get; set; }

    /// <summary>How the engine computes the plotted values (memory budget, cancellation, progress).</summary>
    public ComputeOptions? Compute { get; set; }
}
