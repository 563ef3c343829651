using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Computes a lazy Dataset or DataArray into memory now (xarray's .compute()/.persist()).</para>
/// </summary>
/// <example><code>$anomaly | Invoke-XCompute -MaxMemory 2GB</code></example>
[Cmdlet(VerbsLifecycle.Invoke, "XCompute")]
[OutputType(typeof(Dataset), typeof(DataArray))]
public sealed class InvokeXComputeCommand : ComputeCmdlet
{
    /// <summary><para type="description">The lazy Dataset or DataArray.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary><para type="description">Keep the chunk layout of the result (later operations read the kept chunks).</para></summary>
    [Parameter] public SwitchParameter Persist { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        NonTerminating(() =>
        {
            object input = InputObject is PSObject p ? p.BaseObject : InputObject;
            if (input is not (DataArray or Dataset))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADataset", $"Invoke-XCompute takes a Dataset or DataArray, not {input.GetType().Name}.", input);
            WriteObject(Run("Invoke-XCompute", () => MeasureXDataCommand.ComputeResult(input, Options("compute"))));
        }, InputObject);
    }
}
