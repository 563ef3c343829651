# Times Open-XDataset on the bench/open inputs (one warm-up, one timed run each).
param([string] $Data)
$store = [IO.Path]::Combine($Data, 'fifty.zarr')
$pattern = [IO.Path]::Combine($Data, 'daily', 'era5_*.nc')

$null = Open-XDataset $store
$sw = [Diagnostics.Stopwatch]::StartNew()
$ds = Open-XDataset $store
$sw.Stop()
"zarrps zarr50 {0:F4} {1}" -f $sw.Elapsed.TotalSeconds, $ds.DataVars.Count

$null = Open-XDataset $pattern
$sw = [Diagnostics.Stopwatch]::StartNew()
$ds = Open-XDataset $pattern
$sw.Stop()
"zarrps daily365 {0:F4} {1}" -f $sw.Elapsed.TotalSeconds, $ds.Dims['time']
