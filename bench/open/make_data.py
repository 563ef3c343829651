"""Writes the bench/open inputs with xarray unless they exist: a consolidated Zarr store with 50 variables, and
365 daily NetCDF-4 files of hourly ERA5-like fields."""
import os, sys
import numpy as np
import pandas as pd
import xarray as xr

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
lat = np.linspace(40, 10, 31)
lon = np.linspace(100, 140, 41)

store = os.path.join(out, "fifty.zarr")
if not os.path.exists(os.path.join(store, ".zmetadata")):
    time = pd.date_range("2019-01-01", periods=48, freq="h")
    rng = np.random.default_rng(1)
    data = {f"var{i:02d}": (("time", "latitude", "longitude"), rng.standard_normal((48, 31, 41)).astype("f4"),
                            {"units": "K", "long_name": f"variable {i}"}) for i in range(50)}
    ds = xr.Dataset(data, coords={"time": time, "latitude": lat, "longitude": lon})
    ds.chunk({"time": 24}).to_zarr(store, mode="w", consolidated=True)

daily = os.path.join(out, "daily")
if not os.path.exists(os.path.join(daily, "era5_2019-12-31.nc")):
    os.makedirs(daily, exist_ok=True)
    rng = np.random.default_rng(2)
    for day in pd.date_range("2019-01-01", "2019-12-31", freq="D"):
        time = pd.date_range(day, periods=24, freq="h")
        ds = xr.Dataset({v: (("time", "latitude", "longitude"), rng.standard_normal((24, 31, 41)).astype("f4"), {"units": u})
                         for v, u in [("cape", "J kg-1"), ("cin", "J kg-1"), ("kx", "K"), ("blh", "m")]},
                        coords={"time": time, "latitude": lat, "longitude": lon})
        ds.to_netcdf(os.path.join(daily, f"era5_{day:%Y-%m-%d}.nc"), encoding={"time": {"units": "hours since 1900-01-01"}})
