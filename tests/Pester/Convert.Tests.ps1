# Convert-ToZarr, Optimize-XZarr and Save-XDataset -Region through the cmdlets.
BeforeAll {
    $fixtures = if ($env:ZARRPS_FIXTURES) { $env:ZARRPS_FIXTURES } else { [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures')) }
    $coads = [IO.Path]::Combine($fixtures, 'netcdf', 'coads_climatology.cdf')
    function Get-Flat($values) { [Linq.Enumerable]::ToArray([Linq.Enumerable]::Cast[single]($values)) }
    # float.Equals holds for NaN and NaN (land points of SST are NaN), unlike -eq.
    function Test-Same($a, $b) { [Linq.Enumerable]::SequenceEqual([single[]](Get-Flat $a), [single[]](Get-Flat $b)) }
}

Describe 'Convert-ToZarr' {
    It 'converts with the compressor, level, shuffle and chunks given and returns the compression table' {
        $out = [IO.Path]::Combine($TestDrive, 'coads.zarr')
        $r = Convert-ToZarr $coads -Destination $out -Chunks @{ TIME = 4 } -Compressor blosc-zstd -Level 3 -Shuffle bit
        $r.Compressor | Should -BeLike '*"cname":"zstd"*"clevel":3*"shuffle":2*'
        ($r.Variables | Where-Object Name -eq 'SST').Chunks[0] | Should -Be 4
        $r.BytesOut | Should -BeGreaterThan 0
        $r.ToTable() | Should -BeLike '*SST*total*'
        $back = Open-XDataset $out
        Test-Same $back['SST'].Values (Open-XDataset $coads)['SST'].Values | Should -BeTrue
    }
    It 'writes nothing with -WhatIf' {
        $out = [IO.Path]::Combine($TestDrive, 'whatif.zarr')
        Convert-ToZarr $coads -Destination $out -WhatIf
        [IO.Directory]::Exists($out) | Should -BeFalse
    }
    It 'names an unknown chunk dimension' {
        $out = [IO.Path]::Combine($TestDrive, 'bad.zarr')
        { Convert-ToZarr $coads -Destination $out -Chunks @{ tiem = 4 } -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'tiem'*"
    }
}

Describe 'Optimize-XZarr' {
    It 'rechunks under -MaxMemory with the same values' {
        $src = [IO.Path]::Combine($TestDrive, 'src.zarr')
        $dst = [IO.Path]::Combine($TestDrive, 'dst.zarr')
        $null = Convert-ToZarr $coads -Destination $src -Chunks @{ TIME = 1 } -Compressor blosc-lz4
        $r = Optimize-XZarr $src -Destination $dst -Chunks @{ TIME = 12; COADSY = 10; COADSX = 20 } -MaxMemory 2MB -MaxParallelism 1
        $r.Stats.PeakMemory | Should -BeLessOrEqual 2MB
        $r.Plans['SST'].Target | Should -Be @(12, 10, 20)
        Test-Same (Open-XDataset $dst)['SST'].Values (Open-XDataset $src)['SST'].Values | Should -BeTrue
        Test-Same (Open-XDataset $dst)['SST'].Values (Open-XDataset $dst)['AIRT'].Values | Should -BeFalse
    }
}

Describe 'Save-XDataset -Region' {
    It 'rewrites one chunk-aligned region and refuses an unaligned one' {
        $out = [IO.Path]::Combine($TestDrive, 'region.zarr')
        $null = Convert-ToZarr $coads -Destination $out -Chunks @{ TIME = 3 } -Variable SST
        $ds = Open-XDataset $out
        $part = $ds | Select-XData -Isel @{ TIME = '3:6' }
        $null = $part | Save-XDataset $out -Region @{ TIME = @($part['TIME'].Values[0], $part['TIME'].Values[2]) }
        { $ds | Select-XData -Isel @{ TIME = '4:7' } | Save-XDataset $out -Region @{ TIME = @($ds['TIME'].Values[4], $ds['TIME'].Values[6]) } -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*not aligned*'TIME'*"
    }
}
