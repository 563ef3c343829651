using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Writers;

/// <summary>Optimize-XZarr's engine: rechunker's plan, the memory bound, and identical values.</summary>
public class RechunkTests
{
    [Fact]
    public void PlanMergesChunksAsRechunkerDoes()
    {
        // Columns to rows of 100x100 float64 under 8000 bytes a block (rechunker's own worked case shape).
        var p = RechunkPlan.Create([100, 100], [100, 1], [1, 100], 8, 8000);
        Assert.Equal([10, 100], p.Write);
        Assert.Equal([100, 10], p.Read);
        Assert.Equal([10, 10], p.Intermediate);
        Assert.True(p.NeedsIntermediate);
        Assert.Equal(20, p.Tasks);
        Assert.True(p.Tasks < p.SourceChunks + p.TargetChunks);
        // Nothing to merge when the target is the source: no intermediate.
        var same = RechunkPlan.Create([100, 100], [10, 10], [10, 10], 8, 800);
        Assert.False(same.NeedsIntermediate);
        Assert.Equal(100, same.Tasks);
    }

    [Theory]
    [InlineData(new long[] { 8760, 121, 161 }, new[] { 24, 121, 161 }, new[] { 8760, 10, 10 }, 4, 64L << 20)]
    [InlineData(new long[] { 240, 60, 80 }, new[] { 24, 60, 80 }, new[] { 240, 10, 10 }, 4, 900_000L)]
    [InlineData(new long[] { 1000, 37, 50 }, new[] { 7, 37, 50 }, new[] { 1000, 5, 3 }, 8, 1L << 20)]
    public void PlanStaysWithinMemoryAndWritesWholeIntermediateChunks(long[] shape, int[] source, int[] target, int item, long mem)
    {
        var p = RechunkPlan.Create(shape, source, target, item, mem);
        Assert.True(p.Bytes(p.Read) <= mem && p.Bytes(p.Write) <= mem, $"read {p.Bytes(p.Read)}, write {p.Bytes(p.Write)} > {mem}");
        for (int d = 0; d < shape.Length; d++)
        {
            Assert.True(p.Intermediate[d] <= p.Read[d] && p.Intermediate[d] <= p.Write[d]);
            Assert.True(p.Read[d] >= shape[d] || p.Read[d] % p.Intermediate[d] == 0, $"axis {d}: read {p.Read[d]}, intermediate {p.Intermediate[d]}");
            Assert.True(p.Write[d] >= shape[d] || p.Write[d] % p.Target[d] == 0, $"axis {d}: write blocks must hold whole target chunks");
        }
        Assert.True(p.Tasks < p.SourceChunks + p.TargetChunks, $"{p.Tasks} tasks for {p.SourceChunks} + {p.TargetChunks} chunks");
    }

