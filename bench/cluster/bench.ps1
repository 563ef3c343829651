# Throughput of the cluster executor beside the local scheduler on one machine: a mean over time and a store-to-store
# copy (Save-XDataset) of an ERA5-like float32 store, locally, then on 1 and 2 zarrps-worker silo processes.
# Run by hand (bench/cluster/run.sh); not a test. Prints MB/s of stored values read and the ratio to local.
param([string] $Path = '/tmp/zarrps-bench-cluster.zarr', [int] $Hours = 1440, [int] $Lat = 181, [int] $Lon = 360, [int[]] $Silos = @(1, 2))
$ErrorActionPreference = 'Stop'

if (-not [IO.Directory]::Exists($Path)) {
    $cycle = [float[]]::new($Hours)
    for ($i = 0; $i -lt $Hours; $i++) { $cycle[$i] = 285 + 6 * [math]::Sin(2 * [math]::PI * $i / 24) }
    $layout = [ZarrPS.Engine.Arrays.ChunkLayout]::Regular([long[]]($Hours, $Lat, $Lon), [int[]](24, $Lat, $Lon))
    $field = [ZarrPS.Engine.Compute.BroadcastArray]::new([ZarrPS.Engine.Arrays.InMemoryArray]::From($cycle), [int[]](0, -1, -1), [long[]]($Hours, $Lat, $Lon), $layout)
    $la = [double[]]::new($Lat); for ($i = 0; $i -lt $Lat; $i++) { $la[$i] = 90 - $i }
    $lo = [double[]]::new($Lon); for ($i = 0; $i -lt $Lon; $i++) { $lo[$i] = $i }
    $coords = [System.Collections.Generic.OrderedDictionary[string, ZarrPS.Engine.Model.Variable]]::new()
    $coords['time'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'time', [ZarrPS.Engine.Arrays.InMemoryArray]::From([double[]](0..($Hours - 1))), $null, $null)
    $coords['latitude'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'latitude', [ZarrPS.Engine.Arrays.InMemoryArray]::From($la), $null, $null)
    $coords['longitude'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'longitude', [ZarrPS.Engine.Arrays.InMemoryArray]::From($lo), $null, $null)
    $t = [ZarrPS.Engine.Model.DataArray]::new('t2m', [ZarrPS.Engine.Model.Variable]::new([string[]]('time', 'latitude', 'longitude'), $field, $null, $null), $coords)
    $a = [ZarrPS.Engine.Model.DataArray]::new('latitude', $coords['latitude'], $null)
    $b = [ZarrPS.Engine.Model.DataArray]::new('longitude', $coords['longitude'], $null)
    $t = ($t + ($a * 0.7 + $b * 0.3).Sin() * 3).AsType('float32')
    $vars = [System.Collections.Generic.OrderedDictionary[string, ZarrPS.Engine.Model.Variable]]::new($coords)
    $vars['t2m'] = $t.Variable
    $null = [ZarrPS.Engine.Model.Dataset]::new($vars, [string[]]('time', 'latitude', 'longitude'), $null) | Save-XDataset -Path $Path -Force -Compressor blosc-lz4
}
$mb = [double]$Hours * $Lat * $Lon * 4 / 1e6
$copy = "$Path.copy.zarr"

function Measure-Case([string] $Name, [scriptblock] $Work) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Work
    $s = $sw.Elapsed.TotalSeconds
    [pscustomobject]@{ Case = $Name; Seconds = $s; MBps = $mb / $s }
}

$ds = Open-XDataset $Path
$v = $ds['t2m']
$rows = [System.Collections.Generic.List[object]]::new()
$null = $v | Measure-XData -Mean -Dim time            # warm-up (JIT, page cache)
$rows.Add((Measure-Case 'local mean' { $v | Measure-XData -Mean -Dim time }))
$rows.Add((Measure-Case 'local copy' { $ds | Save-XDataset -Path $copy -Force }))
$localMean = $rows[0]; $localCopy = $rows[1]
foreach ($n in $Silos) {
    $c = Start-XCluster -Workers $n
    try {
        $null = $v | Measure-XData -Mean -Dim time -Cluster $c   # warm-up: each silo opens the store, JITs the kernels
        $m = Measure-Case "$n silo mean" { $v | Measure-XData -Mean -Dim time -Cluster $c }
        $rows.Add($m)
        $w = Measure-Case "$n silo copy" { $ds | Save-XDataset -Path $copy -Force -Cluster $c }
        $rows.Add($w)
        '  ' + $c.LastRun.ToString()
    }
    finally {
        Stop-XCluster $c
    }
}
'store: {0:N0} MB of float32 (time {1} x {2} x {3}, chunks of 24 steps), {4} cores' -f $mb, $Hours, $Lat, $Lon, [Environment]::ProcessorCount
foreach ($r in $rows) {
    $base = if ($r.Case -like '*mean') { $localMean } else { $localCopy }
    '{0,-14} {1,7:F2} s {2,8:F0} MB/s  x{3:F2} of local' -f $r.Case, $r.Seconds, $r.MBps, ($base.Seconds / $r.Seconds)
}
