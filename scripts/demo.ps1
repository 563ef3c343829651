# The ZarrPS demo: the workshop's main job, growing issue by issue.
# Part 1: open real climate data (Zarr written by xarray, NetCDF-3 and NetCDF-4 files), look at it, select the
# seed's region and period lazily, and write it to a compressed Zarr store that xarray reads.
# Part 2, the ML workshop: synthetic ERA5-like sample data (two training years, one validation year) written as
# Zarr -> region selection -> labels (tp > 5 mm/h) -> batches (xbatcher's rules) -> training a CNN (TorchSharp)
# -> predictions back as (time, latitude, longitude) arrays -> saved and re-imported model.
# Defaults finish in under 3 minutes on 2 cores; -Full runs the larger version (3-hourly, 0.5 degrees, 3 epochs).
param(
    [string] $Fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', 'shared', 'fixtures')),
    [string] $OutDir = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'zarrps-demo'),
    [switch] $Full,
    [switch] $SkipPart1
)
$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
function Step([string] $what) { "`n== {0} ({1:F1} s)" -f $what, $clock.Elapsed.TotalSeconds }

if (-not $SkipPart1) {
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

}

# ------------------------------------------------------------------------------------------ the ML workshop
$step = if ($Full) { 3 } else { 6 }
$resolution = if ($Full) { 0.5 } else { 1.0 }
$epochs = if ($Full) { 3 } else { 2 }

Step ("Make the SYNTHETIC ERA5-like sample: 2019-2020 for training, 2021 for validation ({0}-hourly, {1} degrees) and write it as Zarr" -f $step, $resolution)
$trainStore = [IO.Path]::Combine($OutDir, 'era5_sample_train.zarr')
$valStore = [IO.Path]::Combine($OutDir, 'era5_sample_val.zarr')
$null = New-XSampleDataset -Kind Era5Convection -Start 2019-01-01 -End 2021-01-01 -StepHours $step -Resolution $resolution -Latitude 5, 45 -Longitude 95, 145 -Levels @() -Seed 1 -Path $trainStore -Force
$null = New-XSampleDataset -Kind Era5Convection -Start 2021-01-01 -End 2022-01-01 -StepHours $step -Resolution $resolution -Latitude 5, 45 -Longitude 95, 145 -Levels @() -Seed 2 -Path $valStore -Force
'wrote {0} and {1}' -f $trainStore, $valStore

Step 'Open the stores and select the seed region (10-40 N, 100-140 E) lazily'
$train = Open-XDataset $trainStore | Select-XData -Variable cape, cin, kx, blh, tp -Latitude 10, 40 -Longitude 100, 140
$val = Open-XDataset $valStore | Select-XData -Variable cape, cin, kx, blh, tp -Latitude 10, 40 -Longitude 100, 140
$train
$wet = ($train['tp'].Gt(0.005) | Measure-XData -Mean).Values
'label: convection_flag = tp > 0.005 m (5 mm/h); {0:P1} of the training points are convective' -f $wet

Step 'Cut batches as xbatcher does: 16 x 16 windows, 32 time steps a batch'
$bg = New-XBatchGenerator $train -InputDims ([ordered]@{ latitude = 16; longitude = 16 }) -BatchDims @{ time = 32 } -Preload
$vbg = New-XBatchGenerator $val -InputDims ([ordered]@{ latitude = 16; longitude = 16 }) -BatchDims @{ time = 32 } -Preload
'{0} training batches, {1} validation batches; {2}' -f $bg.Count, $vbg.Count, $bg[0]

