using System.Management.Automation;
using ZarrPS.ML;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Reads a model written by Save-XModel, ready for Invoke-XPredict.</para>
/// </summary>
/// <example><code>$m = Import-XModel ./convection.zpsmodel</code></example>
[Cmdlet(VerbsData.Import, "XModel")]
[OutputType(typeof(XModel))]
public sealed class ImportXModelCommand : XCmdlet
{
    /// <summary><para type="description">The model file.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public string Path { get; set; } = "";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        Terminating(() => WriteObject(XModel.Load(full)), full);
    }
}
