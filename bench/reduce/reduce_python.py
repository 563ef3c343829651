"""xarray + dask (threaded scheduler, the stores' own chunks) on the bench/reduce cases; one warm-up, one timed run each.
Also the floor: c-blosc (numcodecs, 2 threads) decompressing every chunk of one variable held in memory."""
import sys, time, os, glob
import dask
import numcodecs
import xarray as xr

data, var = sys.argv[1], sys.argv[2]
dask.config.set(scheduler="threads")
ds = xr.open_zarr(f"{data}/era5.zarr")
v = ds[var]

def timed(name, f):
    f()
    t = time.perf_counter()
    f()
    print(f"xarray {name} {time.perf_counter() - t:.4f}", flush=True)

timed("mean", lambda: v.mean("time").compute())
def anomaly_std():
    g = v.groupby("time.month")
    return (g - g.mean("time")).std("time").compute()
timed("anomaly_std", anomaly_std)
timed("daily", lambda: v.resample(time="1D").mean().compute())
small = xr.open_zarr(f"{data}/small.zarr")["v"]
timed("small_mean", lambda: small.mean().compute())

# The floor: decompressing every chunk of the variable (bytes already in memory), c-blosc with 2 threads.
numcodecs.blosc.set_nthreads(2)
chunks = [open(p, "rb").read() for p in sorted(glob.glob(f"{data}/era5.zarr/{var}/*.*.*"))]
for c in chunks[:10]: numcodecs.blosc.decompress(c)
t = time.perf_counter()
for c in chunks: numcodecs.blosc.decompress(c)
print(f"floor blosc {time.perf_counter() - t:.4f}", flush=True)
