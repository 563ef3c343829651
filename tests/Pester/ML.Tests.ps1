# The ML cmdlets from PowerShell: New-XSampleDataset, New-XBatchGenerator, Invoke-XTrain, Invoke-XPredict,
# Save-XModel / Import-XModel, and their errors. Small data; LibTorch on one thread.
BeforeAll {
    $dir = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'zarrps-ml-pester-' + [Guid]::NewGuid().ToString('N'))
    $train = New-XSampleDataset -Start 2019-07-01 -End 2019-07-16 -StepHours 3 -Resolution 1 -Levels @() -Seed 3
    $val = New-XSampleDataset -Start 2020-07-01 -End 2020-07-06 -StepHours 3 -Resolution 1 -Levels @() -Seed 4
}
AfterAll {
    if ([IO.Directory]::Exists($dir)) { [IO.Directory]::Delete($dir, $true) }
}

Describe 'New-XSampleDataset' {
    It 'makes ERA5-like variables on the seed region and says it is synthetic' {
        $train.DataVars | Should -Be @('cape', 'cin', 'kx', 'blh', 'tp')
        $train.Dims['latitude'] | Should -Be 31
        $train.Dims['longitude'] | Should -Be 41
        $train.Attrs['source'] | Should -BeLike 'SYNTHETIC*'
    }
    It 'writes a Zarr store and returns it opened' {
        $ds = New-XSampleDataset -Start 2019-07-01 -End 2019-07-02 -Resolution 2 -Levels 850 -Path ([IO.Path]::Combine($dir, 's.zarr')) -Seed 3
        $ds.DataVars | Should -Contain 't'
        $ds['t'].Dims | Should -Be @('time', 'level', 'latitude', 'longitude')
        $ds.Dims['time'] | Should -Be 24
    }
}

Describe 'New-XBatchGenerator' {
    It 'has xbatcher''s count, an indexer and foreach' {
        $bg = New-XBatchGenerator $train -InputDims @{ latitude = 16; longitude = 16 } -BatchDims @{ time = 32 }
        # time 120 -> 3 whole batches of 32; latitude 31 -> 1 window; longitude 41 -> 2 windows
        $bg.Count | Should -Be 6
        $bg[-1].Patches[0]['longitude'].Start | Should -Be 16
        $n = 0
        foreach ($b in $bg) { $n++ }
        $n | Should -Be 6
    }
    It 'keeps partial windows with -PartialBatches' {
        $bg = New-XBatchGenerator $train -InputDims @{ latitude = 16; longitude = 16 } -BatchDims @{ time = 32 } -PartialBatches
        $bg.Count | Should -Be (4 * 2 * 3)
    }
    It 'shuffles reproducibly with -Seed' {
        $a = New-XBatchGenerator $train -InputDims @{ latitude = 8; longitude = 8 } -Shuffle -Seed 1
        $b = New-XBatchGenerator $train -InputDims @{ latitude = 8; longitude = 8 } -Shuffle -Seed 1
        ($a | ForEach-Object Index) -join ',' | Should -Be (($b | ForEach-Object Index) -join ',')
    }
    It 'names the dimension when InputDims is larger than it' {
        { New-XBatchGenerator $train -InputDims @{ latitude = 64 } -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'latitude' = 64 is larger than dimension 'latitude', which has 31*"
    }
}

Describe 'Invoke-XTrain, Invoke-XPredict, Save-XModel, Import-XModel' {
    BeforeAll {
        $bg = New-XBatchGenerator $train -InputDims @{ latitude = 8; longitude = 8 } -BatchDims @{ time = 40 } -Preload
        $vbg = New-XBatchGenerator $val -InputDims @{ latitude = 8; longitude = 8 } -BatchDims @{ time = 40 } -Preload
        $model = Invoke-XTrain -Generator $bg -Validation $vbg -Feature cape, cin, kx, blh -Label tp -LabelThreshold 0.005 -Epochs 2 -LearningRate 0.003 -Seed 2
    }
    It 'returns a model with a history whose validation loss beats the constant baseline' {
        $model.History.Count | Should -Be 2
        $model.ValidationLoss | Should -BeLessThan $model.BaselineLoss
    }
    It 'predicts probabilities on the input''s (time, latitude, longitude)' {
        $p = $val | Invoke-XPredict -Model $model
        $p['probability'].Dims | Should -Be @('time', 'latitude', 'longitude')
        $p.Dims['time'] | Should -Be 40
        ($p['probability'] | Measure-XData -Max).Values | Should -BeLessOrEqual 1
    }
    It 'saves and imports a model that predicts the same' {
        $path = [IO.Path]::Combine($dir, 'm.zpsmodel')
        $null = $model | Save-XModel -Path $path
        $back = Import-XModel $path
        $back.Features | Should -Be @('cape', 'cin', 'kx', 'blh')
        $d = ($val | Invoke-XPredict -Model $back)['probability'] - ($val | Invoke-XPredict -Model $model)['probability']
        ($d | Measure-XData -Max).Values | Should -Be 0
        { $model | Save-XModel -Path $path -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Force*'
    }
    It 'names a feature the dataset lacks' {
        { Invoke-XTrain -Generator $bg -Feature cape, lifted_index -Label tp -LabelThreshold 0.005 -Epochs 1 -ErrorAction Stop } | Should -Throw -ExpectedMessage "*Feature 'lifted_index'*"
    }
    It 'rejects a label that is not 0/1' {
        { Invoke-XTrain -Generator $bg -Feature cape -Label tp -Epochs 1 -ErrorAction Stop } | Should -Throw -ExpectedMessage "*Label 'tp'*0 or 1*"
    }
}
