using System.Management.Automation;
using ZarrPS.Engine;
using ZarrPS.ML;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Saves a trained model to one file: weights, architecture, features, label, window, normalisation and history.</para>
/// </summary>
/// <example><code>$m | Save-XModel -Path ./convection.zpsmodel</code></example>
[Cmdlet(VerbsData.Save, "XModel", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class SaveXModelCommand : XCmdlet
{
    /// <summary><para type="description">The model.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public XModel Model { get; set; } = null!;

    /// <summary><para type="description">The file to write.</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = "";

    /// <summary><para type="description">Replace an existing file.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(full, "Save model")) return;
        Terminating(() =>
        {
            if (File.Exists(full) && !Force)
                throw new ZarrPSException(ErrorKind.InvalidOperation, "ModelExists", $"'{full}' exists; use -Force to replace it.", full);
            Model.Save(full);
            WriteObject(new FileInfo(full));
        }, full);
    }
}
