# The ZarrPS demo: the workshop's main job, growing issue by issue.
# Today: open real climate data (Zarr written by xarray, NetCDF-3 and NetCDF-4 files), look at it, select the
# seed's region and period lazily, and write it to a compressed Zarr store that xarray reads.
param(
    [string] $Fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', 'shared', 'fixtures')),
    [string] $OutDir = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'zarrps-demo')
)
$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
function Step([string] $what) { "`n== {0} ({1:F1} s)" -f $what, $clock.Elapsed.TotalSeconds }

Step 'Open the COADS climatology written by xarray (lazy: metadata only)'
$coads = Open-XDataset ([IO.Path]::Combine($Fixtures, 'xarray-zarr', 'coads.zarr'))
$coads

Step 'Mean sea surface temperature (missing values masked by CF decoding, NaN skipped)'
$mean = $coads['SST'] | Measure-XData -Mean
$count = $coads['SST'] | Measure-XData -Count
'mean SST over {0} valid values: {1:F4} Deg C' -f $count.Values, $mean.Values
Get-XComputeStat | ForEach-Object ToString

Step 'Open CMIP5 near-surface air temperature (NetCDF-4, packed int16) and select the seed region for July 2005'
$tas = Open-XDataset ([IO.Path]::Combine($Fixtures, 'netcdf', 'tas_packed_nc4.nc'))
$july = $tas | Select-XData -Variable tas -Sel @{ lat = @(10, 40); lon = @(100, 140); time = '2005-07' }
$july

Step 'Write the region to Zarr (Blosc zstd, bit shuffle) and read it back'
$out = [IO.Path]::Combine($OutDir, 'tas_region.zarr')
$saved = $tas | Select-XData -Variable tas -Sel @{ lat = @(10, 40); lon = @(100, 140) } |
    Save-XDataset -Path $out -Force -Compressor blosc-zstd
'wrote {0} chunks, {1:N0} bytes in, {2:N0} bytes out, to {3}' -f $saved.Chunks, $saved.BytesIn, $saved.BytesOut, $saved.Path
$back = Open-XDataset $out
'read back: tas {0} {1}, first time {2:yyyy-MM-dd}' -f $back['tas'].DType, ($back['tas'].Shape -join ' x '), $back['time'].Values[0]

Step 'Done'
