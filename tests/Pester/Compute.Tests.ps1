# Reductions, arithmetic and the compute cmdlets from PowerShell.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $coads = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr'))
    $tas = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'tas_packed.zarr'))
    $expected = [System.Text.Json.Nodes.JsonNode]::Parse([IO.File]::ReadAllText([IO.Path]::Combine($fixtures, 'expected.json')))
}

Describe 'Measure-XData' {
    It 'computes the mean over time as xarray does' {
        $m = $coads | Measure-XData -Mean -Dim TIME
        $m | Should -BeOfType ([ZarrPS.Engine.Model.Dataset])
        $sst = $m['SST']
        $sst.Dims | Should -Be @('COADSY', 'COADSX')
        $want = $expected['datasets']['xarray-zarr/coads.zarr']['reductions']['SST.mean(TIME)']
        $sum = 0.0; $n = 0
        foreach ($v in $sst.Values) { if (-not [single]::IsNaN($v)) { $sum += $v; $n++ } }
        $n | Should -Be ([long]$want['count_valid'].ToJsonString())
        [math]::Abs($sum - [double]$want['sum'].ToJsonString()) / [math]::Abs([double]$want['sum'].ToJsonString()) | Should -BeLessThan 1e-6
    }
    It 'reduces a DataArray over every dimension to a scalar' {
        $max = $tas['tas'] | Measure-XData -Max
        $max.Values | Should -Be ([single]317.22998046875)
    }
    It 'takes cos-latitude weights' {
        $w = ($tas['lat'] * ([math]::PI / 180)).Cos()
        $g = $tas['tas'] | Measure-XData -Mean -Dim lat, lon -Weights $w
        $g.Dims | Should -Be @('time')
        $u = $tas['tas'] | Measure-XData -Mean -Dim lat, lon
        # Weighting by area lowers the cold poles' share: the global mean rises.
        $g.Values[0] | Should -BeGreaterThan $u.Values[0]
    }
    It 'computes medians and quantiles' {
        $med = $tas['tas'] | Measure-XData -Median -Dim time
        $q0 = $tas['tas'] | Measure-XData -Quantile 0 -Dim time
        $min = $tas['tas'] | Measure-XData -Min -Dim time
        $q0.Values[10, 20] | Should -Be $min.Values[10, 20]
        $med.Values[10, 20] | Should -BeGreaterOrEqual $min.Values[10, 20]
    }
    It 'returns a lazy result with -Lazy' {
        $lazy = $tas['tas'] | Measure-XData -Std -Dim time -Lazy
        $lazy.Variable.Data | Should -BeOfType ([ZarrPS.Engine.Compute.ReduceArray])
    }
    It 'records statistics for Get-XComputeStat' {
        $null = $tas['tas'] | Measure-XData -Sum -Dim time
        $stat = Get-XComputeStat
        $stat.Tasks | Should -BeGreaterThan 0
        $stat.BytesDecoded | Should -BeGreaterThan 0
        $stat.Operation | Should -Match 'sum'
    }
    Context 'errors' {
        It 'names an unknown dimension and lists the valid ones' {
            { $tas['tas'] | Measure-XData -Mean -Dim depth -ErrorAction Stop } | Should -Throw -ExpectedMessage "Dimension 'depth' does not exist (dimensions: time, lat, lon)."
        }
        It 'refuses a quantile outside [0, 1]' {
            { $tas['tas'] | Measure-XData -Quantile 1.5 -Dim time -ErrorAction Stop } | Should -Throw -ExpectedMessage '*must lie in `[0, 1`]*'
        }
        It 'refuses a budget smaller than one chunk, naming both sizes' {
            { $tas['tas'] | Measure-XData -Mean -Dim time -MaxMemory 1KB -ErrorAction Stop } | Should -Throw -ExpectedMessage '*memory budget (1 KiB) is smaller than one*'
        }
        It 'refuses a size it cannot read' {
            { $tas['tas'] | Measure-XData -Mean -MaxMemory 'lots' -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'lots' is not a size*"
        }
    }
}

Describe 'Arithmetic on DataArrays' {
    It 'uses PowerShell operators' {
        $c = $tas['tas'] - 273.15
        $c.DType | Should -Be 'float32'
        $f = $c * 1.8 + 32
        [math]::Round(($f | Measure-XData -Max).Values, 2) | Should -Be ([math]::Round((317.22998046875 - 273.15) * 1.8 + 32, 2))
    }
    It 'compares and masks' {
        $hot = $tas['tas'].Gt(300)
        $hot.DType | Should -Be 'bool'
        $masked = $tas['tas'].Where($hot)
        ($masked | Measure-XData -Min).Values | Should -BeGreaterThan 300
        ($masked | Measure-XData -Count).Values | Should -Be (($hot | Measure-XData -Sum).Values)
    }
    It 'broadcasts a field minus its time mean (anomalies)' {
        $anomaly = $tas['tas'] - ($tas['tas'] | Measure-XData -Mean -Dim time -Lazy)
        $anomaly.Dims | Should -Be @('time', 'lat', 'lon')
        [math]::Abs(($anomaly | Measure-XData -Mean -Dim time).Values[5, 5]) | Should -BeLessThan 1e-3
    }
    It 'names the dimension when sizes differ and there are no coordinates to align by' {
        $a = [ZarrPS.Engine.Model.DataArray]::new('a', $tas.Variables['lat_bnds'], $null)
        $b = [ZarrPS.Engine.Model.DataArray]::new('b', $tas.Isel(@{ lat = '0:10' }).Variables['lat_bnds'], $null)
        { $a + $b } | Should -Throw -ExpectedMessage "*Dimension 'lat' has 96 elements in 'a' but 10 in 'b'*"
    }
}

Describe 'Set-XChunk, Invoke-XCompute, Join-XData, Merge-XDataset' {
    It 'rechunks lazily and computes the same values' {
        $r = $tas['tas'] | Set-XChunk -Chunks @{ time = 1; lat = -1 }
        $r.Chunks.ChunkSize | Should -Be @(1, 96, 64)
        ($r | Measure-XData -Mean).Values | Should -Be (($tas['tas'] | Measure-XData -Mean).Values)
    }
    It 'computes into memory' {
        $c = ($tas['tas'] * 2) | Invoke-XCompute
        $c.Variable.Data | Should -BeOfType ([ZarrPS.Engine.Arrays.InMemoryArray])
    }
    It 'joins months back into a year' {
        $parts = 0..11 | ForEach-Object { $tas['tas'] | Select-XData -Isel @{ time = "$($_):$($_ + 1)" } }
        $year = $parts | Join-XData -Dim time
        $year.Shape | Should -Be @(12, 96, 192)
        $year.Values[7, 50, 60] | Should -Be $tas['tas'].Values[7, 50, 60]
    }
    It 'stacks along a new dimension' {
        $s = $tas['tas'], ($tas['tas'] + 1) | Join-XData -Dim member
        $s.Dims | Should -Be @('member', 'time', 'lat', 'lon')
        $s.Values[1, 0, 0, 0] - $s.Values[0, 0, 0, 0] | Should -Be 1
    }
    It 'merges variables and refuses conflicts' {
        $m = Merge-XDataset ($tas | Select-XData -Variable tas), ($tas | Select-XData -Variable time_bnds)
        $m.DataVars | Should -Contain 'tas'
        $m.DataVars | Should -Contain 'time_bnds'
        $shifted = $tas | Select-XData -Variable tas -Isel @{ lat = '1:' }
        { Merge-XDataset ($tas | Select-XData -Variable tas), $shifted -ErrorAction Stop } | Should -Throw -ExpectedMessage "*variable 'lat' differs*"
    }
}
