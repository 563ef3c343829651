#!/usr/bin/env bash
# bench/open: Open-XDataset against xr.open_zarr(consolidated=True) on a 50-variable store, and against
# xr.open_mfdataset(parallel=False) on 365 daily NetCDF-4 files; one timed run each, ratios printed.
# Not a test; not run by CI. Needs /usr/bin/python3 with xarray, zarr, netCDF4, dask.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/open}"
/usr/bin/python3 "$root/bench/open/make_data.py" "$data"
py=$(/usr/bin/python3 "$root/bench/open/open_python.py" "$data")
ps=$("$root/zarrps" "$root/bench/open/open_zarrps.ps1" -Data "$data")
echo "$py"; echo "$ps"; echo
printf '%-10s %10s %10s %8s %s\n' case xarray zarrps speedup check
for c in zarr50 daily365; do
  p=$(awk -v c="$c" '$2==c {print $3}' <<<"$py"); pn=$(awk -v c="$c" '$2==c {print $4}' <<<"$py")
  z=$(awk -v c="$c" '$2==c {print $3}' <<<"$ps"); zn=$(awk -v c="$c" '$2==c {print $4}' <<<"$ps")
  check=$([ "$pn" = "$zn" ] && echo "same size ($pn)" || echo "SIZES DIFFER ($pn vs $zn)")
  printf '%-10s %9ss %9ss %7.2fx %s\n' "$c" "$p" "$z" "$(awk -v a="$p" -v b="$z" 'BEGIN{print a/b}')" "$check"
done
