# Save-XDataset and multi-file opening round trips.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $tasPath = [IO.Path]::Combine($fixtures, 'netcdf', 'tas_64bit_offset.nc')
    function Get-Flat($values) { [Linq.Enumerable]::ToArray([Linq.Enumerable]::Cast[single]($values)) }
}

Describe 'Save-XDataset' {
    It 'writes a store that reopens with the same values and times' {
        $out = [IO.Path]::Combine($TestDrive, 'tas.zarr')
        $ds = Open-XDataset $tasPath
        $result = $ds | Save-XDataset -Path $out
        $result.Variables | Should -Contain 'tas'
        $back = Open-XDataset $out
        Get-Flat $back['tas'].Values | Should -Be (Get-Flat $ds['tas'].Values)
        $back['time'].Values[11] | Should -Be $ds['time'].Values[11]
    }
    It 'writes a DataArray as a Dataset of that variable with its coordinates' {
        $out = [IO.Path]::Combine($TestDrive, 'mean.zarr')
        $ds = Open-XDataset $tasPath
        $m = $ds['tas'] | Measure-XData -Mean -Dim time
        $null = $m | Save-XDataset -Path $out
        $back = Open-XDataset $out
        $back.Variables.Keys | Should -Contain 'tas'
        $back['tas'].Dims | Should -Be $m.Dims
        $back['lat'].Values[3] | Should -Be $ds['lat'].Values[3]
        $back['tas'].Values[5, 7] | Should -Be $m.Values[5, 7]
    }
    It 'writes nothing with -WhatIf' {
        $out = [IO.Path]::Combine($TestDrive, 'whatif.zarr')
        Open-XDataset $tasPath | Save-XDataset -Path $out -WhatIf
        [IO.Directory]::Exists($out) | Should -BeFalse
    }
    It 'refuses to replace a store without -Force or -Mode w' {
        $out = [IO.Path]::Combine($TestDrive, 'twice.zarr')
        Open-XDataset $tasPath | Save-XDataset -Path $out
        { Open-XDataset $tasPath | Save-XDataset -Path $out -ErrorAction Stop } | Should -Throw -ExpectedMessage '*already exists*-Mode w*'
        Open-XDataset $tasPath | Save-XDataset -Path $out -Force | Should -Not -BeNullOrEmpty
    }
    It 'applies -Encoding: compressor, chunks and packing' {
        $out = [IO.Path]::Combine($TestDrive, 'enc.zarr')
        $enc = @{ tas = @{ Compressor = 'blosc-zstd'; Chunks = @{ time = 6 }; Dtype = 'int16'; ScaleFactor = 0.01; AddOffset = 273.15; FillValue = -32768 } }
        Open-XDataset $tasPath | Save-XDataset -Path $out -Encoding $enc
        $zarray = [IO.File]::ReadAllText([IO.Path]::Combine($out, 'tas', '.zarray'))
        $zarray | Should -Match '"cname": "zstd"'
        $zarray | Should -Match '"dtype": "<i2"'
        $back = Open-XDataset $out
        $back['tas'].Chunks.ChunkSize[0] | Should -Be 6
        $a = Get-Flat (Open-XDataset $tasPath)['tas'].Values
        $b = Get-Flat $back['tas'].Values
        [math]::Abs($a[1000] - $b[1000]) | Should -BeLessThan 0.006
    }
    It 'names an unknown -Encoding key' {
        { Open-XDataset $tasPath | Save-XDataset -Path ([IO.Path]::Combine($TestDrive, 'bad.zarr')) -Encoding @{ tas = @{ Compresor = 'zstd' } } -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*unknown key 'Compresor'*"
    }
    It 'appends along time' {
        $out = [IO.Path]::Combine($TestDrive, 'append.zarr')
        $ds = Open-XDataset $tasPath
        $ds | Select-XData -Isel @{ time = '0:6' } | Save-XDataset -Path $out
        $ds | Select-XData -Isel @{ time = '6:' } | Save-XDataset -Path $out -Mode a -AppendDim time
        $back = Open-XDataset $out
        $back.Dims['time'] | Should -Be 12
        Get-Flat $back['tas'].Values | Should -Be (Get-Flat $ds['tas'].Values)
    }
}

Describe 'Open-XDataset with many files' {
    BeforeAll {
        $ds = Open-XDataset $tasPath
        # One store per month, written in reverse order so that sorting by time matters.
        foreach ($m in 11..0) {
            $ds | Select-XData -Isel @{ time = "$($m):$($m + 1)" } | Save-XDataset -Path ([IO.Path]::Combine($TestDrive, ('tas_{0:D2}.zarr' -f ($m + 1))))
        }
    }
    It 'opens the monthly stores with one wildcard, equal to the single file' {
        $all = Open-XDataset ([IO.Path]::Combine($TestDrive, 'tas_*.zarr'))
        $all.Dims['time'] | Should -Be 12
        $all['time'].Values | Should -Be $ds['time'].Values
        Get-Flat $all['tas'].Values | Should -Be (Get-Flat $ds['tas'].Values)
    }
    It 'names the file and coordinate that differ' {
        $odd = [IO.Path]::Combine($TestDrive, 'odd', 'tas_13.zarr')
        $ds | Select-XData -Isel @{ time = '0:1'; lat = '1:' } | Save-XDataset -Path $odd
        $first = [IO.Path]::Combine($TestDrive, 'tas_01.zarr')
        { Open-XDataset $first, $odd -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'lat'*tas_13.zarr*"
    }
}
