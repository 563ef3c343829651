using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Tests.Storage;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Tests.Writers;
using Fixtures = ZarrPS.Engine.Tests.Support.Fixtures;
using TempDir = ZarrPS.Engine.Tests.Support.TempDir;

namespace ZarrPS.Engine.Tests.Model;

/// <summary>Opening over HTTP, many NetCDF files, and Zarr strings and datetimes written by zarr-python.</summary>
public class OpeningTests
{
    [Fact]
    public void AZarrStoreOverHttpOpensEqualToTheLocalCopy()
    {
        using var tmp = new TempDir();
        var copy = Fixtures.CopyToTemp("xarray-zarr/coads.zarr", tmp);
        using var server = new HttpTestServer(tmp.Path);
        using var remote = DatasetOpener.Open(server.Url("files") + "/coads.zarr");
        using var local = DatasetOpener.Open(copy);
        SaveTests.AssertSameValues(local, remote);
        Assert.Contains(server.Requests, r => r.Contains(".zmetadata"));
    }

    [Fact]
    public void TheTasFileSplitIntoMonthlyNetCdfFilesOpensEqualToTheSingleFile()
    {
        Python.Require("netCDF4", "xarray");
        using var tmp = new TempDir();
        string src = Fixtures.PathOf("netcdf/tas_rectilinear_grid_2D.nc");
        Python.Run($$"""
import xarray as xr
ds = xr.open_dataset('{{src}}', decode_times=False)
for i in range(ds.sizes['time']):
    ds.isel(time=slice(i, i + 1)).to_netcdf('{{tmp.Path}}/tas_%02d.nc' % (i + 1), unlimited_dims=['time'])
""");
        using var single = DatasetOpener.Open(src);
        using var many = MultiFileOpener.Open(Catalogs.Glob.Expand(tmp["tas_*.nc"]), new OpenOptions());
        Assert.Equal(12, many.Dims["time"]);
        SaveTests.AssertSameValues(single, many);
    }

    [Fact]
    public void FixedStringsAndDatetimesWrittenByZarrPythonRead()
    {
        Python.Require("zarr", "numpy");
        using var tmp = new TempDir();
        Python.Run($$"""
import zarr, numpy as np
g = zarr.open_group('{{tmp.Path}}', mode='w')
g.create_dataset('s', data=np.array([b'ab', b'xyz', b''], dtype='|S3'), chunks=(2,))
g.create_dataset('u', data=np.array(['é', 'ok', 'abc'], dtype='<U3'), chunks=(2,))
g.create_dataset('t', data=np.array(['2019-07-01T06:00', '2020-02-29T00:00'], dtype='M8[s]'), chunks=(1,))
g.create_dataset('d', data=np.array([90, -1500], dtype='m8[ms]'), chunks=(2,))
""");
        var g = ZarrPS.Engine.Formats.Zarr.ZarrGroup.Open(new DirectoryStore(tmp.Path));
        Assert.Equal(new[] { "ab", "xyz", "" }, (string[])g.OpenArray("s").ReadAll());
        Assert.Equal(new[] { "é", "ok", "abc" }, (string[])g.OpenArray("u").ReadAll());
        var t = g.OpenArray("t");
        Assert.Equal("datetime64[s]", t.DType.Name);
        var values = ZarrPS.Engine.Model.TimeValues.ToUser(t.ReadAll(), t.DType);
        Assert.Equal(new DateTime(2019, 7, 1, 6, 0, 0), values.GetValue(0));
        Assert.Equal(new DateTime(2020, 2, 29), values.GetValue(1));
        Assert.Equal(new long[] { 90, -1500 }, (long[])g.OpenArray("d").ReadAll());
    }
}
