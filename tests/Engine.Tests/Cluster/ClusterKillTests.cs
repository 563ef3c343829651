using ZarrPS.Cluster.Client;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Cluster;

/// <summary>
/// Issue 9's test: three silo processes on loopback run a mean over time and a store write; one silo is killed in
/// the middle of each; the results are identical to those of the local scheduler (and to an undisturbed cluster run).
/// </summary>
[Collection("cluster")]
public sealed class ClusterKillTests(ClusterKillFixture kf) : IClassFixture<ClusterKillFixture>
{
    private readonly ClusterFixture f = kf.Inner;

    [Fact]
    public void ALostSiloMidwayLeavesTheResultsIdentical()
    {
        var cluster = f.Cluster;
        cluster.TaskTimeout = TimeSpan.FromSeconds(30);
        Assert.Equal(3, cluster.ActiveSilos().Count);
        var ds = f.Open();
        var lazy = ds.Reduce(ReduceOp.Mean, ["time"]);
        var local = ClusterTests.Floats(lazy.Compute().Variables["t2m"].Data);
        var calm = ClusterTests.Floats(ClusterCompute.Compute(lazy, cluster, new ComputeOptions(), strict: true).Variables["t2m"].Data);

        // Mean over time: once a task is done, kill a worker that holds tasks (not the first: it keeps the membership table).
        WorkerProcess? first = null;
        var options = new ComputeOptions { Progress = _ => first ??= KillABusyWorker(cluster) };
        var mean = ClusterTests.Floats(ClusterCompute.Compute(lazy, cluster, options, strict: true).Variables["t2m"].Data);
        var run = cluster.LastRun!;
        Assert.NotNull(first);
        Assert.False(first.Running);
        Assert.True(run.Retries >= 1, run.ToString());
        Assert.Equal(12, run.TasksBySilo.Values.Sum());
        Assert.Equal(calm, mean);                           // bit for bit: the client combines parts in a fixed order
        ClusterTests.AssertSameAsLocal(local, mean);

        // The store write: the same with one of the two workers left.
        string localPath = f.Dir["kill-local.zarr"], clusterPath = f.Dir["kill-cluster.zarr"];
        ZarrWriter.Save(ds, localPath, new SaveOptions { Mode = "w" });
        WorkerProcess? second = null;
        var save = new SaveOptions { Mode = "w", Progress = (_, _, _) => second ??= KillABusyWorker(cluster) };
        var result = ClusterWrite.Save(ds, clusterPath, save, cluster);
        Assert.NotNull(second);
        Assert.False(second.Running);
        Assert.True(cluster.LastRun!.Retries >= 1, cluster.LastRun.ToString());
        Assert.Equal(15, result.Chunks);
        // Every file, chunks and metadata, byte for byte the local write's, and nothing else (no temporary files).
        ClusterTests.AssertSameStore(localPath, clusterPath);
        Assert.Single(cluster.ActiveSilos());
    }

    // Called as tasks finish (on the client's dispatch loop): kills a running non-primary worker that holds tasks now.
    private static WorkerProcess? KillABusyWorker(XCluster cluster)
    {
        var busy = cluster.LastRun!.InFlightBySilo.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToArray();
        var victim = cluster.Workers.Skip(1).FirstOrDefault(w => w.Running && busy.Any(k => k.Contains($":{w.SiloPort}@", StringComparison.Ordinal)));
        victim?.Kill();
        return victim;
    }
}
