"""Writes the bench/reduce stores with xarray + zarr-python unless they exist:
era5.zarr — ERA5-like float32 (time 8760 hourly x latitude 121 x longitude 161), 4 variables, Blosc lz4 shuffle,
chunks time=24 (about 1.9 MB each); small.zarr — 256 MiB float32 in 64 KiB chunks (4,096 chunks)."""
import os, sys
import numpy as np
import pandas as pd
import xarray as xr
import zarr, numcodecs

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
comp = numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)

era5 = os.path.join(out, "era5.zarr")
if not os.path.exists(os.path.join(era5, ".zmetadata")):
    time = pd.date_range("2019-01-01", periods=8760, freq="h")
    lat = np.linspace(40, 10, 121)
    lon = np.linspace(100, 140, 161)
    ds = xr.Dataset(coords={"time": time, "latitude": lat, "longitude": lon})
    ds.to_zarr(era5, mode="w", consolidated=False, compute=True)
    rng = np.random.default_rng(0)
    hours = np.arange(8760, dtype=np.float32)
    diurnal = np.sin(2 * np.pi * hours / 24)[:, None, None]
    seasonal = np.cos(2 * np.pi * hours / 8760)[:, None, None]
    base = np.linspace(0, 1, 121, dtype=np.float32)[None, :, None] + np.linspace(0, 1, 161, dtype=np.float32)[None, None, :]
    for name, scale, offset in [("t2m", 8, 290), ("cape", 400, 800), ("blh", 300, 700), ("tp", 0.002, 0.002)]:
        arr = zarr.open_array(f"{era5}/{name}", mode="w", shape=(8760, 121, 161), chunks=(24, 121, 161), dtype="<f4", compressor=comp)
        for t0 in range(0, 8760, 24 * 30):
            t1 = min(8760, t0 + 24 * 30)
            block = offset + scale * (0.5 * diurnal[t0:t1] + seasonal[t0:t1] + base) + rng.standard_normal((t1 - t0, 121, 161), dtype=np.float32) * scale * 0.1
            arr[t0:t1] = block.astype("<f4")
        arr.attrs["_ARRAY_DIMENSIONS"] = ["time", "latitude", "longitude"]
    zarr.consolidate_metadata(era5)

small = os.path.join(out, "small.zarr")
if not os.path.exists(os.path.join(small, ".zmetadata")):
    rng = np.random.default_rng(1)
    arr = zarr.open_array(f"{small}/v", mode="w", shape=(1024, 256, 256), chunks=(1, 128, 128), dtype="<f4", compressor=comp)
    for t0 in range(0, 1024, 64):
        arr[t0:t0 + 64] = (280 + rng.standard_normal((64, 256, 256), dtype=np.float32)).astype("<f4")
    arr.attrs["_ARRAY_DIMENSIONS"] = ["time", "y", "x"]
    root = zarr.open_group(small, mode="a")
    zarr.consolidate_metadata(small)
