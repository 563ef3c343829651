# Writes a 16 GiB float32 store (time 17520 hourly x latitude 485 x longitude 485, chunks of 24 hours) with ZarrPS
# itself, from a lazy synthetic field: diurnal and seasonal cycles plus a pattern that varies point to point.
param([string] $Path, [int] $Hours = 17520, [int] $Size = 485)
$ErrorActionPreference = 'Stop'
$time = [long[]]::new($Hours)
$epoch = [datetime]::new(2019, 1, 1) - [datetime]::UnixEpoch
for ($i = 0; $i -lt $Hours; $i++) { $time[$i] = ($epoch.Ticks + $i * [timespan]::TicksPerHour) * 100 }
$cycle = [float[]]::new($Hours)
for ($i = 0; $i -lt $Hours; $i++) { $cycle[$i] = 285 + 6 * [math]::Sin(2 * [math]::PI * $i / 24) + 10 * [math]::Cos(2 * [math]::PI * $i / 8760) }
$lat = [double[]]::new($Size); for ($i = 0; $i -lt $Size; $i++) { $lat[$i] = 60 - 0.1 * $i }
$lon = [double[]]::new($Size); for ($i = 0; $i -lt $Size; $i++) { $lon[$i] = 90 + 0.1 * $i }
$layout = [ZarrPS.Engine.Arrays.ChunkLayout]::Regular([long[]]($Hours, $Size, $Size), [int[]](24, $Size, $Size))
$field = [ZarrPS.Engine.Compute.BroadcastArray]::new([ZarrPS.Engine.Arrays.InMemoryArray]::From($cycle), [int[]](0, -1, -1), [long[]]($Hours, $Size, $Size), $layout)
$coords = [System.Collections.Generic.OrderedDictionary[string, ZarrPS.Engine.Model.Variable]]::new()
$coords['time'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'time', [ZarrPS.Engine.Arrays.InMemoryArray]::From($time, [ZarrPS.Engine.DataType]::DateTime64('ns')), $null, $null)
$coords['latitude'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'latitude', [ZarrPS.Engine.Arrays.InMemoryArray]::From($lat), $null, $null)
$coords['longitude'] = [ZarrPS.Engine.Model.Variable]::new([string[]]'longitude', [ZarrPS.Engine.Arrays.InMemoryArray]::From($lon), $null, $null)
$t = [ZarrPS.Engine.Model.DataArray]::new('t2m', [ZarrPS.Engine.Model.Variable]::new([string[]]('time', 'latitude', 'longitude'), $field, $null, $null), $coords)
$la = [ZarrPS.Engine.Model.DataArray]::new('latitude', $coords['latitude'], $null)
$lo = [ZarrPS.Engine.Model.DataArray]::new('longitude', $coords['longitude'], $null)
# The coordinates are float64: cast back so the stored variable stays float32, as ERA5's t2m.
$t = ($t + ($la * 2.3 + $lo * 1.7).Sin() * 3).AsType('float32')
$vars = [System.Collections.Generic.OrderedDictionary[string, ZarrPS.Engine.Model.Variable]]::new($coords)
$vars['t2m'] = $t.Variable
$ds = [ZarrPS.Engine.Model.Dataset]::new($vars, [string[]]('time', 'latitude', 'longitude'), $null)
$sw = [Diagnostics.Stopwatch]::StartNew()
$r = $ds | Save-XDataset -Path $Path -Force -Compressor blosc-lz4 -MaxMemory 1GB
'wrote {0:N0} bytes ({1:N0} on disk) in {2:F1} s' -f $r.BytesIn, $r.BytesOut, $sw.Elapsed.TotalSeconds
