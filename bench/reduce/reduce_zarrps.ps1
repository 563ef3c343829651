# ZarrPS on the bench/reduce cases; one warm-up, one timed run each (the results are computed).
param([string] $Data, [string] $Var = 't2m', [string] $Cases = 'mean,anomaly_std,daily,small_mean')
$ds = Open-XDataset ([IO.Path]::Combine($Data, 'era5.zarr'))
$v = $ds[$Var]
$small = (Open-XDataset ([IO.Path]::Combine($Data, 'small.zarr')))['v']
$run = @{
    mean        = { $null = $v | Measure-XData -Mean -Dim time }
    anomaly_std = { $null = $v | Measure-XAnomaly -By time.month | Measure-XData -Std -Dim time }
    daily       = { $null = $v | Resize-XData -Resample 1D -Method mean }
    small_mean  = { $null = $small | Measure-XData -Mean }
}
foreach ($case in $Cases.Split(',')) {
    & $run[$case]
    [GC]::Collect()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $run[$case]
    $sw.Stop()
    'zarrps {0} {1:F4}' -f $case, $sw.Elapsed.TotalSeconds
    $s = Get-XComputeStat
    '# {0}' -f $s
}
