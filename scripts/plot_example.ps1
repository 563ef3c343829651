# Export-XPlot example: the seed's 2x3 validation panel, from the CMIP5 fixture (MPI-ESM-LR tas, 12 months of 2005).
# The "prediction" is persistence: last month's temperature forecasts this month's. Per grid point over the 11
# forecast months: observation and prediction (means), their difference (mean error), RMSE, correlation and MAE,
# computed lazily by the engine and read when the panel is drawn. Writes docs/img/panel.png (and a map and a line).
param(
    [string] $Fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', 'shared', 'fixtures')),
    [string] $OutDir = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', 'docs', 'img'))
)
$ErrorActionPreference = 'Stop'
$null = [IO.Directory]::CreateDirectory($OutDir)

# A DataArray under another name, with its long_name and units (the panel's titles and colour-bar labels).
function Named([string] $name, $array, [string] $longName, [string] $units) {
    $a = [ZarrPS.Engine.Model.DataArray]::new($name, $array.Variable, $array.Coords)
    $a.Attrs['long_name'] = $longName
    $a.Attrs['units'] = $units
    $a
}
function TimeMean($a) { $a | Measure-XData -Mean -Dim time -Lazy }

$tas = (Open-XDataset ([IO.Path]::Combine($Fixtures, 'netcdf', 'tas_packed_nc4.nc')))['tas']
$obs = $tas | Select-XData -Isel @{ time = '1:' }
$before = $tas | Select-XData -Isel @{ time = ':-1' }
# Persistence: last month's values, labelled with this month's times so that the two line up.
$pred = [ZarrPS.Engine.Model.DataArray]::new('prediction', $before.Variable, $obs.Coords)

$err = $pred - $obs
$oa = $obs - (TimeMean $obs)
$pa = $pred - (TimeMean $pred)
$r = (TimeMean ($oa * $pa)) / ((TimeMean ($oa * $oa)) * (TimeMean ($pa * $pa))).Sqrt()

$panel = @(
    Named 'observation' (TimeMean $obs) 'observed tas' 'K'
    Named 'prediction' (TimeMean $pred) 'predicted tas' 'K'
    Named 'difference' (TimeMean $err) 'prediction - observation' 'K'
    Named 'RMSE' (TimeMean ($err * $err)).Sqrt() 'root mean square error' 'K'
    Named 'correlation' $r 'Pearson r' '1'
    Named 'MAE' (TimeMean $err.Abs()) 'mean absolute error' 'K'
)
$png = $panel | Export-XPlot -Path ([IO.Path]::Combine($OutDir, 'panel.png')) -Kind panel -Columns 3 -Coastlines `
    -ColorMap viridis, viridis, RdBu_r, magma, RdBu_r, magma -Width 1500 -Height 820 `
    -Title 'Persistence forecast of monthly tas, 2005 (MPI-ESM-LR): per grid point over 11 months'
'panel: {0} ({1:N0} bytes)' -f $png.FullName, $png.Length

$map = $tas | Select-XData -Sel @{ time = '2005-07' } |
    Export-XPlot -Path ([IO.Path]::Combine($OutDir, 'map.png')) -Coastlines -Width 900 -Height 500
'map: {0} ({1:N0} bytes)' -f $map.FullName, $map.Length

$line = $tas | Select-XData -Sel @{ lat = 51.2865; lon = 0 } -Method nearest |
    Export-XPlot -Path ([IO.Path]::Combine($OutDir, 'line.png')) -Kind line -Width 800 -Height 360
'line: {0} ({1:N0} bytes)' -f $line.FullName, $line.Length
