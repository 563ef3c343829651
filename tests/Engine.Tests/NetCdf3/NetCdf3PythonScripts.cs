namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>Python scripts (run with /usr/bin/python3 and netCDF4-python) that write NetCDF-3 files and dump what netCDF4 reads from them.</summary>
internal static class NetCdf3PythonScripts
{
    /// <summary>
    /// argv[1]: output folder. Writes CDF-1/2/5 files covering every nc type, record and fixed variables, the
    /// single-record-variable padding case, zero records, chars and scalars; then reopens each with
    /// auto mask/scale and chartostring off and writes manifest.json plus one little-endian .bin per variable.
    /// </summary>
    public const string MakeFiles = """
import json, os, sys
import numpy as np
import netCDF4

out = sys.argv[1]
rng = np.random.default_rng(20240601)
CLASSIC = ['i1', 'i2', 'i4', 'f4', 'f8']
CDF5 = CLASSIC + ['u1', 'u2', 'u4', 'i8', 'u8']
LETTERS = np.frombuffer(b'abcdefghijklmnopqrstuvwxyz0123456789 _-', dtype='S1')
FORMATS = {'NETCDF3_CLASSIC': 'cdf1', 'NETCDF3_64BIT_OFFSET': 'cdf2', 'NETCDF3_64BIT_DATA': 'cdf5'}


def rand(t, shape):
    dt = np.dtype(t)
    if dt.kind in 'iu':
        info = np.iinfo(dt)
        return rng.integers(info.min, info.max, size=shape, dtype=dt, endpoint=True)
    if dt.kind == 'f':
        return (rng.standard_normal(shape) * 1000).astype(dt)
    return rng.choice(LETTERS, size=shape)


def many_types(path, fmt):
    types = CDF5 if fmt == 'NETCDF3_64BIT_DATA' else CLASSIC
    d = netCDF4.Dataset(path, 'w', format=fmt)
    d.createDimension('time', None)
    d.createDimension('y', 5)
    d.createDimension('x', 7)
    d.createDimension('strlen', 6)
    d.title = 'every nc type'
    d.setncattr('utf8_text', 'temp\u00e9rature \u2713')
    d.setncattr('empty_text', '')
    for t in types:
        d.setncattr('one_' + t, rand(t, (1,))[0])
        d.setncattr('many_' + t, rand(t, (3,)))
    d.setncattr('odd_bytes', np.array([1, -2, 3], 'i1'))
    d.setncattr('odd_shorts', np.array([1, -2, 3], 'i2'))
    for t in types:
        v = d.createVariable('fixed_' + t, t, ('y', 'x'))
        v[:] = rand(t, (5, 7))
        v.units = 'units of ' + t
        v.setncattr('valid_range', rand(t, (2,)))
        s = d.createVariable('scalar_' + t, t, ())
        s.assignValue(rand(t, ()))
    names = d.createVariable('names', 'S1', ('y', 'strlen'))
    names[:] = netCDF4.stringtochar(np.array(['alpha', 'beta', 'gamma', 'delta', 'eps'], 'S6'))
    names.long_name = 'station names'
    letter = d.createVariable('letter', 'S1', ())
    letter.assignValue(b'Q')
    partial = d.createVariable('fixed_partial', 'f4', ('y', 'x'), fill_value=np.float32(1e20))
    partial[0:2, :] = rand('f4', (2, 7))
    nofill = d.createVariable('fixed_default_fill', 'i2', ('y', 'x'))
    nofill[0, :] = rand('i2', (7,))
    nrec = 11
    for t in types:
        v = d.createVariable('rec_' + t, t, ('time', 'y', 'x'), fill_value=rand(t, (1,))[0])
        v[0:nrec] = rand(t, (nrec, 5, 7))
    d.createVariable('rec_time', 'f8', ('time',))[0:nrec] = np.arange(nrec) * 0.5
    d.createVariable('rec_row', 'i1', ('time', 'x'))[0:nrec] = rand('i1', (nrec, 7))
    d.createVariable('rec_chars', 'S1', ('time', 'strlen'))[0:nrec] = rand('S1', (nrec, 6))
    rp = d.createVariable('rec_partial', 'i2', ('time', 'x'), fill_value=np.int16(-999))
    rp[0:4] = rand('i2', (4, 7))
    d.close()


def single_record(path, fmt, t, width):
    d = netCDF4.Dataset(path, 'w', format=fmt)
    d.createDimension('time', None)
    d.createDimension('x', width)
    d.createVariable('fixed_odd', 'i1', ('x',))[:] = rand('i1', (width,))
    d.createVariable('only_record', t, ('time', 'x'))[0:9] = rand(t, (9, width))
    d.close()


def zero_records(path, fmt):
    d = netCDF4.Dataset(path, 'w', format=fmt)
    d.createDimension('time', None)
    d.createDimension('x', 4)
    d.createVariable('rec_a', 'f4', ('time', 'x'))
    d.createVariable('rec_b', 'i2', ('time',))
    d.createVariable('fixed', 'f8', ('x',))[:] = rand('f8', (4,))
    d.close()


def fixed_only(path, fmt):
    d = netCDF4.Dataset(path, 'w', format=fmt)
    d.createDimension('z', 3)
    d.createDimension('y', 4)
    d.createDimension('x', 5)
    d.createVariable('cube', 'f8', ('z', 'y', 'x'))[:] = rand('f8', (3, 4, 5))
    d.createVariable('cube_i2', 'i2', ('z', 'y', 'x'))[:] = rand('i2', (3, 4, 5))
    d.createVariable('vec_i1', 'i1', ('x',))[:] = rand('i1', (5,))
    d.createVariable('cube_f4', 'f4', ('z', 'y', 'x'))[:] = rand('f4', (3, 4, 5))
    d.close()


files = []
for fmt, short in FORMATS.items():
    for kind, make in [('types', many_types), ('zero', zero_records), ('fixed', fixed_only)]:
        name = f'{short}_{kind}.nc'
        make(os.path.join(out, name), fmt)
        files.append(name)
for fmt, t, width in [('NETCDF3_CLASSIC', 'i1', 3), ('NETCDF3_CLASSIC', 'i2', 3), ('NETCDF3_64BIT_OFFSET', 'S1', 5),
                      ('NETCDF3_64BIT_DATA', 'u2', 3), ('NETCDF3_64BIT_DATA', 'u1', 1), ('NETCDF3_CLASSIC', 'f8', 2)]:
    name = f'{FORMATS[fmt]}_single_{t}_{width}.nc'
    single_record(os.path.join(out, name), fmt, t, width)
    files.append(name)


def attr_json(value):
    if isinstance(value, str):
        return {'t': 'str', 'v': value}
    a = np.asarray(value)
    return {'t': a.dtype.str, 'scalar': a.ndim == 0, 'v': np.atleast_1d(a).tolist()}


manifest = {}
for name in files:
    d = netCDF4.Dataset(os.path.join(out, name))
    d.set_auto_maskandscale(False)
    d.set_auto_chartostring(False)
    entry = {'format': d.data_model,
             'dims': [[n, len(dim), dim.isunlimited()] for n, dim in d.dimensions.items()],
             'attrs': {k: attr_json(d.getncattr(k)) for k in d.ncattrs()},
             'vars': []}
    for vn, v in d.variables.items():
        data = np.ascontiguousarray(np.asarray(v[...]))
        data = data.astype(data.dtype.newbyteorder('<'), copy=False)
        data_file = f'{name}.{vn}.bin'
        with open(os.path.join(out, data_file), 'wb') as f:
            f.write(data.tobytes())
        entry['vars'].append({'name': vn, 'dtype': data.dtype.str, 'dims': list(v.dimensions), 'shape': list(v.shape),
                              'attrs': {k: attr_json(v.getncattr(k)) for k in v.ncattrs()}, 'data': data_file})
    d.close()
    manifest[name] = entry
with open(os.path.join(out, 'manifest.json'), 'w') as f:
    json.dump(manifest, f, indent=1)
print('ok', len(files))
""";

