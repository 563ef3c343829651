using System.Collections;
using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Selects variables, positions (-Isel) and labels (-Sel) of a Dataset or DataArray, lazily.</para>
/// <para type="description">Like xarray's isel/sel. Label slices @(start, stop) are inclusive and work whichever way the
/// coordinate runs (latitude 90 … -90 included); partial dates ('2019', '2019-07') select whole periods. No data is read.</para>
/// </summary>
/// <example><code>$ds | Select-XData -Variable t2m -Sel @{latitude = @(10, 40); longitude = @(100, 140); time = '2019-07'}</code></example>
[Cmdlet(VerbsCommon.Select, "XData")]
[OutputType(typeof(Dataset), typeof(DataArray))]
public sealed partial class SelectXDataCommand : XCmdlet
{
    /// <summary><para type="description">The Dataset or DataArray to select from.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">Variables to keep (with the coordinates they need).</para></summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(VariableNameCompleter))]
    public string[]? Variable { get; set; }

    /// <summary><para type="description">Positions per dimension: an integer, integers, or 'start:stop:step'.</para></summary>
    [Parameter]
    public IDictionary? Isel { get; set; }

    /// <summary><para type="description">Labels per dimension: a label, @(start, stop) (inclusive), or three or more labels.</para></summary>
    [Parameter]
    public IDictionary? Sel { get; set; }

    /// <summary><para type="description">How labels not in the index match: nearest, pad (ffill) or backfill (bfill).</para></summary>
    [Parameter]
    [ValidateSet("nearest", "pad", "ffill", "backfill", "bfill")]
    public string? Method { get; set; }

    /// <summary><para type="description">The largest distance a -Method match may have (a number, or a TimeSpan / '1h' for times).</para></summary>
    [Parameter]
    public object? Tolerance { get; set; }

    /// <summary><para type="description">Drop the scalar coordinates that selecting single labels leaves behind.</para></summary>
    [Parameter]
    public SwitchParameter Drop { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var method = Method?.ToLowerInvariant() switch
        {
            null => SelectMethod.Exact,
            "nearest" => SelectMethod.Nearest,
            "pad" or "ffill" => SelectMethod.Pad,
            _ => SelectMethod.Backfill,
        };
        object? tolerance = Tolerance is PSObject tp ? tp.BaseObject : Tolerance;
        NonTerminating(() =>
        {
            switch (InputObject is PSObject p ? p.BaseObject : InputObject)
            {
                case Dataset ds:
                    if (Variable is { Length: > 0 }) ds = ds.SelectVariables(Variable);
                    if (Isel is not null) ds = ds.Isel(Isel);
                    if (LabelsFor(Sel, ds) is { } dsLabels) ds = ds.Sel(dsLabels, method, tolerance);
                    WriteObject(Drop ? ds.DropScalarCoords() : ds);
                    break;
                case DataArray da:
                    if (Variable is { Length: > 0 })
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "VariableOnDataArray", "-Variable selects from a Dataset; the input is a DataArray.", da.Name);
                    if (Isel is not null) da = da.Isel(Isel);
                    if (LabelsFor(Sel, da) is { } daLabels) da = da.Sel(daLabels, method, tolerance);
                    WriteObject(Drop ? da.DropScalarCoords() : da);
                    break;
                default:
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset",
                        $"Select-XData takes a Dataset or DataArray, not {InputObject?.GetType().Name ?? "null"}.", InputObject);
            }
        }, InputObject);
    }
}
