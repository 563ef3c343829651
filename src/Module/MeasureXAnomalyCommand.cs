using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Anomalies against a climatology: each value minus its group's mean (xarray's x.groupby(key) - x.groupby(key).mean()).</para>
/// <para type="description">The result is lazy: pipe it to Measure-XData (e.g. -Std -Dim time) or Save-XDataset. The climatology is
/// computed once, in parallel, when the result is first computed.</para>
/// </summary>
/// <example><code>$ds['t2m'] | Measure-XAnomaly -By time.month | Measure-XData -Std -Dim time</code></example>
[Cmdlet(VerbsDiagnostic.Measure, "XAnomaly")]
[OutputType(typeof(DataArray), typeof(Dataset))]
public sealed class MeasureXAnomalyCommand : XCmdlet
{
    /// <summary><para type="description">The Dataset or DataArray.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">The group key of the climatology (time.month, time.dayofyear, time.season …).</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string By { get; set; } = "";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        NonTerminating(() =>
        {
            object input = InputObject is PSObject p ? p.BaseObject : InputObject;
            object result = input switch
            {
                DataArray da => Grouping.GroupBy(da, By).Anomaly(da),
                Dataset ds => ds.Map(da => da.Variable.AxisOf(Grouping.GroupBy(ds, By).Dim) >= 0 && da.Variable.DType.IsNumeric ? Grouping.GroupBy(da, By).Anomaly(da) : da),
                _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset", $"Measure-XAnomaly takes a Dataset or DataArray, not {input.GetType().Name}.", input),
            };
            WriteObject(result);
        }, InputObject);
    }
}
