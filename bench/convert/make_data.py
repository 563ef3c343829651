"""A NetCDF-4 (zlib level 1, shuffle) ERA5-like t2m file of at least 1 GB of float32 values, written time chunk by time chunk."""
import sys, numpy as np, netCDF4
path = sys.argv[1]
nt, ny, nx = int(sys.argv[2]) if len(sys.argv) > 2 else 4032, 181, 360   # 4032 * 181 * 360 * 4 bytes = 1.05 GB
ds = netCDF4.Dataset(path, 'w', format='NETCDF4')
ds.createDimension('time', None); ds.createDimension('latitude', ny); ds.createDimension('longitude', nx)
t = ds.createVariable('time', 'i8', ('time',)); t.units = 'hours since 2019-01-01 00:00:00'; t.calendar = 'proleptic_gregorian'
la = ds.createVariable('latitude', 'f4', ('latitude',)); la.units = 'degrees_north'; la[:] = np.linspace(90, -90, ny)
lo = ds.createVariable('longitude', 'f4', ('longitude',)); lo.units = 'degrees_east'; lo[:] = np.arange(nx, dtype='f4')
v = ds.createVariable('t2m', 'f4', ('time', 'latitude', 'longitude'), zlib=True, complevel=1, shuffle=True, chunksizes=(24, ny, nx))
v.units = 'K'; v.long_name = '2 metre temperature'
rng = np.random.default_rng(0)
base = 273.15 + 30 * np.cos(np.deg2rad(np.linspace(90, -90, ny)))[:, None] + np.zeros((1, nx))
for s in range(0, nt, 24):
    n = min(24, nt - s)
    hours = np.arange(s, s + n)
    field = base[None] + 5 * np.sin(2 * np.pi * hours / 24)[:, None, None] + rng.normal(0, 1, (n, ny, nx))
    v[s:s + n] = np.round(field, 2).astype('f4')
    t[s:s + n] = hours
ds.close()
