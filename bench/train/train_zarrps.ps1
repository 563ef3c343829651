# ZarrPS side of bench/train (see run.sh). -MakeOnly writes the store if missing.
param([string] $Data, [int] $Limit = 300, [switch] $MakeOnly)
$store = [IO.Path]::Combine($Data, 'sample.zarr')
if (-not [IO.Directory]::Exists($store)) {
    $null = New-XSampleDataset -Start 2019-06-01 -End 2019-08-01 -Resolution 0.5 -Levels @() -Seed 7 -Path $store
}
if ($MakeOnly) { return }
$features = [string[]] @('cape', 'cin', 'kx', 'blh')
$ds = Open-XDataset $store
$bg = New-XBatchGenerator $ds -InputDims ([ordered]@{ latitude = 16; longitude = 16 }) -BatchDims @{ time = 32 }
$n = [Math]::Min($Limit, $bg.Count)
# Warm-up (JIT tiering) on the last 60 batches, whose time slices the timed batches do not use.
for ($i = $bg.Count - 60; $i -lt $bg.Count; $i++) { $null = $bg[$i].ReadTensor($features) }
$sw = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $n; $i++) { $null = $bg[$i].ReadTensor($features) }
$sw.Stop()
'batches {0}' -f $n
'batches_per_s {0:F1}' -f ($n / $sw.Elapsed.TotalSeconds)
$m = Invoke-XTrain -Generator $bg -Feature $features -Label tp -LabelThreshold 0.005 -Epochs 1 -Seed 1 -Threads 1 -NoShuffle
$h = $m.History[0]
'samples {0}' -f $h.Samples
'epoch_s {0:F2}' -f $h.Seconds
'samples_per_s {0:F1}' -f $h.SamplesPerSecond
'load_share {0:P1}' -f ($h.LoadWaitSeconds / $h.Seconds)
