# Intake-style catalogs: sources by name, parameters, globs, and the errors of bad catalogs.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $tas = Open-XDataset ([IO.Path]::Combine($fixtures, 'netcdf', 'tas_64bit_offset.nc'))
    foreach ($m in 0..2) {
        $tas | Select-XData -Isel @{ time = "$($m):$($m + 1)" } | Save-XDataset -Path ([IO.Path]::Combine($TestDrive, 'parts', ('tas_{0}.zarr' -f $m)))
    }
    $catalog = [IO.Path]::Combine($TestDrive, 'catalog.yaml')
    $yaml = @"
metadata:
  version: 1
sources:
  coads_zarr:
    description: COADS climatology as Zarr
    driver: intake_xarray.xzarr.ZarrSource
    args:
      urlpath: '$fixtures/xarray-zarr/coads.zarr'
      consolidated: true
  tas_netcdf:
    description: CMIP5 tas
    driver: netcdf
    args:
      urlpath: '$fixtures/netcdf/{{ file }}'
    parameters:
      file:
        description: which file
        type: str
        default: tas_64bit_offset.nc
  tas_parts:
    description: three monthly stores
    driver: zarr
    args:
      urlpath: '{{ CATALOG_DIR }}/parts/tas_*.zarr'
"@
    [IO.File]::WriteAllText($catalog, $yaml)
}

Describe 'Get-XCatalog' {
    It 'lists the sources with driver and description' {
        $entries = Get-XCatalog $catalog
        $entries | Should -HaveCount 3
        $entries[0].Name | Should -BeExactly 'coads_zarr'
        $entries[0].Engine | Should -BeExactly 'zarr'
        $entries[1].Parameters['file'].Default | Should -BeExactly 'tas_64bit_offset.nc'
    }
    It 'filters by name with wildcards' {
        Get-XCatalog $catalog -Name 'tas*' | Should -HaveCount 2
    }
}

Describe 'Open-XDataset from a catalog' {
    It 'opens a zarr source by name' {
        (Open-XDataset -Catalog $catalog -Name coads_zarr).Dims['TIME'] | Should -Be 12
    }
    It 'opens a netcdf source with a parameter' {
        $ds = Open-XDataset -Catalog $catalog -Name tas_netcdf -Parameter @{ file = 'tas_packed_nc4.nc' }
        $ds['tas'].Encoding['dtype'] | Should -BeExactly 'int16'
    }
    It 'opens a multi-file glob as one dataset' {
        (Open-XDataset -Catalog $catalog -Name tas_parts).Dims['time'] | Should -Be 3
    }
    It 'opens an entry piped from Get-XCatalog' {
        $ds = Get-XCatalog $catalog -Name coads_zarr | Open-XDataset
        $ds['SST'].DType | Should -BeExactly 'float32'
    }
    It 'lists the sources when the name is unknown' {
        { Open-XDataset -Catalog $catalog -Name era5 -ErrorAction Stop } | Should -Throw -ExpectedMessage "*has no source 'era5' (sources: coads_zarr, tas_netcdf, tas_parts)*"
    }
    It 'names the file and line of malformed YAML' {
        $bad = [IO.Path]::Combine($TestDrive, 'bad.yaml')
        [IO.File]::WriteAllText($bad, "sources:`n  a: [unclosed`n  b: 1`n")
        { Get-XCatalog $bad -ErrorAction Stop } | Should -Throw -ExpectedMessage "*bad.yaml' is not valid YAML (line *"
    }
}
