"""xarray + dask (threaded scheduler, the store's chunks) computing rmse and pearson_r over time with xskillscore's formulas
(skipna: pairs with NaN dropped together). xskillscore itself is not packaged here; these are its numpy steps in xarray.
A small warm-up, then one timed run per case; prints a checksum to compare with ZarrPS."""
import sys, time
import numpy as np
import dask
import xarray as xr

dask.config.set(scheduler="threads")
ds = xr.open_zarr(f"{sys.argv[1]}/skill.zarr")

def rmse(o, f):
    ok = o.notnull() & f.notnull()
    return np.sqrt(((o - f) ** 2).where(ok).mean("time"))

def pearson_r(o, f):
    ok = o.notnull() & f.notnull()
    o, f = o.where(ok), f.where(ok)
    am, bm = o - o.mean("time"), f - f.mean("time")
    return ((am * bm).sum("time") / np.sqrt((am ** 2).sum("time") * (bm ** 2).sum("time"))).clip(-1, 1)

def run(o, f, case):
    if case == "rmse":
        return [rmse(o, f).compute()]
    if case == "pearson_r":
        return [pearson_r(o, f).compute()]
    return list(dask.compute(rmse(o, f), pearson_r(o, f)))

small = ds.isel(time=slice(0, 48))
for case in sys.argv[2].split(","):
    run(small["obs"], small["fct"], case)
    t = time.perf_counter()
    res = run(ds["obs"], ds["fct"], case)
    dt = time.perf_counter() - t
    print(f"xarray {case} {dt:.4f} checksum " + " ".join(f"{float(r.sum()):.6f}" for r in res), flush=True)
