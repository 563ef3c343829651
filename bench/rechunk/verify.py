"""Values of the rechunked store equal the source's, and its chunks are the target's."""
import sys, numpy as np, zarr
a, b = zarr.open_group(sys.argv[1], mode='r'), zarr.open_group(sys.argv[2], mode='r')
for name in a.array_keys():
    x, y = a[name], b[name]
    assert x.shape == y.shape and x.dtype == y.dtype, name
    for s in range(0, x.shape[0], 720):
        assert np.array_equal(x[s:s + 720], y[s:s + 720], equal_nan=True), (name, s)
print('identical; t2m chunks', b['t2m'].chunks)
