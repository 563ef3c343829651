# Open-XDataset over Zarr and NetCDF fixtures written by zarr-python, xarray and real data packages.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    function Get-Fixture([string] $relative) { [IO.Path]::Combine($fixtures, $relative) }
}

Describe 'Open-XDataset' {
    Context 'a Zarr store written by xarray' {
        BeforeAll { $ds = Open-XDataset (Get-Fixture 'xarray-zarr/coads.zarr') }

        It 'returns a lazy Dataset with dimension sizes' {
            $ds | Should -BeOfType ([ZarrPS.Engine.Model.Dataset])
            $ds.Dims['TIME'] | Should -Be 12
            $ds.Dims['COADSY'] | Should -Be 90
            $ds.Dims['COADSX'] | Should -Be 180
        }
        It 'exposes variables with name, dims, shape, dtype, chunks and attrs' {
            $sst = $ds['SST']
            $sst.Name | Should -BeExactly 'SST'
            $sst.Dims | Should -Be @('TIME', 'COADSY', 'COADSX')
            $sst.Shape | Should -Be @(12, 90, 180)
            $sst.DType | Should -BeExactly 'float32'
            $sst.Chunks.ChunkSize | Should -Be @(4, 90, 180)
            $sst.Attrs['units'] | Should -BeExactly 'Deg C'
        }
        It 'reads values into a typed array of the variable shape, masking missing values' {
            $v = $ds['SST'].Values
            $v.GetType().Name | Should -BeExactly 'Single[,,]'
            $v.GetLength(1) | Should -Be 90
            [single]::IsNaN($v[0, 0, 0]) | Should -BeTrue
            $valid = @($v | Where-Object { -not [single]::IsNaN($_) })
            $valid | Should -HaveCount 104778
        }
        It 'prints like xarray' {
            $text = $ds.ToString()
            $text | Should -Match 'Dimensions:\s+\(TIME: 12, COADSY: 90, COADSX: 180\)'
            $text | Should -Match '\* COADSX\s+\(COADSX\) float64 21\.0 23\.0 25\.0 \.\.\. 375\.0 377\.0 379\.0'
            $text | Should -Match 'SST\s+\(TIME, COADSY, COADSX\) float32'
            $text | Should -Match 'history:\s+FERRET'
        }
    }

    Context 'NetCDF files' {
        It 'opens NetCDF-3 classic with the same dims as the Zarr copy' {
            $nc = Open-XDataset (Get-Fixture 'netcdf/coads_climatology.cdf')
            $nc.Dims['COADSX'] | Should -Be 180
            $nc['SST'].DType | Should -BeExactly 'float32'
        }
        It 'decodes packed int16 with scale_factor and add_offset to float32' {
            $nc = Open-XDataset (Get-Fixture 'netcdf/tas_packed_nc4.nc')
            $nc['tas'].DType | Should -BeExactly 'float32'
            $nc['tas'].Encoding['dtype'] | Should -BeExactly 'int16'
        }
        It 'decodes CF times to DateTime' {
            $nc = Open-XDataset (Get-Fixture 'netcdf/tas_64bit_offset.nc')
            $t = $nc['time'].Values
            $t[0] | Should -BeOfType ([datetime])
            $t[0].Year | Should -Be 2005
            $t[0].Month | Should -Be 1
        }
        It 'keeps raw values with -DecodeTimes:$false and -MaskAndScale:$false' {
            $nc = Open-XDataset (Get-Fixture 'netcdf/tas_packed_nc4.nc') -DecodeTimes:$false -MaskAndScale:$false
            $nc['tas'].DType | Should -BeExactly 'int16'
            $nc['time'].DType | Should -BeExactly 'float64'
        }
    }

    Context 'errors' {
        It 'names a path that does not exist' {
            { Open-XDataset (Get-Fixture 'nope.zarr') -ErrorAction Stop } | Should -Throw -ExpectedMessage '*nope.zarr*' -ErrorId 'PathNotFound,ZarrPS,ZarrPS.Module.OpenXDatasetCommand'
        }
        It 'lists the variables when -Variable names one that does not exist' {
            { Open-XDataset (Get-Fixture 'xarray-zarr/coads.zarr') -Variable nope -ErrorAction Stop } | Should -Throw -ExpectedMessage "*no variable 'nope'*SST*"
        }
        It 'names the dimension of a -Chunks entry that does not exist' {
            { Open-XDataset (Get-Fixture 'xarray-zarr/coads.zarr') -Chunks @{ depth = 3 } -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'depth'*TIME*"
        }
    }

    Context 'chunks' {
        It 'rechunks lazily with -Chunks' {
            $ds = Open-XDataset (Get-Fixture 'xarray-zarr/coads.zarr') -Chunks @{ TIME = 1 }
            $ds['SST'].Chunks.ChunkSize | Should -Be @(1, 90, 180)
        }
    }
}

Describe 'Tab completion' {
    It 'completes -Variable from the store named by -Path' {
        $path = [IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr')
        $line = "Open-XDataset -Path '$path' -Variable S"
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $names | Should -Contain 'SST'
        $names | Should -Contain 'SPEH'
        $names | Should -Not -Contain 'AIRT'
    }
    It 'completes -Variable and -AppendDim from a dataset in a variable at the start of the pipeline' {
        $global:completionDs = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr'))
        $line = '$completionDs | Select-XData -Variable U'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('UWND')
        $line = '$completionDs | Save-XDataset -Path x.zarr -AppendDim T'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('TIME')
    }
}
