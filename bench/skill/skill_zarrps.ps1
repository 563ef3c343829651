# ZarrPS on the bench/skill cases: Measure-XSkill over time, a small warm-up, then one timed run per case.
param([string] $Data, [string] $Cases = 'rmse,pearson_r,both')
$ds = Open-XDataset ([IO.Path]::Combine($Data, 'skill.zarr'))
$metrics = @{ rmse = @('rmse'); pearson_r = @('pearson_r'); both = @('rmse', 'pearson_r') }
$small = $ds | Select-XData -Isel @{ time = '0:48' }
foreach ($case in $Cases.Split(',')) {
    $null = Measure-XSkill $small['obs'] $small['fct'] -Metric $metrics[$case] -Dim time -SkipNa
    [GC]::Collect()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $s = Measure-XSkill $ds['obs'] $ds['fct'] -Metric $metrics[$case] -Dim time -SkipNa
    $sw.Stop()
    $sums = foreach ($m in $metrics[$case]) { $t = 0.0; foreach ($v in $s[$m].Values) { $t += $v }; '{0:F6}' -f $t }
    'zarrps {0} {1:F4} checksum {2}' -f $case, $sw.Elapsed.TotalSeconds, ($sums -join ' ')
    '# {0}' -f (Get-XComputeStat)
}
