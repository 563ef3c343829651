using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Concatenates DataArrays or Datasets along a dimension (xarray's concat), lazily.</para>
/// <para type="description">An existing dimension is extended in the order the inputs arrive; a new dimension is added in front.</para>
/// </summary>
/// <example><code>$jan, $feb, $mar | Join-XData -Dim time</code></example>
[Cmdlet(VerbsCommon.Join, "XData")]
[OutputType(typeof(Dataset), typeof(DataArray))]
public sealed class JoinXDataCommand : XCmdlet
{
    /// <summary><para type="description">The parts, from the pipeline or as an array.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 1)]
    public object[] InputObject { get; set; } = [];

    /// <summary><para type="description">The dimension to join along.</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Dim { get; set; } = "";

    private readonly List<object> _parts = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var o in InputObject) _parts.Add(o is PSObject p ? p.BaseObject : o);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        Terminating(() =>
        {
            if (_parts.All(p => p is DataArray)) WriteObject(Combine.Concat(_parts.Cast<DataArray>().ToArray(), Dim));
            else if (_parts.All(p => p is Dataset)) WriteObject(Combine.Concat(_parts.Cast<Dataset>().ToArray(), Dim));
            else throw new ZarrPSException(ErrorKind.InvalidArgument, "MixedInput", "Join-XData joins DataArrays with DataArrays or Datasets with Datasets.");
        }, Dim);
    }
}
