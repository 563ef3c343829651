namespace ZarrPS.Engine.Tests.NetCdf4;

/// <summary>Python scripts (run by /usr/bin/python3) that write NetCDF-4/HDF5 files and dump what netCDF4-python reads from them.</summary>
internal static class NetCdf4PythonScripts
{
    /// <summary>
    /// Writes a NetCDF-4 file exercising the data model: every numeric type (compressed, shuffled, chunked with edge
    /// chunks), big-endian variables, an unlimited dimension with several records, a dimension without a coordinate
    /// variable, a scalar, strings (variable and fixed length), string attributes and arrays, a contiguous variable
    /// and a nested group. argv: output path.
    /// </summary>
    public const string WriteNetCdf4 = """
        import sys, numpy as np, netCDF4
        out = sys.argv[1]
        d = netCDF4.Dataset(out, 'w', format='NETCDF4')
        d.title = 'ZarrPS test file'
        d.setncattr('unicode_attr', 'Grüße ☃')
        d.int_attr = np.int32(7)
        d.dbl_array = np.array([1.5, 2.5, 3.5])
        d.i8_attr = np.int8(-5)
        d.u64_attr = np.uint64(2**63 + 5)
        d.setncattr_string('str_array', ['alpha', 'beta', 'gamma'])
        d.createDimension('time', None)
        d.createDimension('y', 7)
        d.createDimension('x', 9)
        d.createDimension('nv', 2)
        d.createDimension('s', 3)
        t = d.createVariable('time', 'f8', ('time',))
        t.units = 'days since 2000-01-01'
        y = d.createVariable('y', 'f4', ('y',)); y[:] = np.linspace(-3, 3, 7)
        x = d.createVariable('x', 'f4', ('x',)); x[:] = np.arange(9) * 0.5
        rng = np.random.default_rng(42)
        types = ['i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'f4', 'f8']
        for ty in types:
            v = d.createVariable('v_' + ty, ty, ('time', 'y', 'x'), zlib=True, shuffle=True, chunksizes=(2, 4, 4), fill_value=np.array(5, dtype=ty))
            v.long_name = 'values of type ' + ty
        for ty in ['i2', 'i4', 'f4', 'f8', 'u8']:
            v = d.createVariable('be_' + ty, np.dtype(ty).newbyteorder('>'), ('time', 'y', 'x'), endian='big', zlib=True, chunksizes=(3, 3, 5), fill_value=np.array(3, dtype=ty))
            v.valid_min = np.array(1, dtype=ty)
        bnds = d.createVariable('x_bnds', 'f8', ('x', 'nv')); bnds[:] = np.stack([np.arange(9) - 0.25, np.arange(9) + 0.25], 1)
        sc = d.createVariable('scalar', 'f8', ()); sc[...] = 42.25
        sc.comment = 'a scalar'
        names = d.createVariable('names', str, ('s',)); names[:] = np.array(['one', 'two ☃', 'three33'], dtype=object)
        chars = d.createVariable('chars', 'S1', ('s', 'nv')); chars[:] = np.array([[b'a', b'b'], [b'c', b'd'], [b'e', b'f']])
        cont = d.createVariable('contig', 'i4', ('y', 'x'), contiguous=True); cont[:] = np.arange(63).reshape(7, 9)
        unwritten = d.createVariable('unwritten', 'i2', ('y', 'x'), zlib=True, chunksizes=(4, 4), fill_value=np.int16(-7))
        d.createDimension('row', 200)
        d.createDimension('col', 1000)
        wide = d.createVariable('wide', 'f8', ('time', 'row', 'col'), zlib=True, complevel=1, chunksizes=(2, 100, 100))
        g = d.createGroup('sub')
        g.comment = 'nested'
        g.createDimension('z', 4)
        gz = g.createVariable('z', 'i4', ('z',)); gz[:] = [10, 20, 30, 40]
        gv = g.createVariable('field', 'f4', ('z', 'x')); gv[:] = np.arange(36, dtype='f4').reshape(4, 9)
        nrec = 5
        t[:nrec] = np.arange(nrec) * 1.5
        for ty in types:
            if ty[0] in 'iu':
                info = np.iinfo(ty)
                a = rng.integers(max(info.min, -1000), min(info.max, 1000), size=(nrec, 7, 9), endpoint=True).astype(ty)
            else:
                a = rng.standard_normal((nrec, 7, 9)).astype(ty)
            d['v_' + ty][:nrec] = a
        for ty in ['i2', 'i4', 'f4', 'f8', 'u8']:
            d['be_' + ty][:nrec] = (np.arange(nrec * 63).reshape(nrec, 7, 9) % 1000).astype(ty)
        wide[:nrec] = rng.standard_normal((nrec, 200, 1000))
        d.close()
        """;

