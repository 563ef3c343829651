"""Times xarray opening the bench/open inputs (one warm-up, one timed run each)."""
import sys, time, glob
import xarray as xr

data = sys.argv[1]
store = f"{data}/fifty.zarr"
pattern = f"{data}/daily/era5_*.nc"

xr.open_zarr(store, consolidated=True)
t = time.perf_counter()
ds = xr.open_zarr(store, consolidated=True)
print(f"xarray zarr50 {time.perf_counter() - t:.4f} {len(ds.data_vars)}")

xr.open_mfdataset(pattern, parallel=False).close()
t = time.perf_counter()
ds = xr.open_mfdataset(pattern, parallel=False)
print(f"xarray daily365 {time.perf_counter() - t:.4f} {ds.sizes['time']}")
