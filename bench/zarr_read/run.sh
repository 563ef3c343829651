#!/usr/bin/env bash
# bench/zarr_read: ZarrPS against zarr-python `arr[...]` on the same stores, one timed run each, ratios printed.
# Not a test; not run by CI. Needs /usr/bin/python3 with zarr (./zarrps test installs it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/zarr_read}"
/usr/bin/python3 "$root/bench/zarr_read/make_data.py" "$data"
names=(big_chunks.zarr small_chunks.zarr)
py=$(/usr/bin/python3 "$root/bench/zarr_read/read_zarr_python.py" "$data" "${names[@]}")
ps=$("$root/zarrps" "$root/bench/zarr_read/read_zarrps.ps1" -Data "$data" -Names "$(IFS=,; echo "${names[*]}")")
echo "$py"
echo "$ps"
echo
printf '%-20s %12s %12s %8s %s\n' array zarr-python zarrps speedup check
for n in "${names[@]}"; do
  p=$(awk -v n="$n" '$2==n {print $3}' <<<"$py"); pv=$(awk -v n="$n" '$2==n {print $4}' <<<"$py")
  z=$(awk -v n="$n" '$2==n {print $3}' <<<"$ps"); zv=$(awk -v n="$n" '$2==n {print $4}' <<<"$ps")
  check=$([ "$pv" = "$zv" ] && echo "same last value" || echo "LAST VALUE DIFFERS ($pv vs $zv)")
  printf '%-20s %11ss %11ss %7.2fx %s\n' "$n" "$p" "$z" "$(awk -v a="$p" -v b="$z" 'BEGIN{print a/b}')" "$check"
done