    /// <summary>
    /// Dumps what netCDF4-python reads (auto mask and scale off): dimensions, variables with their stored dtype,
    /// dims, attributes (with numpy dtype), whole arrays and three regions per variable as little-endian raw files.
    /// argv: NetCDF file, output folder. Prints manifest.json's path.
    /// </summary>
    public const string Dump = """
        import sys, os, json, zlib, numpy as np, netCDF4
        src, outdir = sys.argv[1], sys.argv[2]
        d = netCDF4.Dataset(src)
        manifest = {'dims': [], 'vars': {}, 'attrs': {}, 'var_order': []}
        def attr_value(a):
            if isinstance(a, str):
                return {'dtype': 'str', 'value': a}
            if isinstance(a, list):
                return {'dtype': 'str[]', 'value': a}
            a = np.asarray(a)
            if a.dtype.kind in 'SU':
                return {'dtype': 'str', 'value': str(a)}
            v = a.tolist()
            return {'dtype': a.dtype.name, 'value': v if isinstance(v, list) else v, 'scalar': a.ndim == 0 or a.size == 1}
        def raw(data, dt):
            if dt.kind == 'S':
                return np.ascontiguousarray(data).tobytes()
            return np.ascontiguousarray(data, dtype=dt.newbyteorder('<')).tobytes()
        counter = [0]
        def walk(g, prefix):
            for name, dim in g.dimensions.items():
                manifest['dims'].append([prefix + name, len(dim), dim.isunlimited()])
            for name, v in g.variables.items():
                full = prefix + name
                manifest['var_order'].append(full)
                v.set_auto_maskandscale(False)
                rng = np.random.default_rng(zlib.crc32(full.encode()))
                shape = list(v.shape)
                entry = {'dims': [prefix + n if n in g.dimensions else n for n in v.dimensions], 'shape': shape,
                         'attrs': {k: attr_value(v.getncattr(k)) for k in v.ncattrs()},
                         'chunking': v.chunking(), 'endian': v.endian()}
                is_str = v.dtype == str
                entry['dtype'] = 'str' if is_str else v.dtype.str
                regions = [[[0] * len(shape), shape]]
                if len(shape) > 0 and all(n > 0 for n in shape):
                    regions.append([[min(1, n - 1) for n in shape], [n - 2 if n > 2 else n - min(1, n - 1) for n in shape]])
                    regions.append([[n - 1 for n in shape], [1] * len(shape)])
                    st = [int(rng.integers(0, n)) for n in shape]
                    regions.append([st, [int(rng.integers(1, n - s + 1)) for n, s in zip(shape, st)]])
                entry['regions'] = []
                for start, count in regions:
                    data = v[tuple(slice(s, s + c) for s, c in zip(start, count))]
                    region = {'start': start, 'count': count}
                    if is_str:
                        region['strings'] = np.asarray(data, dtype=object).ravel().tolist()
                    else:
                        counter[0] += 1
                        fn = os.path.join(outdir, 'r%d.bin' % counter[0])
                        with open(fn, 'wb') as f:
                            f.write(raw(np.asarray(data), v.dtype))
                        region['file'] = fn
                    entry['regions'].append(region)
                manifest['vars'][full] = entry
            for name, sub in g.groups.items():
                walk(sub, prefix + name + '/')
        manifest['attrs'] = {k: attr_value(d.getncattr(k)) for k in d.ncattrs()}
        walk(d, '')
        path = os.path.join(outdir, 'manifest.json')
        with open(path, 'w') as f:
            json.dump(manifest, f)
        print(path)
        """;

