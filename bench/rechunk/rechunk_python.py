"""The peer: dask rechunk + to_zarr (xarray), threaded scheduler."""
import sys, time, shutil, xarray as xr
src, dst, chunks = sys.argv[1], sys.argv[2], {'time': 8760, 'latitude': 10, 'longitude': 10}
shutil.rmtree(dst, ignore_errors=True)
t0 = time.perf_counter()
ds = xr.open_zarr(src)
for v in ds.variables.values():
    v.encoding.pop('chunks', None)
ds.chunk({k: min(n, ds.sizes[k]) for k, n in chunks.items()}).to_zarr(dst, consolidated=True)
print(f"python {time.perf_counter() - t0:.2f} s")
