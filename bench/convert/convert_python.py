"""The peer: xarray open_dataset(chunks=...) + to_zarr with Blosc zstd 3 bitshuffle, dask's threaded scheduler."""
import sys, time, shutil, os, xarray as xr
from numcodecs import Blosc
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True)
t0 = time.perf_counter()
ds = xr.open_dataset(src, chunks={'time': 24})
comp = Blosc(cname='zstd', clevel=3, shuffle=Blosc.BITSHUFFLE)
ds.to_zarr(dst, encoding={v: {'compressor': comp} for v in ds.variables}, consolidated=True)
secs = time.perf_counter() - t0
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(dst) for f in fs)
print(f"python {secs:.2f} s {size}")
