using ZarrPS.Cluster.Client;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Cluster;

/// <summary>
/// Three zarrps-worker processes on loopback (development clustering) and a stored ERA5-like field: t2m (time 96,
/// lat 45, lon 90) float32 with NaNs, chunked 8 along time. Each task sleeps 150 ms first, so a silo can be killed
/// while it holds tasks.
/// </summary>
public sealed class ClusterFixture : IDisposable
{
    public ClusterFixture()
    {
        Dir = new TempDir();
        SourcePath = Dir["source.zarr"];
        ZarrWriter.Save(MakeField(), SourcePath, new SaveOptions { Mode = "w" });
        Cluster = XCluster.StartLocal(3, new LocalClusterOptions { DrillDelayMilliseconds = 150, MaxParallelism = 1 });
    }

    public TempDir Dir { get; }

    public string SourcePath { get; }

    public XCluster Cluster { get; }

    public Dataset Open() => DatasetOpener.Open(SourcePath);

    internal static Dataset MakeField()
    {
        const int nt = 96, ny = 45, nx = 90;
        var r = new Random(11);
        var values = new float[nt, ny, nx];
        for (int t = 0; t < nt; t++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                    values[t, y, x] = r.NextDouble() < 0.05 ? float.NaN : (float)(280 + 20 * Math.Sin(y * 0.07) + 5 * Math.Cos(t * 0.3 + x * 0.1) + r.NextDouble());
        // One latitude row is NaN at every time: its mean is NaN, its sum 0.
        for (int t = 0; t < nt; t++) values[t, 3, 7] = float.NaN;
        var data = InMemoryArray.From(values, DataType.Float32).WithChunks(ChunkLayout.Regular([nt, ny, nx], [8, ny, nx]));
        var vars = new OrderedDictionary<string, Variable>(StringComparer.Ordinal)
        {
            ["time"] = new(["time"], InMemoryArray.From(Enumerable.Range(0, nt).Select(i => (double)i).ToArray(), DataType.Float64), new() { ["units"] = "hours" }),
            ["lat"] = new(["lat"], InMemoryArray.From(Enumerable.Range(0, ny).Select(i => 88.0 - 4 * i).ToArray(), DataType.Float64)),
            ["lon"] = new(["lon"], InMemoryArray.From(Enumerable.Range(0, nx).Select(i => 4.0 * i).ToArray(), DataType.Float64)),
            ["t2m"] = new(["time", "lat", "lon"], data, new() { ["units"] = "K", ["long_name"] = "2 metre temperature" }),
        };
        return new Dataset(vars, null, new() { ["title"] = "cluster test field" });
    }

    public void Dispose()
    {
        Cluster.Dispose();
        Dir.Dispose();
    }
}
