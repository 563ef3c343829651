using System.Management.Automation;
using ZarrPS.Cluster.Client;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Connects to a running ZarrPS cluster and makes it the session's cluster.</para>
/// <para type="description">-Endpoint names silo gateways (host:port) of a development cluster; -Membership
/// redis://host:port or ado://Invariant?connection-string finds the silos of a real cluster from its membership
/// table. Every silo must reach the stores the tasks name (a shared file system or object storage).</para>
/// </summary>
/// <example><code>Connect-XCluster -Membership redis://redis1:6379 -ClusterId era5</code></example>
[Cmdlet(VerbsCommunications.Connect, "XCluster")]
[OutputType(typeof(XCluster))]
public sealed class ConnectXClusterCommand : XCmdlet
{
    /// <summary><para type="description">Silo gateways, host:port (development clustering).</para></summary>
    [Parameter(Position = 0)]
    public string[] Endpoint { get; set; } = [];

    /// <summary><para type="description">dev (default), redis://host:port[,options] or ado://Invariant?connection-string.</para></summary>
    [Parameter]
    public string Membership { get; set; } = "dev";

    /// <summary><para type="description">The cluster's id (Start-XCluster's are shown on its object).</para></summary>
    [Parameter]
    public string ClusterId { get; set; } = "zarrps";

    /// <summary><para type="description">The service's id.</para></summary>
    [Parameter]
    public string ServiceId { get; set; } = "zarrps";

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        Terminating(() =>
        {
            var cluster = RunWithProgress(() => XCluster.Connect(Endpoint, Membership, ClusterId, ServiceId),
                new ProgressRecord(3, "Connect-XCluster", $"connecting ({Membership})"));
            XCluster.Current = cluster;
            WriteObject(cluster);
        }, Membership);
    }
}
