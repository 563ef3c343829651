#!/usr/bin/env bash
# bench/reduce: ZarrPS against xarray + dask (threaded, same chunks) on an ERA5-like year (8760 x 121 x 161 float32,
# Blosc lz4 shuffle, chunks time=24): mean over time, monthly anomaly std, daily resample; and a mean over 4,096
# chunks of 64 KiB. One timed run each (after one warm-up), ratios printed, plus the c-blosc floor.
# Not a test; not run by CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/reduce}"
var="${1:-t2m}"
/usr/bin/python3 "$root/bench/reduce/make_data.py" "$data"
py=$(/usr/bin/python3 "$root/bench/reduce/reduce_python.py" "$data" "$var")
ps=$("$root/zarrps" "$root/bench/reduce/reduce_zarrps.ps1" -Data "$data" -Var "$var")
echo "$py"; echo "$ps"; echo
floor=$(awk '$1=="floor" {print $3}' <<<"$py")
printf '%-12s %10s %10s %8s %12s\n' case xarray+dask zarrps speedup vs-floor
for c in mean anomaly_std daily small_mean; do
  p=$(awk -v c="$c" '$1=="xarray" && $2==c {print $3}' <<<"$py")
  z=$(awk -v c="$c" '$1=="zarrps" && $2==c {print $3}' <<<"$ps")
  [ -n "$z" ] || continue
  vs=$([ "$c" = small_mean ] && echo "-" || awk -v z="$z" -v f="$floor" 'BEGIN{printf "%.2fx", z/f}')
  printf '%-12s %9ss %9ss %7.2fx %12s\n' "$c" "$p" "$z" "$(awk -v a="$p" -v b="$z" 'BEGIN{print a/b}')" "$vs"
done
echo "floor (c-blosc, 2 threads, one variable's chunks in memory): ${floor}s"