Step ("Train SimpleConvNet on cape, cin, kx, blh for {0} epochs (TorchSharp, 1 thread)" -f $epochs)
$model = Invoke-XTrain -Generator $bg -Validation $vbg -Feature cape, cin, kx, blh -Label tp -LabelThreshold 0.005 -Model SimpleConvNet -Epochs $epochs -LearningRate 0.003 -Seed 1
$model.History | ForEach-Object {
    'epoch {0}: train loss {1:F4}, validation loss {2:F4} (constant baseline {3:F4}), accuracy {4:P1}, {5:F0} samples/s, waited {6:F2} s for batches' -f
        $_.Epoch, $_.TrainLoss, $_.ValidationLoss, $_.BaselineLoss, $_.ValidationAccuracy, $_.SamplesPerSecond, $_.LoadWaitSeconds
}

Step 'Predict the validation year: windows stitched back into (time, latitude, longitude)'
$pred = $val | Invoke-XPredict -Model $model -Overlap @{ latitude = 8; longitude = 8 }
$pred
$hits = ($pred['predicted_class'] - $val['tp'].Gt(0.005)).Pow(2) | Measure-XData -Mean
'share of grid points where the predicted class differs from the label: {0:P2}' -f $hits.Values

Step 'Save the model, import it again and check it predicts the same'
$modelPath = [IO.Path]::Combine($OutDir, 'convection.zpsmodel')
$null = $model | Save-XModel -Path $modelPath -Force
$back = Import-XModel $modelPath
$again = $val | Select-XData -Time 2021-07-01 | Invoke-XPredict -Model $back
$first = $val | Select-XData -Time 2021-07-01 | Invoke-XPredict -Model $model
$same = ($again['probability'] - $first['probability']) | Measure-XData -Max
'{0} -> {1}; largest difference after re-import: {2}' -f $model.Architecture, $modelPath, $same.Values

Step 'Verify per grid point as xskillscore does (metrics over time) and draw the 2x3 validation panel'
$label = $val['tp'].Gt(0.005).AsType('float32')
$prob = $pred['probability']
$skill = Measure-XSkill -Observation $label -Forecast $prob -Metric rmse, mae, pearson_r, r2 -Dim time
$skill
# The seed's question: where is the model good? Mean of each metric over the north and the south of the region.
$north = $skill | Select-XData -Latitude 40, 25
$south = $skill | Select-XData -Latitude 25, 10
'{0,-10} {1,10} {2,10} {3,10}' -f 'metric', 'all', 'north', 'south'
foreach ($m in 'rmse', 'mae', 'pearson_r', 'r2') {
    '{0,-10} {1,10:F4} {2,10:F4} {3,10:F4}' -f $m, ($skill[$m] | Measure-XData -Mean).Values, ($north[$m] | Measure-XData -Mean).Values, ($south[$m] | Measure-XData -Mean).Values
}
$brier = Measure-XSkill -Observation $label -Forecast $prob -Metric brier_score
'Brier score of the probabilities over everything: {0:F4}' -f $brier['brier_score'].Values
function Named([string] $name, $array, [string] $longName) {
    $a = [ZarrPS.Engine.Model.DataArray]::new($name, $array.Variable, $array.Coords)
    $a.Attrs['long_name'] = $longName
    $a
}
$panel = @(
    Named 'observation' ($label | Measure-XData -Mean -Dim time) 'observed frequency of tp > 5 mm/h'
    Named 'prediction' ($prob | Measure-XData -Mean -Dim time) 'mean predicted probability'
    Named 'difference' (($prob - $label) | Measure-XData -Mean -Dim time) 'prediction - observation'
    Named 'RMSE' $skill['rmse'] 'root mean square error'
    Named 'correlation' $skill['pearson_r'] 'Pearson r over time'
    Named 'MAE' $skill['mae'] 'mean absolute error'
)
$png = $panel | Export-XPlot -Path ([IO.Path]::Combine($OutDir, 'validation_panel.png')) -Kind panel -Columns 3 -Coastlines `
    -ColorMap viridis, viridis, RdBu_r, magma, RdBu_r, magma -Width 1500 -Height 820 -Title 'Convection (SYNTHETIC sample), validation year 2021'
'validation panel: {0} ({1:N0} bytes)' -f $png.FullName, $png.Length

Step 'Done'
