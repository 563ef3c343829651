# Group-XData, Measure-XAnomaly and Resize-XData from PowerShell, and their errors.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $tas = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'tas_packed.zarr'))
    $coads = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr')) -DecodeTimes:$false
}

Describe 'Group-XData | Measure-XData' {
    It 'gives a seasonal climatology on a season dimension' {
        $clim = $tas['tas'] | Group-XData -By time.season | Measure-XData -Mean
        $clim.Dims | Should -Be @('season', 'lat', 'lon')
        $clim.Coords['season'].Values | Should -Be @('DJF', 'JJA', 'MAM', 'SON')
    }
    It 'reduces every variable of a Dataset that has the grouped dimension' {
        $clim = $tas | Group-XData -By time.month | Measure-XData -Max
        $clim['tas'].Dims | Should -Be @('month', 'lat', 'lon')
        $clim.Dims['month'] | Should -Be 12
    }
    It 'groups by any coordinate' {
        $g = $coads['SST'] | Group-XData -By COADSY
        $g.Count | Should -Be 90
    }
    It 'names the coordinates when the key matches none' {
        { $tas | Group-XData -By depth.month -ErrorAction Stop } | Should -Throw -ExpectedMessage '*depth*'
    }
}

Describe 'Measure-XAnomaly' {
    It 'gives anomalies whose monthly means are zero' {
        $a = $tas['tas'] | Measure-XAnomaly -By time.month
        $a.Dims | Should -Be @('time', 'lat', 'lon')
        $m = $a | Group-XData -By time.month | Measure-XData -Mean
        [math]::Abs($m.Values[3, 40, 80]) | Should -BeLessThan 1e-4
    }
}

Describe 'Resize-XData' {
    It 'resamples monthly data to quarters starting in December' {
        $q = $tas['tas'] | Resize-XData -Resample QS-DEC -Method mean
        $q.Dims | Should -Be @('time', 'lat', 'lon')
        $q.Shape[0] | Should -Be 5
        $q.Coords['time'].Values[0] | Should -Be ([datetime]'2004-12-01')
    }
    It 'takes first and last values' {
        $first = $tas['tas'] | Resize-XData -Resample QS-DEC -Method first
        $first.Values[1, 10, 10] | Should -Be $tas['tas'].Values[2, 10, 10]
    }
    It 'coarsens windows and averages the coordinates' {
        $c = $tas['tas'] | Resize-XData -Coarsen @{ lat = 4; lon = 4 }
        $c.Shape | Should -Be @(12, 24, 48)
        $lat = $tas['lat'].Values
        $c.Coords['lat'].Values[0] | Should -Be ((($lat[0] + $lat[1] + $lat[2] + $lat[3]) / 4))
    }
    It 'regrids onto given latitudes and longitudes' {
        $r = $tas['tas'] | Resize-XData -Latitude 10, 20, 30 -Longitude 100, 110
        $r.Shape | Should -Be @(12, 3, 2)
    }
    It 'regrids like another dataset' {
        $target = $tas | Select-XData -Isel @{ lat = '0:96:8'; lon = '0:192:16' }
        $r = $tas['tas'] | Resize-XData -Like $target -Method nearest
        $r.Shape | Should -Be @(12, 12, 12)
        $r.Values[0, 3, 4] | Should -Be ($target['tas'].Values[0, 3, 4])
    }
    It 'reprojects a latitude/longitude grid to Web Mercator and back' {
        $sub = $tas['tas'] | Select-XData -Isel @{ lat = '30:60'; lon = '20:60' }
        $m = $sub | Resize-XData -SourceCrs EPSG:4326 -TargetCrs EPSG:3857 -Method nearest
        $m.Dims | Should -Be @('time', 'y', 'x')
        $m.Attrs['crs'] | Should -Be 'EPSG:3857'
        $m.Shape | Should -Be $sub.Shape
        $lat = $sub.Coords['lat'].Values
        $lon = $sub.Coords['lon'].Values
        $back = $m | Resize-XData -TargetCrs EPSG:4326 -Y $lat[10] -X $lon[12] -Method nearest
        $back.Dims | Should -Be @('time', 'latitude', 'longitude')
        # Nearest there and back lands on a neighbouring source point: within the field's local range.
        $near = foreach ($i in 9..11) { foreach ($j in 11..13) { $sub.Values[0, $i, $j] } }
        $v = $back.Values[0, 0, 0]
        ($near | Where-Object { [math]::Abs($_ - $v) -lt 1e-4 }).Count | Should -BeGreaterThan 0
    }
    Context 'errors' {
        It 'asks for -SourceCrs when the data carry no crs attribute' {
            { $tas['tas'] | Resize-XData -TargetCrs EPSG:3857 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-SourceCrs*'
        }
        It 'names an unsupported CRS' {
            { $tas['tas'] | Resize-XData -SourceCrs EPSG:4326 -TargetCrs EPSG:27700 -ErrorAction Stop } | Should -Throw -ExpectedMessage "*EPSG:27700*"
        }
        It 'refuses to resample a dimension that does not hold times' {
            { $tas['tas'] | Resize-XData -Resample 1D -Dim lat -ErrorAction Stop } | Should -Throw -ExpectedMessage "Cannot resample dimension 'lat': its coordinate holds float64 values, not times*"
        }
        It 'names an unknown frequency' {
            { $tas['tas'] | Resize-XData -Resample 3X -ErrorAction Stop } | Should -Throw -ExpectedMessage '*3X*'
        }
        It 'refuses an exact coarsening that does not divide the dimension' {
            { $tas['tas'] | Resize-XData -Coarsen @{ lat = 5 } -ErrorAction Stop } | Should -Throw -ExpectedMessage "*dimension 'lat' of size 96 with window 5*"
        }
    }
}
