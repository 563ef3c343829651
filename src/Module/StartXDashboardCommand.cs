using System.Management.Automation;
using ZarrPS.Engine;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Serves a live dashboard of this session's computations (task stream, memory, workers, graph), like dask's.</para>
/// <para type="description">Kestrel serves pages updated live and the same data as JSON under /api/. It binds to loopback
/// unless -Address says otherwise; then every request must carry the token in the printed link. Nothing it serves
/// changes state. Stop it with Stop-XDashboard.</para>
/// </summary>
/// <example><code>Start-XDashboard; Measure-XData $ds -Mean -Dim time</code></example>
/// <example><code>Start-XDashboard -Address 0.0.0.0 -Port 8787   # prints a link with ?token=</code></example>
[Cmdlet(VerbsLifecycle.Start, "XDashboard")]
[OutputType(typeof(DashboardInfo))]
public sealed class StartXDashboardCommand : XCmdlet
{
    /// <summary><para type="description">The TCP port (default 8787; 0 takes a free one).</para></summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; } = 8787;

    /// <summary><para type="description">The address to listen on (default 127.0.0.1). Any non-loopback address requires a token.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Address { get; set; } = "127.0.0.1";

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        Terminating(() =>
        {
            if (DashboardHost.Current is { } running)
            {
                WriteWarning($"A dashboard is already running at {running.Url}; Stop-XDashboard stops it.");
                WriteObject(running);
                return;
            }
            var info = DashboardHost.Start(Address, Port);
            if (info.Token is not null)
                WriteWarning($"The dashboard listens on {info.Address}, not only on this machine: requests need the token in {info.Url}");
            WriteObject(info);
        }, Address);
    }
}
