#!/usr/bin/env bash
# bench/rechunk: a 2.7 GB float32 store (8760, 241, 321) chunked (24, 121, 161) rechunked to (8760, 10, 10):
# ZarrPS Optimize-XZarr -MaxMemory 512MB against dask rechunk + to_zarr. One run each in its own process, peak RSS from
# /usr/bin/time -v, values checked. Targets: ZarrPS peak RSS under 0.8 GiB and at least 2x faster. Needs ~8 GB of disk. Not CI.
# PEER=0 skips the dask run (it may need several GB of memory).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/rechunk}"
nt="${NT:-8760}"
mkdir -p "$data"
[ -f "$data/src.zarr/.zmetadata" ] || /usr/bin/python3 "$root/bench/rechunk/make_store.py" "$data/src.zarr" "$nt"
/usr/bin/time -v "$root/zarrps" "$root/bench/rechunk/rechunk_zarrps.ps1" -Source "$data/src.zarr" -Destination "$data/zarrps.zarr" -TempStore "$data/tmp.zarr" > "$data/zarrps.out" 2> "$data/zarrps.time"
cat "$data/zarrps.out"
/usr/bin/python3 "$root/bench/rechunk/verify.py" "$data/src.zarr" "$data/zarrps.zarr"
z=$(awk '$1=="zarrps" {print $2}' "$data/zarrps.out")
zr=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$data/zarrps.time")
printf '%-8s %10s %14s\n' who seconds peak-RSS-MiB
printf '%-8s %10s %14.0f\n' zarrps "$z" "$(awk -v r="$zr" 'BEGIN{print r/1024}')"
if [ "${PEER:-1}" != 0 ]; then
  /usr/bin/time -v /usr/bin/python3 "$root/bench/rechunk/rechunk_python.py" "$data/src.zarr" "$data/python.zarr" > "$data/python.out" 2> "$data/python.time" || true
  p=$(awk '$1=="python" {print $2}' "$data/python.out")
  pr=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$data/python.time")
  printf '%-8s %10s %14.0f\n' python "${p:-failed}" "$(awk -v r="${pr:-0}" 'BEGIN{print r/1024}')"
  [ -n "$p" ] && awk -v z="$z" -v p="$p" 'BEGIN{printf "speed-up (python / zarrps): %.2fx\n", p/z}'
fi
