using System.Management.Automation;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Stops the dashboard started by Start-XDashboard (nothing happens when none runs).</para>
/// </summary>
/// <example><code>Stop-XDashboard</code></example>
[Cmdlet(VerbsLifecycle.Stop, "XDashboard")]
[OutputType(typeof(void))]
public sealed class StopXDashboardCommand : XCmdlet
{
    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var stopped = DashboardHost.Stop();
        WriteVerbose(stopped is null ? "No dashboard was running." : $"Stopped the dashboard at {stopped.Url}.");
    }
}
