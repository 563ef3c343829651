#!/usr/bin/env bash
# bench/outofcore: a 16 GiB float32 store reduced under -MaxMemory 1GB — mean over time, monthly anomaly std, and an
# hourly-to-daily resample written to a store — each in its own process, with peak RSS from /usr/bin/time -v.
# Target: peak RSS under 1.5 GiB for each. Needs about 16 GB of free disk (the store compresses to less). Not CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/outofcore}"
mkdir -p "$data"
[ -f "$data/t2m16.zarr/.zmetadata" ] || "$root/zarrps" "$root/bench/outofcore/make_store.ps1" -Path "$data/t2m16.zarr"
printf '%-12s %10s %14s\n' case seconds peak-RSS-MiB
for c in mean anomaly_std daily; do
  /usr/bin/time -v "$root/zarrps" "$root/bench/outofcore/ops.ps1" -Path "$data/t2m16.zarr" -Case "$c" -Out "$data/daily.zarr" > "$data/$c.out" 2> "$data/$c.time"
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$data/$c.time")
  secs=$(awk -v c="$c" '$1==c && $3=="s" {print $2; exit}' "$data/$c.out")
  printf '%-12s %10s %14.0f\n' "$c" "$secs" "$(awk -v r="$rss" 'BEGIN{print r/1024}')"
done
