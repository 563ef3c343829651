using System.Management.Automation;
using ZarrPS.Cluster.Client;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Starts a local cluster: zarrps-worker silo processes on loopback (Orleans development clustering).</para>
/// <para type="description">The workers run chunk tasks of Measure-XData and Save-XDataset, reading and writing the
/// stores themselves; this session becomes their client and the cluster becomes the session's connected cluster
/// (used when a cmdlet gets no -Cluster). The workers end with Stop-XCluster or with this session.</para>
/// </summary>
/// <example><code>$c = Start-XCluster -Workers 2; Open-XDataset era5.zarr | Measure-XData -Mean -Dim time -Cluster $c</code></example>
[Cmdlet(VerbsLifecycle.Start, "XCluster")]
[OutputType(typeof(XCluster))]
public sealed class StartXClusterCommand : XCmdlet
{
    /// <summary><para type="description">How many silo processes (default 2).</para></summary>
    [Parameter(Position = 0)]
    [ValidateRange(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary><para type="description">Threads each worker gives one task (default: its processors).</para></summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int? MaxParallelism { get; set; }

    /// <summary><para type="description">Tasks in flight per worker (default 2).</para></summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int TasksPerWorker { get; set; } = 2;

    /// <summary><para type="description">Milliseconds every task waits first: for failure drills (kill a worker mid-run).</para></summary>
    [Parameter]
    [ValidateRange(0, 60_000)]
    public int DrillDelayMs { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        Terminating(() =>
        {
            var cluster = RunWithProgress(() => XCluster.StartLocal(Workers, new LocalClusterOptions
            {
                MaxParallelism = MaxParallelism,
                DrillDelayMilliseconds = DrillDelayMs,
            }), new ProgressRecord(3, "Start-XCluster", $"starting {Workers} workers"));
            cluster.TasksPerSilo = TasksPerWorker;
            XCluster.Current = cluster;
            WriteObject(cluster);
        }, Workers);
    }
}
