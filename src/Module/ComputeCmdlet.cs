using System.Management.Automation;
using ZarrPS.Cluster.Client;
using ZarrPS.Engine.Compute;

namespace ZarrPS.Module;

/// <summary>The base of cmdlets that run computations: -MaxMemory, progress, and Ctrl+C stopping the running graph.</summary>
public abstract class ComputeCmdlet : XCmdlet
{
    /// <summary><para type="description">Memory the computation's tasks may hold at once (1GB, '512MB'); default a quarter of RAM.</para></summary>
    [Parameter]
    public object? MaxMemory { get; set; }

    /// <summary><para type="description">Worker threads (default: the number of processors).</para></summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int? MaxParallelism { get; set; }

    /// <summary><para type="description">Run the chunk tasks on this cluster (Start-XCluster, Connect-XCluster). Without it, the
    /// session's connected cluster is used for what can run there, and the rest runs here.</para></summary>
    [Parameter]
    public XCluster? Cluster { get; set; }

    private CancellationTokenSource? _cancel;

    /// <summary>
    /// The cluster to run on, or null for the local scheduler; <c>Strict</c> when it was named with -Cluster (then
    /// what cannot run there is an error, not a local run).
    /// </summary>
    protected (XCluster? Cluster, bool Strict) TargetCluster()
    {
        if (Cluster is { } c)
        {
            if (!c.Connected)
                throw new Engine.ZarrPSException(Engine.ErrorKind.InvalidOperation, "ClusterStopped", $"-Cluster: {c} was stopped; start or connect one again.");
            return (c, true);
        }
        return XCluster.Current is { Connected: true } current ? (current, false) : (null, false);
    }

    /// <summary>Options for one computation, tied to this cmdlet's stopping and progress.</summary>
    protected ComputeOptions Options(string operation)
    {
        _cancel ??= new CancellationTokenSource();
        return new ComputeOptions
        {
            MaxMemory = SizeArgument.Parse(MaxMemory, nameof(MaxMemory)),
            MaxParallelism = MaxParallelism,
            Cancellation = _cancel.Token,
            Operation = operation,
            Progress = p => ReportProgress(p.Done, p.Total, p.BytesRead),
        };
    }

    /// <summary>Runs a computation on a worker thread, showing progress here.</summary>
    protected T Run<T>(string activity, Func<T> work) => RunWithProgress(work, new ProgressRecord(2, activity, "computing"));

    /// <inheritdoc />
    protected override void StopProcessing() => _cancel?.Cancel();
}
