using System.Collections;
using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Compute.Grouping;
using ZarrPS.Engine.Compute.Regrid;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Changes resolution: resamples in time, coarsens windows, or regrids onto other latitudes and longitudes.</para>
/// <para type="description">-Resample 1H|6H|1D|1M|MS|QS-DEC … with -Method mean|sum|min|max|first|last|median|std|count (bins and
/// labels as pandas/xarray). -Coarsen @{latitude = 4; longitude = 4} with -Boundary exact|trim|pad. -Like &lt;dataset&gt; or
/// -Latitude/-Longitude regrid with -Method linear|nearest (descending latitudes, 0..360 against -180..180 longitudes).
/// -TargetCrs reprojects projected or geographic grids through ProjNET (-SourceCrs defaults to the 'crs' attribute;
/// target axes -X/-Y in the target's units, else the source extent). The result is computed unless -Lazy.</para>
/// </summary>
/// <example><code>$ds['tp'] | Resize-XData -Resample 1D -Method sum</code></example>
[Cmdlet(VerbsCommon.Resize, "XData", DefaultParameterSetName = "Resample")]
[OutputType(typeof(DataArray), typeof(Dataset))]
public sealed class ResizeXDataCommand : ComputeCmdlet
{
    /// <summary><para type="description">The Dataset or DataArray.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">A pandas frequency: 1H, 6H, 1D, 1W, 1M, MS, QS-DEC, YS …</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Resample")]
    public string Resample { get; set; } = "";

    /// <summary><para type="description">Window sizes per dimension.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Coarsen")]
    public IDictionary? Coarsen { get; set; }

    /// <summary><para type="description">exact (the default: the window must divide the dimension), trim or pad.</para></summary>
    [Parameter(ParameterSetName = "Coarsen")]
    [ValidateSet("exact", "trim", "pad")]
    public string Boundary { get; set; } = "exact";

    /// <summary><para type="description">A dataset whose latitude/longitude to regrid onto.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Like")]
    public Dataset? Like { get; set; }

    /// <summary><para type="description">Target latitudes.</para></summary>
    [Parameter(ParameterSetName = "Grid")]
    public double[]? Latitude { get; set; }

    /// <summary><para type="description">Target longitudes.</para></summary>
    [Parameter(ParameterSetName = "Grid")]
    public double[]? Longitude { get; set; }

    /// <summary><para type="description">The CRS to reproject to: EPSG:4326, EPSG:3857, EPSG:326xx/327xx (UTM) or WKT.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Reproject")]
    public string TargetCrs { get; set; } = "";

    /// <summary><para type="description">The CRS of the input (default: its 'crs' attribute).</para></summary>
    [Parameter(ParameterSetName = "Reproject")]
    public string? SourceCrs { get; set; }

    /// <summary><para type="description">Target x axis of a reprojection, in the target CRS's units: eastings in metres, or longitudes for EPSG:4326 (default: the source extent, as many points).</para></summary>
    [Parameter(ParameterSetName = "Reproject")]
    public double[]? X { get; set; }

    /// <summary><para type="description">Target y axis of a reprojection, in the target CRS's units: northings in metres, or latitudes for EPSG:4326 (default: the source extent, as many points).</para></summary>
    [Parameter(ParameterSetName = "Reproject")]
    public double[]? Y { get; set; }

    /// <summary><para type="description">mean, sum, min, max, first, last, median, std, var, count (resample, coarsen); linear or nearest (regrid).</para></summary>
    [Parameter]
    [ValidateSet("mean", "sum", "min", "max", "first", "last", "median", "std", "var", "count", "linear", "nearest")]
    public string? Method { get; set; }

    /// <summary><para type="description">The dimension to resample (default: the one whose coordinate holds times).</para></summary>
    [Parameter(ParameterSetName = "Resample")]
    [ArgumentCompleter(typeof(DimensionNameCompleter))]
    public string? Dim { get; set; }

