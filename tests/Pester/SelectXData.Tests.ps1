# Select-XData: positions, labels, periods, methods and the errors users meet.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $tas = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'tas_packed.zarr'))
    # The same grid with latitude running north to south, as ERA5 stores it.
    $era5Like = $tas | Select-XData -Isel @{ lat = '::-1' }
}

Describe 'Select-XData' {
    Context 'the seed region on a descending-latitude grid' {
        It 'selects latitude 10..40 and longitude 100..140 inclusively, keeping the order' {
            $r = $era5Like | Select-XData -Sel @{ lat = @(10, 40); lon = @(100, 140) }
            $lat = $r['lat'].Values
            $lat | Should -HaveCount 16
            $lat[0] | Should -BeGreaterThan $lat[-1]
            ($lat | Where-Object { $_ -lt 10 -or $_ -gt 40 }) | Should -BeNullOrEmpty
            $lon = $r['lon'].Values
            $lon[0] | Should -BeGreaterOrEqual 100
            $lon[-1] | Should -BeLessOrEqual 140
            $r['tas'].Shape | Should -Be @(12, 16, 21)
        }
        It 'accepts the bounds in either order' {
            $a = $era5Like | Select-XData -Sel @{ lat = @(40, 10) }
            $b = $era5Like | Select-XData -Sel @{ lat = @(10, 40) }
            $a['lat'].Values | Should -Be $b['lat'].Values
        }
        It 'reads the same values as the ascending grid' {
            $desc = ($era5Like | Select-XData -Sel @{ lat = @(10, 40); lon = @(100, 140) })['tas'].Values
            $asc = ($tas | Select-XData -Sel @{ lat = @(10, 40); lon = @(100, 140) })['tas'].Values
            $desc[3, 0, 5] | Should -Be $asc[3, 15, 5]
            $desc[7, 15, 20] | Should -Be $asc[7, 0, 20]
        }
    }

    Context 'partial date strings' {
        It "selects a month with '2005-07'" {
            $r = $tas | Select-XData -Sel @{ time = '2005-07' }
            $t = $r['time'].Values
            $t | Should -HaveCount 1
            $t[0].Month | Should -Be 7
        }
        It "selects a year with '2005' and a range of months with two strings" {
            ($tas | Select-XData -Sel @{ time = '2005' })['time'].Values | Should -HaveCount 12
            ($tas | Select-XData -Sel @{ time = @('2005-03', '2005-05') })['time'].Values | Should -HaveCount 3
        }
        It 'selects by DateTime' {
            $t0 = $tas['time'].Values[4]
            $r = $tas | Select-XData -Sel @{ time = $t0 }
            $r['tas'].Dims | Should -Be @('lat', 'lon')
            $r['time'].Values | Should -Be $t0
        }
    }

    Context 'nearest, with and without tolerance' {
        It 'picks the nearest latitude' {
            $r = $tas | Select-XData -Sel @{ lat = 10 } -Method nearest
            [math]::Round($r['lat'].Values, 4) | Should -Be 10.2589
        }
        It 'accepts a match inside the tolerance' {
            $r = $tas | Select-XData -Sel @{ lat = 10 } -Method nearest -Tolerance 0.5
            $r['tas'].Dims | Should -Be @('time', 'lon')
        }
        It 'refuses a match outside the tolerance' {
            { $tas | Select-XData -Sel @{ lat = 10 } -Method nearest -Tolerance 0.1 -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "*Label 10 is not in coordinate 'lat'*the nearest, 10.2589, is further than the tolerance 0.1*" -ErrorId 'LabelNotFound,ZarrPS,ZarrPS.Module.SelectXDataCommand'
        }
        It 'drops the scalar coordinate with -Drop' {
            $r = $tas | Select-XData -Sel @{ lat = 10 } -Method nearest -Drop
            $r.Variables.ContainsKey('lat') | Should -BeFalse
        }
    }

    Context 'positions' {
        It 'takes integers, lists and slices' {
            ($tas | Select-XData -Isel @{ time = 0 })['tas'].Dims | Should -Be @('lat', 'lon')
            ($tas | Select-XData -Isel @{ time = @(0, 5, 11) })['time'].Values | Should -HaveCount 3
            ($tas | Select-XData -Isel @{ lon = '10:20:2' })['lon'].Values | Should -HaveCount 5
            ($tas | Select-XData -Isel @{ time = -1 })['time'].Values.Month | Should -Be 12
        }
        It 'selects variables and the coordinates they need' {
            $r = $tas | Select-XData -Variable tas
            $r.DataVars | Should -Be @('tas')
            $r.Coords | Should -Contain 'lat'
        }
    }

    Context 'errors' {
        It 'lists the variables for an unknown variable' {
            { $tas | Select-XData -Variable nope -ErrorAction Stop } | Should -Throw -ExpectedMessage "The dataset has no variable 'nope' (variables: lat, lat_bnds, lon, lon_bnds, tas, time, time_bnds)."
        }
        It 'lists the dimensions for an unknown dimension' {
            { $tas | Select-XData -Isel @{ depth = 0 } -ErrorAction Stop } | Should -Throw -ExpectedMessage "Dimension 'depth' does not exist (dimensions: lat, nb2, lon, time)."
        }
        It 'names the coordinate for a label outside it' {
            { $tas | Select-XData -Sel @{ lat = 95 } -ErrorAction Stop } | Should -Throw -ExpectedMessage "Label 95 is not in coordinate 'lat' (-88.5722 … 88.5722)."
        }
        It 'refuses a label slice on a non-monotonic index' {
            $shuffled = $tas | Select-XData -Isel @{ lat = @(5, 1, 9) }
            { $shuffled | Select-XData -Sel @{ lat = @(-80, -70) } -ErrorAction Stop } | Should -Throw -ExpectedMessage "*Cannot slice coordinate 'lat' by label: its values are not monotonic*"
        }
        It 'names the dimension and its length for a position out of range' {
            { $tas | Select-XData -Isel @{ time = 12 } -ErrorAction Stop } | Should -Throw -ExpectedMessage "Dimension 'time' has 12 elements, index 12 is out of bounds."
        }
    }
}
