using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;
using ZarrPS.Plot;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Draws a DataArray or Dataset to a PNG file: a map, line, bar or histogram plot, or a panel of maps.</para>
/// <para type="description">-Kind map draws a 2-D latitude × longitude field with labelled axes (°N/°E), a colour bar and,
/// with -Coastlines, shorelines (GSHHG, shipped with the module). -Kind panel draws a Dataset's variables, several
/// DataArrays (piped or in an array) or a 3-D array (one map per position of its third dimension) as a grid, each map
/// with its colour bar or, with -SharedColorBar, one scale for all. -Kind line draws 1-D arrays along their coordinate
/// (dates on a date axis); -Kind bar a 1-D array or a Dataset of scalars (scores); -Kind histogram the values' distribution.
/// Lazy inputs are computed when drawn, under -MaxMemory. NaN cells are light grey. Without -ColorMap: viridis, or
/// RdBu_r centred on zero when the data cross zero (as xarray). Writes the PNG whole (a temporary file renamed) and
/// returns the file.</para>
/// </summary>
/// <example><code>$ds['t2m'] | Select-XData -Isel @{ time = 0 } | Export-XPlot -Path t2m.png -Kind map -Coastlines -ColorMap RdBu_r</code></example>
/// <example><code>$skill | Export-XPlot -Path panel.png -Kind panel -Columns 3 -Title 'Validation'</code></example>
[Cmdlet(VerbsData.Export, "XPlot", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportXPlotCommand : ComputeCmdlet
{
    /// <summary><para type="description">A DataArray or Dataset (or several DataArrays, piped or as an array).</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">The PNG file to write (replaced when it exists).</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = null!;

    /// <summary><para type="description">map (default), line, bar, histogram or panel.</para></summary>
    [Parameter]
    [ValidateSet("map", "line", "bar", "histogram", "panel", IgnoreCase = true)]
    public string Kind { get; set; } = "map";

    /// <summary><para type="description">The title (default: the variable's name and its scalar coordinates).</para></summary>
    [Parameter] public string? Title { get; set; }

    /// <summary><para type="description">Colour map (viridis, RdBu_r, coolwarm, Blues …; '_r' reverses any); for a panel, one per map in turn.</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(ColorMapCompleter))]
    public string[]? ColorMap { get; set; }

    /// <summary><para type="description">The value at the bottom of the colour scale (histogram: of the binned range).</para></summary>
    [Parameter] public double? Vmin { get; set; }

    /// <summary><para type="description">The value at the top of the colour scale (histogram: of the binned range).</para></summary>
    [Parameter] public double? Vmax { get; set; }

    /// <summary><para type="description">Draw coastlines over maps.</para></summary>
    [Parameter] public SwitchParameter Coastlines { get; set; }

    /// <summary><para type="description">Width in pixels (default 900).</para></summary>
    [Parameter]
    [ValidateRange(50, 10000)]
    public int Width { get; set; } = 900;

    /// <summary><para type="description">Height in pixels (default 560).</para></summary>
    [Parameter]
    [ValidateRange(50, 10000)]
    public int Height { get; set; } = 560;

    /// <summary><para type="description">Histogram bins (default 30).</para></summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int Bins { get; set; } = 30;

    /// <summary><para type="description">Panel: maps per row (default 3 for five or more maps).</para></summary>
    [Parameter]
    [ValidateRange(1, 24)]
    public int? Columns { get; set; }

    /// <summary><para type="description">Panel: one value range and one colour bar for every map.</para></summary>
    [Parameter] public SwitchParameter SharedColorBar { get; set; }

    private readonly List<DataArray> _arrays = [];
    private Dataset? _dataset;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        Terminating(() =>
        {
            foreach (object item in LanguagePrimitives.GetEnumerable(InputObject) is { } many && InputObject is not string ? many.Cast<object>() : [InputObject])
            {
                object value = item is PSObject p ? p.BaseObject : item;
                switch (value)
                {
                    case DataArray a when _dataset is null:
                        _arrays.Add(a);
                        break;
                    case Dataset d when _dataset is null && _arrays.Count == 0:
                        _dataset = d;
                        break;
                    case DataArray or Dataset:
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "MixedInput",
                            "Export-XPlot draws one Dataset, or DataArrays; give a Dataset alone (its variables are drawn), or several DataArrays.", value);
                    default:
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "NotPlottable",
                            $"Export-XPlot draws a DataArray or a Dataset, not a {value?.GetType().Name ?? "null"}.", value);
                }
            }
        }, InputObject);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(full, $"Export-XPlot -Kind {Kind}")) return;
        var options = new PlotOptions
        {
            Kind = Enum.Parse<PlotKind>(Kind, ignoreCase: true),
            Title = Title,
            ColorMap = ColorMap,
            Vmin = Vmin,
            Vmax = Vmax,
            Coastlines = Coastlines,
            Width = Width,
            Height = Height,
            Bins = Bins,
            Columns = Columns,
            SharedColorBar = SharedColorBar,
            Compute = Options("plot"),
        };
        Terminating(() =>
        {
            var file = Run($"Export-XPlot -Kind {Kind}", () => _dataset is not null
                ? PlotExporter.Export(_dataset, full, options)
                : PlotExporter.Export(_arrays, full, options));
            WriteObject(file);
        }, full);
    }
}