    /// <summary><para type="description">Return the lazy result without computing it.</para></summary>
    [Parameter] public SwitchParameter Lazy { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        NonTerminating(() =>
        {
            object input = InputObject is PSObject p ? p.BaseObject : InputObject;
            if (input is not (DataArray or Dataset))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset", $"Resize-XData takes a Dataset or DataArray, not {input.GetType().Name}.", input);
            string method = (Method ?? (ParameterSetName is "Like" or "Grid" or "Reproject" ? "linear" : "mean")).ToLowerInvariant();
            object result = ParameterSetName switch
            {
                "Resample" => Reduce(Grouping.Resample(input, Resample, Dim), method),
                "Coarsen" => Grouping.Coarsen(input, Windows(), Enum.Parse<CoarsenBoundary>(Boundary, ignoreCase: true), ReduceOpOf(method)),
                "Reproject" => Reproject(input, InterpMethodOf(method)),
                _ => Regrid(input, method),
            };
            if (!Lazy) result = Run("Resize-XData", () => MeasureXDataCommand.ComputeResult(result, Options($"resize ({method})")));
            WriteObject(result);
        }, InputObject);
    }

    private static object Reduce(GroupedData g, string method) => method switch
    {
        "first" => g.Gather(GatherOp.First),
        "last" => g.Gather(GatherOp.Last),
        "median" => g.Quantile(0.5),
        _ => g.Reduce(ReduceOpOf(method)),
    };

    private static ReduceOp ReduceOpOf(string method) => method switch
    {
        "mean" => ReduceOp.Mean,
        "sum" => ReduceOp.Sum,
        "min" => ReduceOp.Min,
        "max" => ReduceOp.Max,
        "std" => ReduceOp.Std,
        "var" => ReduceOp.Var,
        "count" => ReduceOp.Count,
        _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidMethod", $"-Method {method} does not reduce windows (use mean, sum, min, max, std, var or count).", method),
    };

    private Dictionary<string, int> Windows()
    {
        var w = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Coarsen!)
            w[e.Key.ToString()!] = System.Convert.ToInt32(e.Value is PSObject p ? p.BaseObject : e.Value, System.Globalization.CultureInfo.InvariantCulture);
        return w;
    }

    private static InterpMethod InterpMethodOf(string method) => method switch
    {
        "linear" => InterpMethod.Linear,
        "nearest" => InterpMethod.Nearest,
        _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidMethod", $"-Method {method} does not regrid (use linear or nearest).", method),
    };

    private object Reproject(object input, InterpMethod method)
    {
        var target = Crs.Parse(TargetCrs);
        var source = SourceCrs is null ? null : Crs.Parse(SourceCrs);
        return input is Dataset d ? Reprojection.Reproject(d, source, target, Y, X, method)
            : Reprojection.Reproject((DataArray)input, source, target, Y, X, method);
    }

    private object Regrid(object input, string method)
    {
        var m = InterpMethodOf(method);
        IReadOnlyDictionary<string, double[]> targets;
        if (Like is not null)
        {
            targets = input is Dataset ds ? Regridder.TargetsLike(ds, Like)
                : Regridder.TargetsLike(((DataArray)input).Coords, ((DataArray)input).Dims, Like);
        }
        else
        {
            var vars = input is Dataset ds2 ? (IReadOnlyDictionary<string, Variable>)ds2.Variables : ((DataArray)input).Coords;
            var t = new Dictionary<string, double[]>(StringComparer.Ordinal);
            if (Latitude is not null) t[GeoName(vars, "latitude", "lat", "y")] = Latitude;
            if (Longitude is not null) t[GeoName(vars, "longitude", "lon", "x")] = Longitude;
            if (t.Count == 0) throw new ZarrPSException(ErrorKind.InvalidArgument, "NoTarget", "Give -Latitude and/or -Longitude, or -Like.");
            targets = t;
        }
        return input is Dataset d ? Regridder.Interp(d, targets, m) : Regridder.Interp((DataArray)input, targets, m);
    }

    private static string GeoName(IReadOnlyDictionary<string, Variable> vars, params string[] names)
    {
        foreach (var n in names)
            if (vars.Keys.FirstOrDefault(k => k.Equals(n, StringComparison.OrdinalIgnoreCase)) is { } found) return found;
        throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
            $"No {names[0]} coordinate (looked for {string.Join(", ", names)}; coordinates: {string.Join(", ", vars.Keys)}).", names[0]);
    }
}
