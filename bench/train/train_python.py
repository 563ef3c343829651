"""Python side of bench/train (see run.sh): an xarray isel loop over the same windows (xbatcher's per-batch work),
then one epoch of xarray + torch DataLoader + the same SimpleConvNet."""
import itertools, os, sys, time
import numpy as np
import xarray as xr

data, limit = sys.argv[1], int(sys.argv[2])
ds = xr.open_zarr(os.path.join(data, "sample.zarr"))
features = ["cape", "cin", "kx", "blh"]

def slices(size, length):
    return [slice(s, s + length) for s in range(0, size, length) if s + length <= size]

windows = list(itertools.product(slices(ds.sizes["time"], 32), slices(ds.sizes["latitude"], 16), slices(ds.sizes["longitude"], 16)))
n = min(limit, len(windows))
for t, y, x in windows[-60:]:  # warm-up on the last 60 windows, as the ZarrPS side
    np.stack([ds[f].isel(time=t, latitude=y, longitude=x).values for f in features])
t0 = time.perf_counter()
for t, y, x in windows[:n]:
    b = ds[features].isel(time=t, latitude=y, longitude=x).load()
    arr = np.stack([b[f].values for f in features])
dt = time.perf_counter() - t0
print(f"batches {n}")
print(f"batches_per_s {n / dt:.1f}")

try:
    import torch
except ImportError:
    print("# torch not installed: apt-get install python3-torch for the training loop")
    sys.exit(0)
torch.set_num_threads(1)
torch.manual_seed(1)
mean = {f: float(ds[f].mean().compute()) for f in features}
std = {f: float(ds[f].std().compute()) for f in features}

# The workers are forked: read without dask (its thread pool does not survive a fork).
plain = xr.open_zarr(os.path.join(data, "sample.zarr"), chunks=None)

class Windows(torch.utils.data.Dataset):
    def __len__(self):
        return len(windows)
    def __getitem__(self, i):
        t, y, x = windows[i]
        b = plain[features + ["tp"]].isel(time=t, latitude=y, longitude=x).load()
        xs = np.stack([(b[f].values - mean[f]) / std[f] for f in features], axis=1).astype(np.float32)  # (time, C, H, W)
        mask = np.isfinite(xs).all(axis=1).astype(np.float32)
        xs = np.nan_to_num(xs)
        label = (b["tp"].values > 0.005).astype(np.float32)
        return torch.from_numpy(xs), torch.from_numpy(label), torch.from_numpy(mask)

model = torch.nn.Sequential(
    torch.nn.Conv2d(4, 16, 3, padding=1), torch.nn.ReLU(),
    torch.nn.Conv2d(16, 16, 3, padding=1), torch.nn.ReLU(),
    torch.nn.Conv2d(16, 1, 1))
opt = torch.optim.Adam(model.parameters(), 1e-3)
loader = torch.utils.data.DataLoader(Windows(), batch_size=None, shuffle=False, num_workers=2, prefetch_factor=4)
samples, wait = 0, 0.0
t0 = time.perf_counter()
tw = time.perf_counter()
for xs, label, mask in loader:
    wait += time.perf_counter() - tw
    logits = model(xs).squeeze(1)
    loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, label, reduction="none") * mask).sum() / mask.sum().clamp_min(1)
    opt.zero_grad(); loss.backward(); opt.step()
    samples += xs.shape[0]
    tw = time.perf_counter()
dt = time.perf_counter() - t0
print(f"samples {samples}")
print(f"epoch_s {dt:.2f}")
print(f"samples_per_s {samples / dt:.1f}")
print(f"python_load_share {wait / dt:.3f}")
