using System.Management.Automation;
using ZarrPS.Cluster.Client;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Stops a cluster this session started (its worker processes end) or disconnects from one it connected to.</para>
/// </summary>
/// <example><code>Stop-XCluster</code></example>
[Cmdlet(VerbsLifecycle.Stop, "XCluster", SupportsShouldProcess = true)]
public sealed class StopXClusterCommand : XCmdlet
{
    /// <summary><para type="description">The cluster (default: the session's).</para></summary>
    [Parameter(ValueFromPipeline = true, Position = 0)]
    public XCluster? Cluster { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var c = Cluster ?? XCluster.Current;
        if (c is null)
        {
            WriteVerbose("No cluster is connected.");
            return;
        }
        if (!ShouldProcess(c.ToString(), c.Workers.Count > 0 ? "Stop the workers" : "Disconnect")) return;
        c.Dispose();
    }
}
