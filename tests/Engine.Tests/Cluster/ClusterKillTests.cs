using ZarrPS.Cluster.Client;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Cluster;

/// <summary>
/// Issue 9's test: three silo processes on loopback run a mean over time and a Convert-ToZarr; one silo is killed in
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

        // The store write, a Convert-ToZarr (rechunked to 4 steps, blosc-zstd): the same with one of two workers left.
        string localPath = f.Dir["kill-local.zarr"], clusterPath = f.Dir["kill-cluster.zarr"];
        ConvertOptions Convert(Func<ZarrPS.Engine.Model.Dataset, string, SaveOptions, SaveResult>? writer, Action<long, long, long>? progress) => new()
        {
            Mode = "w",
            Chunks = new Dictionary<string, long> { ["time"] = 4 },
            Compressor = "blosc-zstd",
            Writer = writer,
            Progress = progress,
        };
        var localResult = ZarrConverter.Convert([f.SourcePath], localPath, Convert(null, null));
        WorkerProcess? second = null;
        var result = ZarrConverter.Convert([f.SourcePath], clusterPath,
            Convert((ds, path, o) => ClusterWrite.Save(ds, path, o, cluster), (_, _, _) => second ??= KillABusyWorker(cluster)));
        Assert.NotNull(second);
        Assert.False(second.Running);
        Assert.True(cluster.LastRun!.Retries >= 1, cluster.LastRun.ToString());
        Assert.Equal(50, result.Chunks);                    // t2m and time in 24 chunks of 4 steps each, lat and lon in one
        Assert.Equal(localResult.BytesOut, result.BytesOut);
        // Every file, chunks and metadata, byte for byte the local conversion's, and nothing else (no temporary files).
        ClusterTests.AssertSameStore(localPath, clusterPath);
        Assert.Single(cluster.ActiveSilos());

        // The silos as the dashboard shows them (RemoteWorkers): the two killed ones dead, every task of the two runs
        // counted for the silo that finished it.
        var sw = System.Diagnostics.Stopwatch.StartNew();
        RemoteWorkerPool pool;
        do
        {
            pool = RemoteWorkers.Snapshot().Single(p => p.Name == "cluster " + cluster.ClusterId);
            if (pool.Workers.Count(w => w.Status == "dead") == 2) break;
            Thread.Sleep(300);
        }
        while (sw.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal(3, pool.Workers.Length);
        Assert.Equal(2, pool.Workers.Count(w => w.Status == "dead" && !w.Alive));
        Assert.Single(pool.Workers, w => w.Alive && w.Status == "active");
        Assert.Equal(12 + 12 + cluster.LastRun.TasksBySilo.Values.Sum(), pool.Workers.Sum(w => w.Tasks));   // calm mean, mean, write
        var seen = cluster.TasksBySilo();
        Assert.All(pool.Workers, w => Assert.Equal(seen.GetValueOrDefault(w.Address), w.Tasks));
        Assert.All(pool.Workers, w => Assert.Equal(0, w.InFlight));
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
