#!/usr/bin/python3
"""Builds coastlines-gshhg-l.bin (shipped with ZarrPS.Plot) from Debian's gmt-gshhg-low package.

Run by hand (apt-get install gmt-gshhg-low python3-netcdf4):
    /usr/bin/python3 src/Plot/Coastlines/make_coastlines.py [/usr/share/gmt-gshhg/binned_GSHHS_l.nc] [out.bin]

GSHHG stores shorelines in 10-degree bins: each bin holds segments, each segment a run of points given as
unsigned 16-bit offsets (1/65535 of the bin size) from the bin's south-west corner. We keep the shoreline
levels 1 (land/ocean) and 2 (lake shores) and write every segment as absolute positions.

Output (little-endian): b"ZCL1", int32 segment count, then per segment: int32 point count, byte level,
and the points as int16 pairs (longitude * 90 in 0..32400, latitude * 90 in -8100..8100).
"""
import struct
import sys

import netCDF4
import numpy as np

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/gmt-gshhg/binned_GSHHS_l.nc"
dst = sys.argv[2] if len(sys.argv) > 2 else "coastlines-gshhg-l.bin"

nc = netCDF4.Dataset(src)
nc.set_auto_mask(False)
v = nc.variables
bin_deg = int(v["Bin_size_in_minutes"][0]) / 60.0
nx = int(v["N_bins_in_360_longitude_range"][0])
n_bins = int(v["N_bins_in_file"][0])
n_points = int(v["N_points_in_file"][0])
first_seg = v["Id_of_first_segment_in_a_bin"][:].astype(np.int64)
n_seg = v["N_segments_in_a_bin"][:].astype(np.int64)
info = v["Embedded_npts_levels_exit_entry_for_a_segment"][:].astype(np.int64)
first_pt = v["Id_of_first_point_in_a_segment"][:].astype(np.int64)
dx = v["Relative_longitude_from_SW_corner_of_bin"][:].astype(np.int64) & 0xFFFF
dy = v["Relative_latitude_from_SW_corner_of_bin"][:].astype(np.int64) & 0xFFFF

segments = []
for b in range(n_bins):
    lon_sw = (b % nx) * bin_deg
    lat_sw = 90.0 - (b // nx + 1) * bin_deg
    for s in range(first_seg[b], first_seg[b] + n_seg[b]):
        npts = int(info[s] >> 9)
        level = int((info[s] >> 6) & 7)
        # Antarctica comes twice: its ice front (level 1, ANT flag set) and its grounding line (level 6), left out.
        if level not in (1, 2):
            continue
        p0 = first_pt[s]
        lon = lon_sw + dx[p0:p0 + npts] * bin_deg / 65535.0
        lat = lat_sw + dy[p0:p0 + npts] * bin_deg / 65535.0
        segments.append((level, lon, lat))

with open(dst, "wb") as f:
    f.write(b"ZCL1")
    f.write(struct.pack("<i", len(segments)))
    total = 0
    for level, lon, lat in segments:
        f.write(struct.pack("<iB", len(lon), level))
        pts = np.empty(2 * len(lon), dtype="<i2")
        pts[0::2] = np.clip(np.rint(lon * 90), 0, 32400)
        pts[1::2] = np.clip(np.rint(lat * 90), -8100, 8100)
        f.write(pts.tobytes())
        total += len(lon)
print(f"{dst}: {len(segments)} segments, {total} points of {n_points} (bin {bin_deg} deg, {n_bins} bins)")
