#!/usr/bin/env bash
# bench/convert: NetCDF-4 (zlib) of 1.05 GB of float32 to Zarr (Blosc zstd 3, bitshuffle, 24-hour chunks):
# ZarrPS Convert-ToZarr against xarray open_dataset(chunks) + to_zarr. One run each, each in its own process, with peak RSS.
# Target: ZarrPS at least 2x faster. Needs about 3 GB of disk. Not CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${ZARRPS_BENCH_DATA:-$root/bench/data/convert}"
nt="${NT:-4032}"
mkdir -p "$data"
[ -f "$data/t2m.nc" ] || /usr/bin/python3 "$root/bench/convert/make_data.py" "$data/t2m.nc" "$nt"
printf 'source: %s bytes on disk\n' "$(stat -c %s "$data/t2m.nc")"
/usr/bin/time -v "$root/zarrps" "$root/bench/convert/convert_zarrps.ps1" -Source "$data/t2m.nc" -Destination "$data/zarrps.zarr" > "$data/zarrps.out" 2> "$data/zarrps.time"
/usr/bin/time -v /usr/bin/python3 "$root/bench/convert/convert_python.py" "$data/t2m.nc" "$data/python.zarr" > "$data/python.out" 2> "$data/python.time"
cat "$data/zarrps.out"
z=$(awk '$1=="zarrps" {print $2}' "$data/zarrps.out"); p=$(awk '$1=="python" {print $2}' "$data/python.out")
zr=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$data/zarrps.time"); pr=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$data/python.time")
zs=$(awk '$1=="zarrps" {print $4}' "$data/zarrps.out"); ps=$(awk '$1=="python" {print $4}' "$data/python.out")
printf '%-8s %10s %14s %14s\n' who seconds peak-RSS-MiB store-bytes
printf '%-8s %10s %14.0f %14s\n' zarrps "$z" "$(awk -v r="$zr" 'BEGIN{print r/1024}')" "$zs"
printf '%-8s %10s %14.0f %14s\n' python "$p" "$(awk -v r="$pr" 'BEGIN{print r/1024}')" "$ps"
awk -v z="$z" -v p="$p" 'BEGIN{printf "speed-up (python / zarrps): %.2fx\n", p/z}'
