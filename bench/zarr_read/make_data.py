"""Writes the zarr_read benchmark stores with zarr-python (Blosc lz4, shuffle), unless they exist."""
import os, sys
import numpy as np
import zarr, numcodecs

out = sys.argv[1]
comp = numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)

def field(shape, seed):
    # Smooth, weather-like values plus noise, float32: compresses like real data, not like zeros.
    rng = np.random.default_rng(seed)
    y = np.linspace(-1, 1, shape[1], dtype=np.float32)[:, None]
    x = np.linspace(-1, 1, shape[2], dtype=np.float32)[None, :]
    for i in range(shape[0]):
        yield i, (280 + 20 * np.cos(3 * y) * np.sin(2 * x + 0.01 * float(i)) + rng.standard_normal((shape[1], shape[2]), dtype=np.float32)).astype("<f4")

def make(name, shape, chunks):
    path = os.path.join(out, name)
    if os.path.exists(os.path.join(path, ".zarray")):
        return
    a = zarr.open_array(path, mode="w", shape=shape, chunks=chunks, dtype="<f4", compressor=comp)
    step = chunks[0] * max(1, 64 // chunks[0])
    buf = []
    for i, plane in field(shape, 7):
        buf.append(plane)
        if len(buf) == step or i == shape[0] - 1:
            a[i - len(buf) + 1 : i + 1] = np.stack(buf)
            buf = []

os.makedirs(out, exist_ok=True)
# (a) 1 GiB float32 in 8 MiB chunks (128 chunks)
make("big_chunks.zarr", (256, 1024, 1024), (2, 1024, 1024))
# (b) 256 MiB float32 in 64 KiB chunks (4,096 chunks)
make("small_chunks.zarr", (1024, 256, 256), (1, 128, 128))
