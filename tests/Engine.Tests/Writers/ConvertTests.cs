using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Writers;

/// <summary>Convert-ToZarr's engine: NetCDF fixtures to Zarr, read back by xarray; the compression table against the files.</summary>
public class ConvertTests
{
    private static readonly string[] NetCdfFixtures =
    [
        "netcdf/coads_climatology.cdf",
        "netcdf/nc4uvt.nc",
        "netcdf/tas_64bit_offset.nc",
        "netcdf/tas_packed_nc4.nc",
        "netcdf/tas_rectilinear_grid_2D.nc",
    ];

    [Fact]
    public void EveryNetCdfFixtureReopensInXarrayEqualToTheSource()
    {
        Python.Require("xarray", "zarr", "netCDF4");
        using var tmp = new TempDir();
        var pairs = new List<(string Source, string Out)>();
        foreach (var source in NetCdfFixtures)
        {
            string outPath = tmp[Path.GetFileName(source) + ".zarr"];
            var result = ZarrConverter.Convert([Fixtures.PathOf(source)], outPath,
                new ConvertOptions { Compressor = "blosc-zstd", Level = 3, Shuffle = "bit", Chunks = new Dictionary<string, long>() });
            Assert.True(result.BytesOut > 0 && result.Variables.Count > 0, source);
            Assert.False(File.Exists(Path.Combine(outPath, IncompleteMarker.Key)), "the incomplete marker is removed at the end");
            pairs.Add((Fixtures.PathOf(source), outPath));
        }
        string list = string.Join(",", pairs.Select(p => $"('{p.Source}', '{p.Out}')"));
        string script = $$"""
import xarray as xr, numpy as np, zarr
for src, out in [{{list}}]:
    dt = 'coads' not in src  # COADS times are in year 0, which xarray cannot decode
    a = xr.open_dataset(src, decode_times=dt)
    b = xr.open_zarr(out, decode_times=dt)
    xr.testing.assert_equal(a, b)
    for n in a.variables:
        assert a[n].dtype == b[n].dtype, (src, n, a[n].dtype, b[n].dtype)
    for n, arr in zarr.open_consolidated(out).arrays():
        c = arr.compressor
        assert c.cname == 'zstd' and c.clevel == 3 and c.shuffle == 2, (src, n, c)
    print('ok', src)
""";
        var output = Python.Run(script, 300);
        Assert.Equal(pairs.Count, output.Split('\n').Count(l => l.StartsWith("ok ")));
    }

    [Fact]
    public void CompressionTableAgreesWithTheFilesOfEachStore()
    {
        using var tmp = new TempDir();
        string source = Fixtures.PathOf("netcdf/coads_climatology.cdf");
        var results = new List<ConversionResult>();
        foreach (var c in new[] { "blosc-zstd", "blosc-lz4", "blosc-zlib", "none" })
        {
            var r = ZarrConverter.Convert([source], tmp[c + ".zarr"], new ConvertOptions { Compressor = c, Chunks = new Dictionary<string, long> { ["TIME"] = 3 } });
            results.Add(r);
            // du -sb counts the files' bytes: the table's total is every file of the store, metadata included.
            long files = new DirectoryInfo(tmp[c + ".zarr"]).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            Assert.Equal(files, r.BytesOut);
            foreach (var v in r.Variables)
            {
                long vf = new DirectoryInfo(Path.Combine(tmp[c + ".zarr"], v.Name)).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                Assert.Equal(vf, v.BytesOut);
                var a = ZarrArray.Open(new DirectoryStore(tmp[c + ".zarr"]), v.Name);
                Assert.Equal(a.Shape.Aggregate(1L, (p, s) => p * s) * a.DType.ItemSize, v.BytesIn);
            }
            Assert.Equal(r.Variables.Sum(v => v.BytesIn), r.BytesIn);
            Assert.Equal(new FileInfo(source).Length, r.SourceBytes);
            Assert.Contains("total", r.ToTable());
        }
        // Without a compressor every chunk is stored whole: the ratio is at most 1; the compressors do better on SST.
        var none = results[3];
        Assert.All(none.Variables, v => Assert.True(v.Ratio <= 1.0, $"{v.Name}: {v.Ratio}"));
        for (int i = 0; i < 3; i++)
            Assert.True(results[i].Variables.Single(v => v.Name == "SST").Ratio > 1.5, $"{results[i].Compressor}: {results[i].Variables.Single(v => v.Name == "SST").Ratio}");
        Assert.Contains("\"cname\":\"zstd\"", results[0].Compressor);
    }

    [Fact]
    public void CompressionTableAgreesWithPythonSizes()
    {
        Python.Require("zarr");
        using var tmp = new TempDir();
        var r = ZarrConverter.Convert([Fixtures.PathOf("netcdf/tas_packed_nc4.nc")], tmp["t.zarr"], new ConvertOptions { Compressor = "blosc-lz4" });
        string script = $$"""
import os, zarr
root = '{{tmp["t.zarr"]}}'
total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs)
print('total', total)
g = zarr.open_group(zarr.DirectoryStore(root), mode='r')
for n, a in g.arrays():
    print(n, a.nbytes, a.nbytes_stored)
""";
        var lines = Python.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"total {r.BytesOut}", lines[0]);
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(' ');
            var row = r.Variables.Single(v => v.Name == parts[0]);
            Assert.Equal(long.Parse(parts[1]), row.BytesIn);
            Assert.Equal(long.Parse(parts[2]), row.BytesOut);
        }
        Assert.Equal(r.Variables.Count, lines.Length - 1);
    }

    [Fact]
    public void UnknownChunkDimensionIsNamed()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<ZarrPSException>(() => ZarrConverter.Convert([Fixtures.PathOf("netcdf/nc4uvt.nc")], tmp["x.zarr"],
            new ConvertOptions { Chunks = new Dictionary<string, long> { ["tiem"] = 4 } }));
        Assert.Contains("'tiem'", e.Message);
        Assert.False(Directory.Exists(tmp["x.zarr"]) && Directory.EnumerateFileSystemEntries(tmp["x.zarr"]).Any());
    }

    [Fact]
    public void ShardedV3ConversionReadsBack()
    {
        using var tmp = new TempDir();
        string src = Fixtures.PathOf("netcdf/tas_packed_nc4.nc");
        ZarrConverter.Convert([src], tmp["s.zarr"], new ConvertOptions
        {
            ZarrVersion = 3, Compressor = "zstd",
            Chunks = new Dictionary<string, long> { ["time"] = 1 }, Shards = new Dictionary<string, long> { ["time"] = 4 },
        });
        using var a = DatasetOpener.Open(src);
        using var b = DatasetOpener.Open(tmp["s.zarr"]);
        SaveTests.AssertSameValues(a, b);
        var tas = ZarrArray.Open(new DirectoryStore(tmp["s.zarr"]), "tas");
        Assert.NotNull(tas.ShardShape);
        Assert.Equal(4, tas.Metadata.ChunkShape[0]);
        Assert.Equal(1, tas.ChunkShape[0]);
    }
}
