# The workshop's chunk experiments, from PowerShell.
#  1. Chunk size: the same mean over time with three chunkings — time, number of tasks, peak memory.
#  2. Memory: a lazy dataset costs nothing; computing brings the values into memory; persisting keeps them for reuse.
# With no -Path it first writes a synthetic ERA5-like store (about 256 MiB of float32) to a temporary folder.
param(
    [string] $Path,
    [string] $Variable = 't2m',
    [object] $MaxMemory = 1GB
)
$ErrorActionPreference = 'Stop'

function New-SyntheticStore([string] $Where) {
    # time 2184 (13 weeks, hourly) x latitude 121 x longitude 161 ~ 170 MB of float32, stored in chunks of 24 hours.
    $nt = 2184; $ny = 121; $nx = 161
    $time = [long[]]::new($nt)
    $t0 = [datetime]::new(2019, 7, 1).Ticks
    for ($i = 0; $i -lt $nt; $i++) { $time[$i] = ($t0 - [datetime]::UnixEpoch.Ticks + $i * [timespan]::TicksPerHour) * 100 }
    $lat = [double[]]::new($ny); for ($i = 0; $i -lt $ny; $i++) { $lat[$i] = 40 - 0.25 * $i }
    $lon = [double[]]::new($nx); for ($i = 0; $i -lt $nx; $i++) { $lon[$i] = 100 + 0.25 * $i }
    $hours = [float[]]::new($nt); for ($i = 0; $i -lt $nt; $i++) { $hours[$i] = 290 + 8 * [math]::Sin(2 * [math]::PI * $i / 24) }
    $layout = [ZarrPS.Engine.Arrays.ChunkLayout]::Regular([long[]]($nt, $ny, $nx), [int[]](24, $ny, $nx))
    $field = [ZarrPS.Engine.Compute.BroadcastArray]::new([ZarrPS.Engine.Arrays.InMemoryArray]::From($hours), [int[]](0, -1, -1), [long[]]($nt, $ny, $nx), $layout)
    $coords = [System.Collections.Generic.OrderedDictionary[string, ZarrPS.Engine.Model.Variable]]::new()
    $coords['time'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'time', [ZarrPS.Engine.Arrays.InMemoryArray]::From($time, [ZarrPS.Engine.DataType]::DateTime64('ns')), $null, $null)
    $coords['latitude'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'latitude', [ZarrPS.Engine.Arrays.InMemoryArray]::From($lat), $null, $null)
    $coords['longitude'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'longitude', [ZarrPS.Engine.Arrays.InMemoryArray]::From($lon), $null, $null)
    $clean = [ZarrPS.Engine.Model.DataArray]::new($Variable, [ZarrPS.Engine.Model.Variable]::new([string[]]('time', 'latitude', 'longitude'), $field, $null, $null), $coords)
    $latitude = [ZarrPS.Engine.Model.DataArray]::new('latitude', $coords['latitude'], $null)
    $longitude = [ZarrPS.Engine.Model.DataArray]::new('longitude', $coords['longitude'], $null)
    # A term that differs from point to point, so the data compresses like real data rather than like a constant.
    $noisy = $clean + ($latitude * 3.7 + $longitude * 1.1).Sin() * 2
    $vars = [System.Collections.Generic.OrderedDictionary[string, ZarrPS.Engine.Model.Variable]]::new($coords)
    $vars[$Variable] = $noisy.Variable
    $ds = [ZarrPS.Engine.Model.Dataset]::new($vars, [string[]]('time', 'latitude', 'longitude'), $null)
    $null = $ds | Save-XDataset -Path $Where -Force
}

if (-not $Path) {
    $Path = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'zarrps-chunk-experiment.zarr')
    if (-not [IO.Directory]::Exists($Path)) {
        'Writing a synthetic ERA5-like store to {0} ...' -f $Path
        New-SyntheticStore $Path
    }
}

"`n== 1. Chunk size: mean of '$Variable' over time"
'{0,-22} {1,8} {2,7} {3,12} {4,12}' -f 'chunks', 'seconds', 'tasks', 'peak MiB', 'read MiB'
foreach ($chunks in @(@{ time = 24 }, @{ time = 168 }, @{ time = 720 })) {
    $ds = Open-XDataset $Path -Chunks $chunks
    $null = $ds[$Variable] | Measure-XData -Mean -Dim time -MaxMemory $MaxMemory
    $s = Get-XComputeStat
    $label = ($chunks.Keys | ForEach-Object { "$_=$($chunks[$_])" }) -join ', '
    '{0,-22} {1,8:F2} {2,7} {3,12:F1} {4,12:F1}' -f $label, $s.Elapsed.TotalSeconds, $s.Tasks, ($s.PeakMemory / 1MB), ($s.BytesRead / 1MB)
}

"`n== 2. Memory: lazy, compute, persist"
[GC]::Collect()
$base = [GC]::GetTotalMemory($true)
$ds = Open-XDataset $Path
$anomaly = $ds[$Variable] - ($ds[$Variable] | Measure-XData -Mean -Dim time -Lazy)
'lazy:    {0,8:F1} MiB held (nothing read yet)' -f (([GC]::GetTotalMemory($true) - $base) / 1MB)
$sw = [Diagnostics.Stopwatch]::StartNew()
$computed = $anomaly | Invoke-XCompute -MaxMemory $MaxMemory
'compute: {0,8:F1} MiB held, {1:F2} s' -f (([GC]::GetTotalMemory($true) - $base) / 1MB), $sw.Elapsed.TotalSeconds
$computed = $null
[GC]::Collect()
$sw.Restart()
$persisted = $anomaly | Invoke-XCompute -Persist -MaxMemory $MaxMemory
$first = $sw.Elapsed.TotalSeconds
$sw.Restart()
$null = $persisted | Measure-XData -Std -Dim time
'persist: {0,8:F1} MiB held, {1:F2} s to persist, {2:F2} s for a std over the kept chunks' -f (([GC]::GetTotalMemory($true) - $base) / 1MB), $first, $sw.Elapsed.TotalSeconds
