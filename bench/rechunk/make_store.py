"""A 2.7 GB float32 store t2m(time 8760, latitude 241, longitude 321) chunked (24, 121, 161), Blosc lz4 (xarray's default), as xarray writes it."""
import sys, numpy as np, zarr
from numcodecs import Blosc
path = sys.argv[1]
nt = int(sys.argv[2]) if len(sys.argv) > 2 else 8760
ny, nx = 241, 321
g = zarr.open_group(path, mode='w')
g.attrs['title'] = 'ERA5-like hourly 2 metre temperature'
comp = Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE)
t = g.create_dataset('time', data=np.arange(nt, dtype='i8'), chunks=(nt,), compressor=comp)
t.attrs.update({'_ARRAY_DIMENSIONS': ['time'], 'units': 'hours since 2019-01-01', 'calendar': 'proleptic_gregorian'})
la = g.create_dataset('latitude', data=np.linspace(60, 0, ny).astype('f8'), compressor=comp); la.attrs['_ARRAY_DIMENSIONS'] = ['latitude']
lo = g.create_dataset('longitude', data=np.linspace(60, 140, nx).astype('f8'), compressor=comp); lo.attrs['_ARRAY_DIMENSIONS'] = ['longitude']
v = g.create_dataset('t2m', shape=(nt, ny, nx), chunks=(24, 121, 161), dtype='f4', compressor=comp, fill_value=float('nan'))
v.attrs.update({'_ARRAY_DIMENSIONS': ['time', 'latitude', 'longitude'], 'units': 'K'})
rng = np.random.default_rng(1)
base = (273.15 + 20 * np.cos(np.deg2rad(np.linspace(60, 0, ny))))[:, None] + np.zeros((1, nx))
for s in range(0, nt, 24):
    n = min(24, nt - s)
    field = base[None] + 5 * np.sin(2 * np.pi * np.arange(s, s + n) / 24)[:, None, None] + rng.normal(0, 1, (n, ny, nx))
    v[s:s + n] = np.round(field, 2).astype('f4')
zarr.consolidate_metadata(path)
