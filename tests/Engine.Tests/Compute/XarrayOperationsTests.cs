using System.Globalization;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Compute.Grouping;
using ZarrPS.Engine.Compute.Regrid;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>
/// The operations of the workshop against xarray itself: the same store (written by xarray) goes through ZarrPS and
/// through xarray, and every value is compared.
/// </summary>
public class XarrayOperationsTests : IClassFixture<XarrayOperationsTests.Store>
{
    /// <summary>An hourly store over two months with NaNs, written by xarray, and xarray's results saved beside it.</summary>
    public sealed class Store : IDisposable
    {
        public readonly TempDir Tmp = new();
        public readonly Dictionary<string, double[]> Expected = new();
        public readonly bool Available;

        public Store()
        {
            Available = Python.HasModules("xarray", "zarr", "scipy", "dask");
            if (!Available) return;
            string script = $$"""
import numpy as np, pandas as pd, xarray as xr
rng = np.random.default_rng(4)
time = pd.date_range('2019-01-30', periods=24 * 40, freq='h')
lat = np.linspace(40, 10, 7)
lon = np.linspace(100, 136, 10)
v = (rng.standard_normal((time.size, 7, 10)) * 5 + 280).astype('float32')
v[rng.random(v.shape) < 0.05] = np.nan
ds = xr.Dataset({'t2m': (('time', 'latitude', 'longitude'), v)}, coords={'time': time, 'latitude': lat, 'longitude': lon})
ds.chunk({'time': 24}).to_zarr('{{Tmp.Path}}/in.zarr', mode='w')
t = ds['t2m']
def out(name, a): np.asarray(a, dtype='float64').ravel().tofile('{{Tmp.Path}}/' + name + '.f8')
out('month_mean', t.groupby('time.month').mean())
g = t.groupby('time.month'); out('anom_std', (g - g.mean()).std('time'))
out('daily_mean', t.resample(time='1D').mean())
out('daily_sum', t.resample(time='1D').sum())
out('daily_max', t.resample(time='1D').max())
out('sixh_first', t.resample(time='6H').first())
out('sixh_last', t.resample(time='6H').last())
out('hour_count', t.groupby('time.hour').count())
out('coarsen', t.coarsen(latitude=2, longitude=5, boundary='trim').mean())
out('coarsen_lat', t.coarsen(latitude=2, longitude=5, boundary='trim').mean()['latitude'])
out('interp', t.isel(time=slice(0, 3)).interp(latitude=[38.5, 25.0, 11.0], longitude=[101.0, 117.3, 135.0]))
out('median', t.median('time'))
out('std', t.std('time'))
""";
            Python.Run(script, 300);
            foreach (var f in Directory.GetFiles(Tmp.Path, "*.f8"))
            {
                var bytes = File.ReadAllBytes(f);
                var d = new double[bytes.Length / 8];
                Buffer.BlockCopy(bytes, 0, d, 0, bytes.Length);
                Expected[Path.GetFileNameWithoutExtension(f)] = d;
            }
        }

        public void Dispose() => Tmp.Dispose();
    }

    private readonly Store _store;

    public XarrayOperationsTests(Store store) => _store = store;

    private DataArray T2m()
    {
        if (!_store.Available) Assert.Skip("/usr/bin/python3 with xarray, zarr, scipy and dask is not installed");
        return DatasetOpener.Open(_store.Tmp["in.zarr"])["t2m"];
    }

    private void Same(string name, object? result, double rel = 1e-5)
    {
        var got = Stats.Of(result is DataArray da ? ArrayValues.ReadAll(da.Variable.Data) : (Array)result!).Flat;
        var want = _store.Expected[name];
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++)
            Assert.True(Stats.Close(want[i], got[i], rel, 1e-4), $"{name}[{i}]: ZarrPS {got[i].ToString(CultureInfo.InvariantCulture)}, xarray {want[i].ToString(CultureInfo.InvariantCulture)}");
    }

    [Fact] public void MonthlyClimatology() => Same("month_mean", Grouping.GroupBy(T2m(), "time.month").Reduce(ReduceOp.Mean));

    [Fact]
    public void MonthlyAnomalyStd()
    {
        var t = T2m();
        Same("anom_std", Grouping.GroupBy(t, "time.month").Anomaly(t).Std("time"), 1e-4);
    }

    [Fact] public void DailyMean() => Same("daily_mean", Grouping.Resample(T2m(), "1D").Reduce(ReduceOp.Mean));

    [Fact] public void DailySum() => Same("daily_sum", Grouping.Resample(T2m(), "1D").Reduce(ReduceOp.Sum));

    [Fact] public void DailyMax() => Same("daily_max", Grouping.Resample(T2m(), "1D").Reduce(ReduceOp.Max));

    [Fact] public void SixHourlyFirst() => Same("sixh_first", Grouping.Resample(T2m(), "6H").Gather(GatherOp.First));

    [Fact] public void SixHourlyLast() => Same("sixh_last", Grouping.Resample(T2m(), "6H").Gather(GatherOp.Last));

    [Fact] public void CountByHourOfDay() => Same("hour_count", Grouping.GroupBy(T2m(), "time.hour").Reduce(ReduceOp.Count));

    [Fact]
    public void CoarsenedMeanAndItsCoordinates()
    {
        var c = (DataArray)Grouping.Coarsen(T2m(), new Dictionary<string, int> { ["latitude"] = 2, ["longitude"] = 5 }, CoarsenBoundary.Trim, ReduceOp.Mean);
        Same("coarsen", c);
        Same("coarsen_lat", ArrayValues.ReadAll(c.Coords["latitude"].Data));
    }

    [Fact]
    public void LinearInterpolationOnADescendingGrid()
    {
        var t = T2m().Isel(new Dictionary<string, object> { ["time"] = "0:3" });
        var r = Regridder.Interp(t, new Dictionary<string, double[]> { ["latitude"] = [38.5, 25.0, 11.0], ["longitude"] = [101.0, 117.3, 135.0] });
        Same("interp", r, 1e-5);
    }

    [Fact] public void Median() => Same("median", T2m().Median("time"));

    [Fact] public void StandardDeviation() => Same("std", T2m().Std("time"), 1e-4);
}
