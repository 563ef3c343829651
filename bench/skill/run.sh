#!/usr/bin/env bash
# bench/skill: Measure-XSkill against the same formulas in xarray + dask (threaded, same chunks) on an ERA5-like year
# (8760 x 121 x 161 float32, Blosc lz4 shuffle, chunks time=24): rmse and pearson_r over time, and both at once.
# One timed run each (after a small warm-up); speedups printed. Not a test; not run by CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/skill}"
cases="${1:-rmse,pearson_r,both}"
/usr/bin/python3 "$root/bench/skill/make_data.py" "$data"
py=$(/usr/bin/python3 "$root/bench/skill/skill_python.py" "$data" "$cases")
ps=$("$root/zarrps" "$root/bench/skill/skill_zarrps.ps1" -Data "$data" -Cases "$cases")
echo "$py"; echo "$ps"; echo
printf '%-10s %12s %10s %8s\n' case xarray+dask zarrps speedup
for c in ${cases//,/ }; do
  p=$(awk -v c="$c" '$1=="xarray" && $2==c {print $3}' <<<"$py")
  z=$(awk -v c="$c" '$1=="zarrps" && $2==c {print $3}' <<<"$ps")
  [ -n "$p" ] && [ -n "$z" ] || continue
  printf '%-10s %11ss %9ss %7.2fx\n' "$c" "$p" "$z" "$(awk -v a="$p" -v b="$z" 'BEGIN{print a/b}')"
done
