#!/usr/bin/env bash
# bench/train: ZarrPS ML loading and training against the Python stack, on the same Zarr store (the synthetic
# ERA5-like sample of New-XSampleDataset: hourly June-July 2019, 0.5 degrees, 61 x 81 points, Blosc lz4).
#  1. batch generation: the same 16 x 16 windows x 32 time steps of cape, cin, kx, blh read into arrays:
#     New-XBatchGenerator + ReadTensor against a Python loop of ds.isel(...) windows (what xbatcher does per batch;
#     xbatcher itself is not packaged for Debian). Target: 10x.
#  2. the whole loop, one epoch: read, batch, tensor, SimpleConvNet train step (Adam), 1 torch thread each:
#     Invoke-XTrain against xarray + torch 1.13 DataLoader (2 workers). Target: 1.5x samples/s, and loading under
#     10% of the step time.
# One run each. Not a test; not run by CI. Needs python3-torch for part 2 (apt-get install python3-torch).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/train}"
limit="${1:-300}"   # batches timed in part 1
mkdir -p "$data"
"$root/zarrps" "$root/bench/train/train_zarrps.ps1" -Data "$data" -Limit "$limit" -MakeOnly
ps=$("$root/zarrps" "$root/bench/train/train_zarrps.ps1" -Data "$data" -Limit "$limit")
py=$(/usr/bin/python3 "$root/bench/train/train_python.py" "$data" "$limit")
echo "$ps"; echo "$py"; echo
get() { awk -v k="$2" '$1==k {print $2}' <<<"$1"; }
zb=$(get "$ps" batches_per_s); pb=$(get "$py" batches_per_s)
printf 'batch generation: zarrps %s batches/s, python isel loop %s batches/s: %.1fx\n' "$zb" "$pb" "$(awk -v a="$zb" -v b="$pb" 'BEGIN{print a/b}')"
zs=$(get "$ps" samples_per_s); psps=$(get "$py" samples_per_s)
if [ -n "$psps" ]; then
  printf 'training loop:    zarrps %s samples/s, xarray + torch DataLoader %s samples/s: %.2fx\n' "$zs" "$psps" "$(awk -v a="$zs" -v b="$psps" 'BEGIN{print a/b}')"
fi
printf 'zarrps loading share of the epoch: %s\n' "$(get "$ps" load_share)"
