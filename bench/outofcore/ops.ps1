# One out-of-core operation on the 16 GiB store under a 1 GB budget (each run in its own process, under /usr/bin/time -v).
param([string] $Path, [string] $Case, [string] $Out)
$ErrorActionPreference = 'Stop'
$v = (Open-XDataset $Path)['t2m']
$sw = [Diagnostics.Stopwatch]::StartNew()
switch ($Case) {
    'mean' { $r = $v | Measure-XData -Mean -Dim time -MaxMemory 1GB; 'value {0}' -f $r.Values[10, 10] }
    'anomaly_std' { $r = $v | Measure-XAnomaly -By time.month | Measure-XData -Std -Dim time -MaxMemory 1GB; 'value {0}' -f $r.Values[10, 10] }
    # The daily means (1.3 GiB) stream into a store rather than into memory.
    'daily' { $null = $v | Resize-XData -Resample 1D -Method mean -Lazy | Save-XDataset -Path $Out -Force -MaxMemory 1GB }
}
'{0} {1:F1} s' -f $Case, $sw.Elapsed.TotalSeconds
Get-XComputeStat | ForEach-Object ToString
