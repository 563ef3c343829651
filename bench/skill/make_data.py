"""Writes bench/skill's store with xarray + zarr-python unless it exists: an ERA5-like year (time 8760 hourly x latitude 121
x longitude 161, float32, Blosc lz4 shuffle, chunks time=24) of an observation 'obs' and a forecast 'fct' (the observation
damped, biased, noisy, with a few NaN)."""
import os, sys
import numpy as np
import pandas as pd
import xarray as xr
import zarr, numcodecs

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
comp = numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)
store = os.path.join(out, "skill.zarr")
if not os.path.exists(os.path.join(store, ".zmetadata")):
    time = pd.date_range("2019-01-01", periods=8760, freq="h")
    ds = xr.Dataset(coords={"time": time, "latitude": np.linspace(40, 10, 121), "longitude": np.linspace(100, 140, 161)})
    ds.to_zarr(store, mode="w", consolidated=False, compute=True)
    rng = np.random.default_rng(0)
    hours = np.arange(8760, dtype=np.float32)
    diurnal = np.sin(2 * np.pi * hours / 24)[:, None, None]
    seasonal = np.cos(2 * np.pi * hours / 8760)[:, None, None]
    base = np.linspace(0, 1, 121, dtype=np.float32)[None, :, None] + np.linspace(0, 1, 161, dtype=np.float32)[None, None, :]
    o = zarr.open_array(f"{store}/obs", mode="w", shape=(8760, 121, 161), chunks=(24, 121, 161), dtype="<f4", compressor=comp)
    f = zarr.open_array(f"{store}/fct", mode="w", shape=(8760, 121, 161), chunks=(24, 121, 161), dtype="<f4", compressor=comp)
    for t0 in range(0, 8760, 24 * 30):
        t1 = min(8760, t0 + 24 * 30)
        truth = 290 + 8 * (0.5 * diurnal[t0:t1] + seasonal[t0:t1] + base) + rng.standard_normal((t1 - t0, 121, 161), dtype=np.float32)
        fc = 0.9 * truth + 30 + 1.5 * rng.standard_normal((t1 - t0, 121, 161), dtype=np.float32)
        fc[rng.random(fc.shape) < 1e-4] = np.nan
        o[t0:t1] = truth.astype("<f4")
        f[t0:t1] = fc.astype("<f4")
    for a in (o, f):
        a.attrs["_ARRAY_DIMENSIONS"] = ["time", "latitude", "longitude"]
    zarr.consolidate_metadata(store)