    /// <summary>
    /// argv[1]: output file. Writes a 200 MB NETCDF3_64BIT_OFFSET file (two float32 record variables of
    /// 25 x 1000 x 1000), then times netCDF4-python and xarray reading it; prints sums and seconds as JSON.
    /// </summary>
    public const string MakeLargeFile = """
import json, sys, time
import numpy as np
import netCDF4
import xarray as xr

path = sys.argv[1]
rng = np.random.default_rng(1)
d = netCDF4.Dataset(path, 'w', format='NETCDF3_64BIT_OFFSET')
d.createDimension('time', None)
d.createDimension('lat', 1000)
d.createDimension('lon', 1000)
d.createVariable('lat', 'f8', ('lat',))[:] = np.linspace(-90, 90, 1000)
d.createVariable('lon', 'f8', ('lon',))[:] = np.linspace(0, 360, 1000, endpoint=False)
names = ['t2m', 'u10']
for name in names:
    v = d.createVariable(name, 'f4', ('time', 'lat', 'lon'))
    for t in range(25):
        v[t] = rng.random((1000, 1000), dtype=np.float32) * 100 + 200
d.close()
result = {}
d = netCDF4.Dataset(path)
d.set_auto_maskandscale(False)
for name in names:
    t0 = time.perf_counter()
    a = d.variables[name][:]
    t1 = time.perf_counter()
    result[name] = {'sum': float(a.sum(dtype=np.float64)), 'netcdf4_s': t1 - t0}
d.close()
t0 = time.perf_counter()
ds = xr.open_dataset(path, mask_and_scale=False, decode_times=False).load()
result['xarray_load_s'] = time.perf_counter() - t0
ds.close()
print(json.dumps(result))
""";
}
