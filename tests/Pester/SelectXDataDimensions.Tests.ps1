# Select-XData's dimension parameters (-Time, -Level, -Latitude, -Longitude, -Member), generated from the dimension
# table in src/Module/SelectXDataCommand.Dimensions.cs: each takes what -Sel takes and finds the input's own name.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $tas = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'tas_packed.zarr'))
    $coads = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr'))

    # An ERA5-like store: latitude (north to south), longitude and time in 2019. Written from a selection of tas, then
    # its arrays renamed and its time reference moved 14 years on (1850 -> 1864 keeps every day: both spans have 3 leap days).
    $tempDir = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'zarrps-era5-' + [guid]::NewGuid().ToString('N'))
    $era5Path = [IO.Path]::Combine($tempDir, 'era5.zarr')
    $tas | Select-XData -Variable tas -Isel @{ lat = '::-1' } | Save-XDataset -Path $era5Path
    [IO.File]::Delete([IO.Path]::Combine($era5Path, '.zmetadata'))
    [IO.Directory]::Move([IO.Path]::Combine($era5Path, 'lat'), [IO.Path]::Combine($era5Path, 'latitude'))
    [IO.Directory]::Move([IO.Path]::Combine($era5Path, 'lon'), [IO.Path]::Combine($era5Path, 'longitude'))
    foreach ($attrs in [IO.Directory]::GetFiles($era5Path, '.zattrs', [IO.SearchOption]::AllDirectories)) {
        $text = [IO.File]::ReadAllText($attrs) -replace '"lat"', '"latitude"' -replace '"lon"', '"longitude"' -replace 'days since 1850-01-01', 'days since 1864-01-01'
        [IO.File]::WriteAllText($attrs, $text)
    }
    $era5 = Open-XDataset $era5Path
}

AfterAll {
    if ($null -ne $era5) { $era5.Dispose() }
    if ([IO.Directory]::Exists($tempDir)) { [IO.Directory]::Delete($tempDir, $true) }
}

Describe 'Select-XData dimension parameters' {
    Context 'an ERA5-like store (latitude, longitude, time)' {
        It 'selects -Latitude 10,40 -Longitude 100,140 -Time 2019-07' {
            $r = $era5 | Select-XData -Latitude 10,40 -Longitude 100,140 -Time 2019-07
            $r['tas'].Dims | Should -Be @('time', 'latitude', 'longitude')
            $r['tas'].Shape | Should -Be @(1, 16, 21)
            $t = $r['time'].Values
            $t[0].Year | Should -Be 2019
            $t[0].Month | Should -Be 7
            $lat = $r['latitude'].Values
            $lat[0] | Should -BeGreaterThan $lat[-1]
            ($lat | Where-Object { $_ -lt 10 -or $_ -gt 40 }) | Should -BeNullOrEmpty
            $lon = $r['longitude'].Values
            $lon[0] | Should -BeGreaterOrEqual 100
            $lon[-1] | Should -BeLessOrEqual 140
        }
        It 'reads the values -Sel reads' {
            $a = ($era5 | Select-XData -Latitude 10,40 -Longitude 100,140 -Time 2019-07)['tas'].Values
            $b = ($era5 | Select-XData -Sel @{ latitude = @(10, 40); longitude = @(100, 140); time = '2019-07' })['tas'].Values
            $a[0, 0, 0] | Should -Be $b[0, 0, 0]
            $a[0, 15, 20] | Should -Be $b[0, 15, 20]
            $a[0, 7, 11] | Should -Be $b[0, 7, 11]
        }
        It 'reads the same data as the tas region it was written from' {
            $e = ($era5 | Select-XData -Latitude 10,40 -Longitude 100,140 -Time 2019-07)['tas'].Values
            $t = ($tas | Select-XData -Latitude 10,40 -Longitude 100,140 -Time 2005-07)['tas'].Values
            # era5 runs north to south, tas south to north.
            $e[0, 0, 3] | Should -Be $t[0, 15, 3]
            $e[0, 15, 20] | Should -Be $t[0, 0, 20]
        }
    }

    Context 'tas (lat, lon, time)' {
        It 'maps -Latitude, -Longitude and -Time to lat, lon and time' {
            $r = $tas | Select-XData -Latitude 10,40 -Longitude 100,140 -Time 2005-07
            $r['tas'].Dims | Should -Be @('time', 'lat', 'lon')
            $r['tas'].Shape | Should -Be @(1, 16, 21)
            $r['time'].Values[0].Month | Should -Be 7
        }
        It 'takes the CF names as parameter aliases: -Lat, -Lon, -Y, -X, -T' {
            ($tas | Select-XData -Lat 10,40 -Lon 100,140 -T 2005-07)['tas'].Shape | Should -Be @(1, 16, 21)
            ($tas | Select-XData -Y 10,40 -X 100,140)['tas'].Shape | Should -Be @(12, 16, 21)
        }
        It 'takes one label (dropping the dimension), a partial date, and several labels' {
            $r = $tas | Select-XData -Latitude 10 -Method nearest
            $r['tas'].Dims | Should -Be @('time', 'lon')
            [math]::Round($r['lat'].Values, 4) | Should -Be 10.2589
            # A bare 2005 is a number to PowerShell: a year is a partial date when quoted.
            ($tas | Select-XData -Time '2005')['time'].Values | Should -HaveCount 12
            ($tas | Select-XData -Time '2005-03', '2005-05')['time'].Values | Should -HaveCount 3
            $lons = $tas['lon'].Values
            ($tas | Select-XData -Longitude $lons[0], $lons[5], $lons[9])['lon'].Values | Should -Be @($lons[0], $lons[5], $lons[9])
        }
        It 'combines with -Sel on other dimensions and with -Variable' {
            $r = $tas | Select-XData -Variable tas -Latitude 10,40 -Sel @{ time = '2005-07' }
            $r['tas'].Shape | Should -Be @(1, 16, 192)
            $r.DataVars | Should -Be @('tas')
        }
        It 'selects from a DataArray too' {
            ($tas['tas'] | Select-XData -Lat 10,40 -Time 2005-07).Shape | Should -Be @(1, 16, 192)
        }
    }

    Context 'datasets without the usual names' {
        It 'finds COADSY and COADSX by their CF units, and TIME ignoring case' {
            $r = $coads | Select-XData -Variable SST -Latitude 10,40 -Longitude 100,140 -Time 366
            $r['SST'].Dims | Should -Be @('COADSY', 'COADSX')
            $r['SST'].Shape | Should -Be @(15, 20)
        }
    }

    Context 'errors' {
        It 'names the parameter, the names it looked for and the dimensions when none is there' {
            { $tas | Select-XData -Level 500 -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "-Level names no dimension of the input: it looks for level, plev, lev, pressure_level, isobaricInhPa, height or a coordinate with axis 'Z' (dimensions: lat, nb2, lon, time)."
        }
        It 'refuses a dimension given twice' {
            { $tas | Select-XData -Latitude 10,40 -Sel @{ lat = 5 } -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "-Latitude and -Sel both select dimension 'lat'; give it once." -ErrorId 'DuplicateSelection,ZarrPS,ZarrPS.Module.SelectXDataCommand'
        }
    }
}
