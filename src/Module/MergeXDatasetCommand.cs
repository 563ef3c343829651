using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Merges the variables of several Datasets (and DataArrays) into one Dataset (xarray's merge).</para>
/// <para type="description">Shared dimensions must have equal coordinates and variables found in several inputs must be equal.</para>
/// </summary>
/// <example><code>Merge-XDataset $t2m, $precip</code></example>
[Cmdlet(VerbsData.Merge, "XDataset")]
[OutputType(typeof(Dataset))]
public sealed class MergeXDatasetCommand : XCmdlet
{
    /// <summary><para type="description">Datasets or named DataArrays.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public object[] InputObject { get; set; } = [];

    private readonly List<Dataset> _parts = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var o in InputObject)
        {
            switch (o is PSObject p ? p.BaseObject : o)
            {
                case Dataset ds: _parts.Add(ds); break;
                case DataArray da when da.Name is not null:
                    var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
                    foreach (var (k, v) in da.Coords) vars[k] = v;
                    vars[da.Name] = da.Variable;
                    _parts.Add(new Dataset(vars, da.Coords.Keys));
                    break;
                case DataArray:
                    WriteError(RecordOf(new ZarrPSException(ErrorKind.InvalidArgument, "UnnamedDataArray", "A DataArray without a name cannot be merged into a Dataset.")));
                    break;
                case var other:
                    WriteError(RecordOf(new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset", $"Merge-XDataset takes Datasets and DataArrays, not {other?.GetType().Name}.", other)));
                    break;
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing() => Terminating(() => WriteObject(Combine.Merge(_parts)));
}
