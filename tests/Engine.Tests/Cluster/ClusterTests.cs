using ZarrPS.Cluster;
using ZarrPS.Cluster.Client;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Cluster;

/// <summary>
/// Reductions and writes on three silo processes, against the local scheduler; then the same with a silo killed
/// in the middle of each (issue 9's test).
/// </summary>
[Collection("cluster")]
public sealed class ClusterTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    internal static float[] Floats(ILazyArray a) => ((Array)ArrayValues.ReadAll(a)).Cast<float>().ToArray();

    internal static void AssertSameAsLocal(float[] local, float[] cluster, bool hasNaN = true)
    {
        Assert.Equal(local.Length, cluster.Length);
        int nan = 0;
        for (int i = 0; i < local.Length; i++)
        {
            if (float.IsNaN(local[i]))
            {
                Assert.True(float.IsNaN(cluster[i]), $"element {i}: local NaN, cluster {cluster[i]}");
                nan++;
                continue;
            }
            // Both sum in float64 and round once to float32; only the order of the float64 additions differs.
            Assert.True(Math.Abs(local[i] - cluster[i]) <= 1e-6f * Math.Abs(local[i]), $"element {i}: local {local[i]}, cluster {cluster[i]}");
        }
        Assert.Equal(hasNaN, nan >= 1);
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(root, p), File.ReadAllBytes, StringComparer.Ordinal);

    internal static void AssertSameStore(string expected, string actual)
    {
        var a = Files(expected);
        var b = Files(actual);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (k, v) in a) Assert.True(v.AsSpan().SequenceEqual(b[k]), $"{k} differs");
    }

    [Fact]
    public void MeanOverTimeAndSaveMatchTheLocalScheduler()
    {
        var ds = f.Open();
        var lazy = ds.Reduce(ReduceOp.Mean, ["time"]);
        var local = lazy.Compute();
        var onCluster = ClusterCompute.Compute(lazy, f.Cluster, new ComputeOptions(), strict: true);
        Assert.Equal(["lat", "lon"], onCluster.Variables["t2m"].Dims);
        AssertSameAsLocal(Floats(local.Variables["t2m"].Data), Floats(onCluster.Variables["t2m"].Data));
        var run = f.Cluster.LastRun!;
        Assert.Equal(12, run.Tasks);                        // one task per 8-step chunk of time
        Assert.True(run.TasksBySilo.Count >= 2, run.ToString());
        // Back come float64 sums and int64 counts of each task's 8 steps over the output grid, not the data.
        Assert.Equal(12L * 45 * 90 * (8 + 8), run.BytesReturned);
        Assert.Equal(96L * 45 * 90 * 4, run.BytesRead);

        // Max and count split the same way; std runs whole per output chunk.
        foreach (var op in new[] { ReduceOp.Max, ReduceOp.Count, ReduceOp.Std, ReduceOp.Sum })
        {
            var l = ds.Reduce(op, ["time"]);
            var a = ArrayValues.ReadAll(l.Compute().Variables["t2m"].Data);
            var b = ArrayValues.ReadAll(ClusterCompute.Compute(l, f.Cluster, new ComputeOptions(), strict: true).Variables["t2m"].Data);
            if (op == ReduceOp.Count) Assert.Equal(((Array)a).Cast<long>(), ((Array)b).Cast<long>());
            else AssertSameAsLocal(((Array)a).Cast<float>().ToArray(), ((Array)b).Cast<float>().ToArray(), hasNaN: op != ReduceOp.Sum);
        }

        // A selection of the stored variable is described too (time 10..50, every second step).
        var sel = ds.Isel(new System.Collections.Hashtable { ["time"] = "10:50:2", ["lon"] = "5:60" });
        var selMean = sel.Reduce(ReduceOp.Mean, ["time", "lon"]);
        AssertSameAsLocal(Floats(selMean.Compute().Variables["t2m"].Data), Floats(ClusterCompute.Compute(selMean, f.Cluster, new ComputeOptions(), strict: true).Variables["t2m"].Data), hasNaN: false);

        // The store write: silos write the chunks, the client the metadata; byte for byte the local write.
        string localPath = f.Dir["local-save.zarr"], clusterPath = f.Dir["cluster-save.zarr"];
        var opts = new SaveOptions { Mode = "w", DefaultCompressor = "blosc-zstd" };
        ZarrWriter.Save(ds, localPath, opts);
        var result = ClusterWrite.Save(ds, clusterPath, opts, f.Cluster);
        Assert.Equal(15, result.Chunks);
        AssertSameStore(localPath, clusterPath);
        Assert.True(f.Cluster.LastRun!.TasksBySilo.Count >= 2, f.Cluster.LastRun.ToString());

        // A second client reaches the same silos through one gateway (Connect-XCluster).
        using var other = XCluster.Connect([$"127.0.0.1:{f.Cluster.Workers[0].GatewayPort}"], "dev", f.Cluster.ClusterId);
        Assert.True(other.ActiveSilos().Count >= 2);
    }

    [Fact]
    public void ComputedInputsAreRefusedOrRunLocally()
    {
        var ds = f.Open();
        var doubled = ds.Map(da => new DataArray(da.Name, da.Variable.WithData(new UnaryArray(da.Variable.Data, UnaryOp.Negate)), da.Coords));
        var lazy = doubled.Reduce(ReduceOp.Mean, ["time"]);
        var e = Assert.Throws<ZarrPSException>(() => ClusterCompute.Compute(lazy, f.Cluster, new ComputeOptions(), strict: true));
        Assert.Equal("NotOnCluster", e.ErrorId);
        Assert.Contains("t2m", e.Message);
        // Not strict (the session's cluster, no -Cluster): it runs here instead.
        var here = ClusterCompute.Compute(lazy, f.Cluster, new ComputeOptions(), strict: false);
        AssertSameAsLocal(Floats(lazy.Compute().Variables["t2m"].Data), Floats(here.Variables["t2m"].Data));
        var w = Assert.Throws<ZarrPSException>(() => ClusterWrite.Save(doubled, f.Dir["refused.zarr"], new SaveOptions { Mode = "w" }, f.Cluster));
        Assert.Equal("NotOnCluster", w.ErrorId);
        Assert.False(Directory.Exists(f.Dir["refused.zarr"]) && Directory.EnumerateFileSystemEntries(f.Dir["refused.zarr"]).Any());
    }

    [Fact]
    public void MembershipParsesDevRedisAndAdo()
    {
        Assert.Equal("dev", Membership.Parse(null).Kind);
        var r = Membership.Parse("redis://redis1:6379,password=x");
        Assert.Equal(("redis", "redis1:6379,password=x"), (r.Kind, r.ConnectionString));
        var a = Membership.Parse("ado://Npgsql?Host=db;Database=orleans");
        Assert.Equal(("ado", "Npgsql", "Host=db;Database=orleans"), (a.Kind, a.Invariant, a.ConnectionString));
        Assert.Equal("InvalidMembership", Assert.Throws<ZarrPSException>(() => Membership.Parse("zk://x")).ErrorId);
        Assert.Equal("InvalidMembership", Assert.Throws<ZarrPSException>(() => Membership.Parse("ado://Npgsql")).ErrorId);
    }
}