    /// <summary>
    /// Writes plain HDF5 files with h5py: datasets without dimension scales (phony dimensions), a user block, a
    /// big-endian attribute, an LZF-compressed dataset (a filter PureHDF lacks), a compound dataset and a
    /// variable-length integer sequence. argv: output folder.
    /// </summary>
    public const string WriteHdf5 = """
        import sys, os, numpy as np, h5py
        out = sys.argv[1]
        with h5py.File(os.path.join(out, 'phony.h5'), 'w') as f:
            f['a'] = np.arange(12.0).reshape(3, 4)
            f['b'] = np.zeros((4, 5), dtype='i4')
            f['c'] = np.ones((5, 5), dtype='f4')
            f['s'] = np.float64(3.0)
            f.create_group('g')['d'] = np.arange(4, dtype='u2')
        with h5py.File(os.path.join(out, 'userblock.h5'), 'w', userblock_size=512) as f:
            f['v'] = np.arange(6, dtype='>i4').reshape(2, 3)
            f.attrs.create('be_attr', np.array([1.5, -2.25], dtype='>f4'))
            f.attrs.create('be_scalar', np.array(258, dtype='>i2'))
            f.attrs['fixed'] = np.bytes_(b'fixed text')
        with h5py.File(os.path.join(out, 'unsupported.h5'), 'w') as f:
            f.create_dataset('lzf', data=np.arange(100, dtype='f4'), chunks=(10,), compression='lzf')
            f.create_dataset('compound', data=np.zeros(3, dtype=[('a', 'i4'), ('b', 'f8')]))
            vl = f.create_dataset('ragged', (2,), dtype=h5py.vlen_dtype(np.dtype('i4')))
            vl[0] = [1, 2, 3]; vl[1] = [4]
            f['ok'] = np.arange(3, dtype='i8')
        """;

    /// <summary>What netCDF4-python (netCDF-C) makes of a plain HDF5 file: dims per group and each variable's dims. argv: path.</summary>
    public const string NetCdfView = """
        import sys, json, netCDF4
        d = netCDF4.Dataset(sys.argv[1])
        out = {'dims': {}, 'vars': {}}
        def walk(g, prefix):
            for n, dim in g.dimensions.items():
                out['dims'][prefix + n] = len(dim)
            for n, v in g.variables.items():
                out['vars'][prefix + n] = [prefix + x if x in g.dimensions else x for x in v.dimensions]
            for n, sub in g.groups.items():
                walk(sub, prefix + n + '/')
        walk(d, '')
        print(json.dumps(out))
        """;

    /// <summary>
    /// Writes a deflate+shuffle compressed float32 (time, lat, lon) file of ERA5 size (721 x 1440) with chunks
    /// (4, 181, 360). argv: output path, number of time steps.
    /// </summary>
    public const string MakeBenchmarkFile = """
        import sys, numpy as np, netCDF4
        out, nt = sys.argv[1], int(sys.argv[2])
        d = netCDF4.Dataset(out, 'w')
        d.createDimension('time', None); d.createDimension('lat', 721); d.createDimension('lon', 1440)
        v = d.createVariable('t2m', 'f4', ('time', 'lat', 'lon'), zlib=True, complevel=4, shuffle=True, chunksizes=(4, 181, 360))
        lat = np.linspace(-90, 90, 721, dtype='f4')[:, None]
        lon = np.linspace(0, 360, 1440, endpoint=False, dtype='f4')[None, :]
        rng = np.random.default_rng(0)
        base = 280 + 20 * np.cos(np.deg2rad(lat)) + 5 * np.sin(np.deg2rad(3 * lon))
        for i in range(0, nt, 4):
            v[i:i + 4] = np.round(np.stack([base + np.sin(i + k) + rng.normal(0, 0.5, base.shape) for k in range(4)]).astype('f4'), 2)
        d.close()
        """;
}
