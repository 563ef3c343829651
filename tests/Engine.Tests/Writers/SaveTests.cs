using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Writers;

/// <summary>Datasets saved to Zarr reopen with the same values, types and times, in ZarrPS and in xarray.</summary>
public class SaveTests
{
    public static TheoryData<string> Sources() =>
    [
        "xarray-zarr/coads.zarr",
        "xarray-zarr/tas_packed.zarr",
        "netcdf/tas_64bit_offset.nc",
        "netcdf/tas_packed_nc4.nc",
        "netcdf/coads_climatology.cdf",
        "netcdf/nc4uvt.nc",
    ];

    internal static void AssertSameValues(Dataset a, Dataset b)
    {
        Assert.Equal(a.Variables.Keys.Order(), b.Variables.Keys.Order());
        foreach (var (name, va) in a.Variables)
        {
            var vb = b.Variables[name];
            Assert.True(va.DType == vb.DType, $"{name}: {va.DType.Name} became {vb.DType.Name}");
            Assert.Equal(va.Dims, vb.Dims);
            var x = ArrayValues.ReadAll(va.Data).Cast<object>().ToArray();
            var y = ArrayValues.ReadAll(vb.Data).Cast<object>().ToArray();
            Assert.Equal(x.Length, y.Length);
            for (int i = 0; i < x.Length; i++)
                Assert.True(Equals(x[i], y[i]) || (Stats.ToDouble(x[i]) is var dx && Stats.ToDouble(y[i]) is var dy && double.IsNaN(dx) && double.IsNaN(dy)),
                    $"{name}[{i}]: {x[i]} became {y[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void SavedDatasetReopensEqual(string source)
    {
        using var tmp = new TempDir();
        using var ds = DatasetOpener.Open(Fixtures.PathOf(source));
        var result = ZarrWriter.Save(ds, tmp["out.zarr"], new SaveOptions { Mode = "w-" });
        Assert.Equal(ds.Variables.Count, result.Variables.Count);
        Assert.True(result.BytesOut > 0);
        using var back = DatasetOpener.Open(tmp["out.zarr"]);
        AssertSameValues(ds, back);
        Assert.True(File.Exists(tmp["out.zarr/.zmetadata"]));
        Assert.Equal(ds.Attrs.Count, back.Attrs.Count);
    }

    [Fact]
    public void PackedVariablesStayPacked()
    {
        using var tmp = new TempDir();
        using var ds = DatasetOpener.Open(Fixtures.PathOf("netcdf/tas_packed_nc4.nc"));
        ZarrWriter.Save(ds, tmp["p.zarr"], new SaveOptions());
        var tas = ZarrGroup.Open(new DirectoryStore(tmp["p.zarr"])).OpenArray("tas");
        Assert.Equal("<i2", tas.Metadata.DType.TypeString);
        Assert.Equal(0.01, Convert.ToDouble(tas.Attributes["scale_factor"]), 12);
        // Times keep the source's units (days with half days: float64), as xarray re-encodes with the encoding.
        var time = ZarrGroup.Open(new DirectoryStore(tmp["p.zarr"])).OpenArray("time");
        Assert.Equal(ds.Variables["time"].Encoding["units"], time.Attributes["units"]);
        Assert.Equal("<f8", time.Metadata.DType.TypeString);
    }

    [Fact]
    public void ModesRefuseOrReplaceAsAsked()
    {
        using var tmp = new TempDir();
        using var ds = DatasetOpener.Open(Fixtures.PathOf("xarray-zarr/coads.zarr"), new OpenOptions { Variables = ["SST"] });
        ZarrWriter.Save(ds, tmp["m.zarr"], new SaveOptions());
        var e = Assert.Throws<ZarrPSException>(() => ZarrWriter.Save(ds, tmp["m.zarr"], new SaveOptions { Mode = "w-" }));
        Assert.Equal("StoreExists", e.ErrorId);
        Assert.Contains("m.zarr", e.Message);
        ZarrWriter.Save(ds, tmp["m.zarr"], new SaveOptions { Mode = "w" });
        Directory.CreateDirectory(tmp["notzarr"]);
        File.WriteAllText(tmp["notzarr/keep.txt"], "x");
        Assert.Equal("NotAZarrStore", Assert.Throws<ZarrPSException>(() => ZarrWriter.Save(ds, tmp["notzarr"], new SaveOptions { Mode = "w" })).ErrorId);
        Assert.True(File.Exists(tmp["notzarr/keep.txt"]));
    }

    [Fact]
    public void AppendAlongTimeGivesTheWholeSeries()
    {
        using var tmp = new TempDir();
        using var ds = DatasetOpener.Open(Fixtures.PathOf("netcdf/tas_64bit_offset.nc"));
        var first = ds.Isel(new Dictionary<string, object> { ["time"] = "0:5" });
        var rest = ds.Isel(new Dictionary<string, object> { ["time"] = "5:" });
        ZarrWriter.Save(first, tmp["a.zarr"], new SaveOptions());
        ZarrWriter.Save(rest, tmp["a.zarr"], new SaveOptions { Mode = "a", AppendDim = "time" });
        using var back = DatasetOpener.Open(tmp["a.zarr"]);
        AssertSameValues(ds, back);
    }

    [Fact]
    public void AppendWithDifferentCoordinatesIsRefusedNamingThem()
    {
        using var tmp = new TempDir();
        using var ds = DatasetOpener.Open(Fixtures.PathOf("netcdf/tas_64bit_offset.nc"));
        ZarrWriter.Save(ds.Isel(new Dictionary<string, object> { ["time"] = "0:5" }), tmp["a.zarr"], new SaveOptions());
        var shifted = ds.Isel(new Dictionary<string, object> { ["time"] = "5:", ["lat"] = "1:" });
        var e = Assert.Throws<ZarrPSException>(() => ZarrWriter.Save(shifted, tmp["a.zarr"], new SaveOptions { Mode = "a", AppendDim = "time" }));
        Assert.Contains("'lat'", e.Message);
    }

    [Fact]
    public void XarrayReadsWhatWeSaveAsItReadsTheSource()
    {
        Python.Require("xarray", "zarr", "netCDF4");
        using var tmp = new TempDir();
        var pairs = new List<(string Source, string Out)>();
        foreach (var row in Sources())
        {
            string source = row.Data;
            string outPath = tmp[Path.GetFileName(source) + ".zarr"];
            using var ds = DatasetOpener.Open(Fixtures.PathOf(source));
            ZarrWriter.Save(ds, outPath, new SaveOptions());
            pairs.Add((Fixtures.PathOf(source), outPath));
        }
        string list = string.Join(",", pairs.Select(p => $"('{p.Source}', '{p.Out}')"));
        string script = $$"""
import xarray as xr, numpy as np
for src, out in [{{list}}]:
    dt = 'coads' not in src  # COADS times are in year 0, which xarray cannot decode
    a = xr.open_zarr(src, decode_times=dt) if src.endswith('.zarr') else xr.open_dataset(src, decode_times=dt)
    b = xr.open_zarr(out, decode_times=dt)
    assert sorted(a.variables) == sorted(b.variables), (src, sorted(a.variables), sorted(b.variables))
    for n in a.variables:
        x, y = a[n].values, b[n].values
        assert x.dtype == y.dtype, (src, n, x.dtype, y.dtype)
        if x.dtype.kind in 'fc':
            assert np.array_equal(x, y, equal_nan=True), (src, n)
        else:
            assert np.array_equal(x, y), (src, n)
    print('ok', src)
""";
        var output = Python.Run(script, 300);
        Assert.Equal(pairs.Count, output.Split('\n').Count(l => l.StartsWith("ok ")));
    }
}

/// <summary>What a write task computes inside itself (a reduction too large to compute ahead) counts in its peak.</summary>
public class SaveMemoryAccountingTests
{
    [Fact]
    public void ReadsNestedInAWriteTaskCountInThePeakMemory()
    {
        using var tmp = new TempDir();
        // 512 x 128 x 256 float32 in chunks of 1 x 128 x 256 (128 KiB); its mean over lon (256 KiB) is more than a
        // quarter of the 512 KiB budget, so each write task reduces its own input chunk.
        var layout = ChunkLayout.Regular([512, 128, 256], [1, 128, 256]);
        var ramp = InMemoryArray.From(Enumerable.Range(0, 256).Select(i => (float)i).ToArray());
        var field = new ZarrPS.Engine.Compute.BroadcastArray(ramp, [-1, -1, 0], [512, 128, 256], layout);
        var x = new DataArray("x", new Variable(["time", "lat", "lon"], field, null, null), null);
        var mean = Operations.Reduce(x, ZarrPS.Engine.Compute.ReduceOp.Mean, ["lon"]);
        var ds = mean.ToDataset();
        ZarrWriter.Save(ds, tmp["m.zarr"], new SaveOptions { MaxMemory = 512 << 10 });
        var stats = ZarrPS.Engine.Compute.ComputeSession.Last!;
        Assert.True(stats.PeakMemory >= 128 << 10, $"peak {stats.PeakMemory} bytes: the 128 KiB input chunks read inside the write tasks were not counted");
        using var back = DatasetOpener.Open(tmp["m.zarr"]);
        var v = (float[,])ArrayValues.ReadAll(back.Variables["x"].Data);
        Assert.Equal(127.5f, v[511, 127]);
    }
}
