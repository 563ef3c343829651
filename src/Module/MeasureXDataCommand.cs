using System.Management.Automation;
using ZarrPS.Cluster.Client;
using ZarrPS.Engine;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Reduces a Dataset or DataArray: mean, sum, min, max, std, var, count, median or a quantile over dimensions.</para>
/// <para type="description">Like xarray's reductions with dask: chunks stream through bounded workers under -MaxMemory, so data
/// larger than memory reduces without running out of it. NaN is skipped for floats unless -SkipNa:$false. -Weights
/// (for example cos(latitude)) weights sum, mean, std and var. Piped from Group-XData it reduces each group.
/// The result is computed unless -Lazy.</para>
/// </summary>
/// <example><code>Open-XDataset era5.zarr | Measure-XData -Mean -Dim time -MaxMemory 1GB</code></example>
[Cmdlet(VerbsDiagnostic.Measure, "XData", DefaultParameterSetName = "Mean")]
[OutputType(typeof(Dataset), typeof(DataArray))]
public sealed class MeasureXDataCommand : ComputeCmdlet
{
    /// <summary><para type="description">A Dataset, DataArray or grouped data (from Group-XData).</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">Mean.</para></summary>
    [Parameter(ParameterSetName = "Mean")] public SwitchParameter Mean { get; set; }
    /// <summary><para type="description">Sum.</para></summary>
    [Parameter(ParameterSetName = "Sum")] public SwitchParameter Sum { get; set; }
    /// <summary><para type="description">Minimum.</para></summary>
    [Parameter(ParameterSetName = "Min")] public SwitchParameter Min { get; set; }
    /// <summary><para type="description">Maximum.</para></summary>
    [Parameter(ParameterSetName = "Max")] public SwitchParameter Max { get; set; }
    /// <summary><para type="description">Standard deviation (-Ddof to change the divisor).</para></summary>
    [Parameter(ParameterSetName = "Std")] public SwitchParameter Std { get; set; }
    /// <summary><para type="description">Variance.</para></summary>
    [Parameter(ParameterSetName = "Var")] public SwitchParameter Var { get; set; }
    /// <summary><para type="description">Number of non-NaN values.</para></summary>
    [Parameter(ParameterSetName = "Count")] public SwitchParameter Count { get; set; }
    /// <summary><para type="description">Median.</para></summary>
    [Parameter(ParameterSetName = "Median")] public SwitchParameter Median { get; set; }
    /// <summary><para type="description">The quantile (0..1).</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Quantile")] public double Quantile { get; set; }

    /// <summary><para type="description">Dimensions to reduce (default: all; for grouped data, the grouped dimension).</para></summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(DimensionNameCompleter))]
    public string[]? Dim { get; set; }

    /// <summary><para type="description">Skip NaN (default for floats); -SkipNa:$false lets NaN propagate.</para></summary>
    [Parameter] public SwitchParameter SkipNa { get; set; }

    /// <summary><para type="description">Weights on some of the dimensions.</para></summary>
    [Parameter] public DataArray? Weights { get; set; }

    /// <summary><para type="description">Delta degrees of freedom for -Std and -Var (default 0).</para></summary>
    [Parameter] public int Ddof { get; set; }

    /// <summary><para type="description">Return the lazy result without computing it.</para></summary>
    [Parameter] public SwitchParameter Lazy { get; set; }

    private ReduceOp? Op => ParameterSetName switch
    {
        "Sum" => ReduceOp.Sum,
        "Min" => ReduceOp.Min,
        "Max" => ReduceOp.Max,
        "Std" => ReduceOp.Std,
        "Var" => ReduceOp.Var,
        "Count" => ReduceOp.Count,
        "Median" or "Quantile" => null,
        _ => ReduceOp.Mean,
    };

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        bool? skipNa = MyInvocation.BoundParameters.ContainsKey(nameof(SkipNa)) ? SkipNa.IsPresent : null;
        double q = ParameterSetName == "Median" ? 0.5 : Quantile;
        string what = Op?.ToString().ToLowerInvariant() ?? (q == 0.5 ? "median" : $"quantile {q}");
        NonTerminating(() =>
        {
            object input = InputObject is PSObject p ? p.BaseObject : InputObject;
            object result = input switch
            {
                DataArray da => Op is { } op ? da.Reduce(op, Dim, skipNa, Weights, Ddof) : Operations.Quantile(da, q, Dim, skipNa),
                Dataset ds => Op is { } op2 ? ds.Reduce(op2, Dim, skipNa, Weights, Ddof) : ds.Map(x => Operations.Quantile(x, q, Dim?.Where(d => x.Variable.AxisOf(d) >= 0).ToArray(), skipNa)),
                IGroupedData g => Op is { } op3 ? g.Reduce(op3, skipNa, Ddof) : g.Quantile(q, skipNa),
                _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset",
                    $"Measure-XData takes a Dataset, a DataArray or grouped data, not {input.GetType().Name}.", input),
            };
            if (!Lazy)
            {
                var options = Options($"{what} over {string.Join(", ", Dim ?? ["all"])}");
                var (cluster, strict) = TargetCluster();
                result = cluster is null
                    ? Run($"Measure-XData -{what}", () => ComputeResult(result, options))
                    : Run($"Measure-XData -{what} on the cluster", () => ComputeOnCluster(result, cluster, options, strict));
            }
            WriteObject(result);
        }, InputObject);
    }

    internal static object ComputeOnCluster(object result, XCluster cluster, ComputeOptions options, bool strict) => result switch
    {
        DataArray da => ClusterCompute.Compute(da, cluster, options, strict),
        Dataset ds => ClusterCompute.Compute(ds, cluster, options, strict),
        _ when strict => throw new ZarrPSException(ErrorKind.NotImplemented, "NotOnCluster", "Grouped reductions run locally for now; leave out -Cluster."),
        _ => ComputeResult(result, options),
    };

    internal static object ComputeResult(object result, ComputeOptions options) => result switch
    {
        DataArray da => da.Compute(options),
        Dataset ds => ds.Compute(options),
        _ => result,
    };
}
