"""Times zarr-python reading each whole benchmark array with arr[...] (one warm-up, one timed run)."""
import sys, time
import zarr

for name in sys.argv[2:]:
    a = zarr.open_array(f"{sys.argv[1]}/{name}", mode="r")
    a[...]  # warm-up: page cache and imports, as for ZarrPS
    t = time.perf_counter()
    v = a[...]
    dt = time.perf_counter() - t
    print(f"zarr-python {name} {dt:.4f} {float(v[-1, -1, -1]):.4f}")