    private static Dataset Cube(int nt, int ny, int nx)
    {
        var values = new float[nt * ny * nx];
        for (int i = 0; i < values.Length; i++) values[i] = MathF.Sin(i * 0.01f) * 100 + i % 7;
        long[] shape = [nt, ny, nx];
        var vars = new OrderedDictionary<string, Variable>
        {
            ["t2m"] = new Variable(["time", "latitude", "longitude"], new InMemoryArray(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), shape, DataType.Float32),
                new OrderedDictionary<string, object?> { ["units"] = "K", ["long_name"] = "2 metre temperature" }),
            ["time"] = new Variable(["time"], InMemoryArray.From(Enumerable.Range(0, nt).Select(i => (double)i).ToArray())),
            ["latitude"] = new Variable(["latitude"], InMemoryArray.From(Enumerable.Range(0, ny).Select(i => 90.0 - i).ToArray())),
            ["longitude"] = new Variable(["longitude"], InMemoryArray.From(Enumerable.Range(0, nx).Select(i => 0.5 * i).ToArray())),
        };
        var ds = new Dataset(vars, ["time", "latitude", "longitude"], new OrderedDictionary<string, object?> { ["title"] = "cube" });
        return ds;
    }

    [Fact]
    public void RechunkKeepsValuesUnderTheMemoryBudget()
    {
        using var tmp = new TempDir();
        using (var ds = Cube(240, 60, 80))
            ZarrWriter.Save(ds, tmp["src.zarr"], new SaveOptions
            {
                DefaultCompressor = "blosc-zstd",
                Encoding = new Dictionary<string, VariableEncoding> { ["t2m"] = new() { Chunks = new Dictionary<string, long> { ["time"] = 24 } } },
            });
        const long budget = 4L << 20;
        var r = ZarrRechunker.Rechunk(tmp["src.zarr"], tmp["dst.zarr"], new RechunkOptions
        {
            Chunks = new Dictionary<string, long> { ["time"] = 240, ["latitude"] = 10, ["longitude"] = 10 },
            MaxMemory = budget, MaxParallelism = 2, TempStore = tmp["tmp.zarr"],
        });
        Assert.True(r.Stats.PeakMemory > 0 && r.Stats.PeakMemory <= budget, $"peak {r.Stats.PeakMemory} of {budget}");
        Assert.True(r.UsedIntermediate);
        Assert.True(r.Tasks < r.SourceChunks + r.TargetChunks, r.ToString());
        Assert.False(Directory.Exists(tmp["tmp.zarr"]), "the intermediate store is deleted");
        Assert.False(File.Exists(tmp["dst.zarr/" + IncompleteMarker.Key]));
        Assert.True(File.Exists(tmp["dst.zarr/.zmetadata"]));
        var t2m = ZarrGroup.Open(new DirectoryStore(tmp["dst.zarr"])).OpenArray("t2m");
        Assert.Equal([240, 10, 10], t2m.ChunkShape);
        Assert.Equal("K", t2m.Attributes["units"]);
        Assert.Equal(ZarrGroup.Open(new DirectoryStore(tmp["src.zarr"])).OpenArray("t2m").Metadata.V2Compressor!.ToJsonString(), t2m.Metadata.V2Compressor!.ToJsonString());
        using var a = DatasetOpener.Open(tmp["src.zarr"]);
        using var b = DatasetOpener.Open(tmp["dst.zarr"]);
        SaveTests.AssertSameValues(a, b);
        Assert.Equal("cube", b.Attrs["title"]);
    }

    [Fact]
    public void TooLittleMemoryIsRefusedNamingTheArray()
    {
        using var tmp = new TempDir();
        using (var ds = Cube(48, 20, 20)) ZarrWriter.Save(ds, tmp["src.zarr"], new SaveOptions());
        var e = Assert.Throws<ZarrPSException>(() => ZarrRechunker.Rechunk(tmp["src.zarr"], tmp["dst.zarr"], new RechunkOptions
        {
            Chunks = new Dictionary<string, long> { ["time"] = 48, ["latitude"] = 1, ["longitude"] = 1 }, MaxMemory = 20_000, MaxParallelism = 1,
        }));
        Assert.Equal("RechunkMemoryTooSmall", e.ErrorId);
        Assert.Contains("'t2m'", e.Message);
        Assert.False(Directory.Exists(tmp["dst.zarr"]) && Directory.EnumerateFileSystemEntries(tmp["dst.zarr"]).Any());
    }

    [Fact]
    public void XarrayReadsTheRechunkedStoreWithTheNewChunks()
    {
        Python.Require("xarray", "zarr");
        using var tmp = new TempDir();
        using (var ds = Cube(96, 30, 40))
            ZarrWriter.Save(ds, tmp["src.zarr"], new SaveOptions { Encoding = new Dictionary<string, VariableEncoding> { ["t2m"] = new() { Chunks = new Dictionary<string, long> { ["time"] = 12 } } } });
        ZarrRechunker.Rechunk(tmp["src.zarr"], tmp["dst.zarr"], new RechunkOptions { Chunks = new Dictionary<string, long> { ["time"] = 96, ["latitude"] = 5, ["longitude"] = 5 }, MaxMemory = 1L << 20 });
        var output = Python.Run($$"""
import xarray as xr
a = xr.open_zarr('{{tmp["src.zarr"]}}')
b = xr.open_zarr('{{tmp["dst.zarr"]}}')
xr.testing.assert_identical(a.compute(), b.compute())
print(b.t2m.encoding['chunks'])
""");
        Assert.Equal("(96, 5, 5)", output.Trim());
    }
}
