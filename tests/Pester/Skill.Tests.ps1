# Measure-XSkill from PowerShell: metrics per grid point, Datasets in and out, and the errors.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $tas = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'tas_packed.zarr'))
    $obs = $tas['tas']
    $fct = $obs * 1.01 - 2.5
}

Describe 'Measure-XSkill' {
    It 'gives one variable per metric on the dims left over' {
        $s = Measure-XSkill -Observation $obs -Forecast $fct -Metric rmse, pearson_r, me -Dim time
        $s | Should -BeOfType ([ZarrPS.Engine.Model.Dataset])
        $s.DataVars | Should -Be @('rmse', 'pearson_r', 'me')
        $s['rmse'].Dims | Should -Be @('lat', 'lon')
        # A linear forecast correlates perfectly.
        [math]::Abs($s['pearson_r'].Values[3, 4] - 1) | Should -BeLessThan 1e-9
    }
    It 'equals the rmse written with Measure-XData' {
        $s = $fct | Measure-XSkill $obs -Metric rmse -Dim time
        $d = $obs - $fct
        $mse = ($d * $d) | Measure-XData -Mean -Dim time
        [math]::Abs($s['rmse'].Values[5, 6] - [math]::Sqrt($mse.Values[5, 6])) | Should -BeLessThan 1e-4
    }
    It 'reduces every dimension without -Dim' {
        $s = Measure-XSkill $obs $fct -Metric mae
        $s['mae'].Rank | Should -Be 0
    }
    It 'takes Datasets and returns a lazy result with -Lazy' {
        $s = Measure-XSkill -Observation ($obs.ToDataset()) -Forecast ($fct.ToDataset('tas')) -Metric mse -Dim time -Lazy
        $s['mse'].Variable.Data | Should -BeOfType ([ZarrPS.Engine.Skill.SkillFieldArray])
    }
    Context 'errors' {
        It 'lists the valid metrics for an unknown one' {
            { Measure-XSkill $obs $fct -Metric rsme -Dim time -ErrorAction Stop } | Should -Throw -ExpectedMessage "There is no metric 'rsme'. Valid metrics: rmse, mse, mae*"
        }
        It 'names a dimension one input lacks' {
            $one = $fct.Isel(@{ lon = 0 })
            { Measure-XSkill $obs $one -Metric rmse -Dim time, lon -ErrorAction Stop } | Should -Throw -ExpectedMessage "*dimension 'lon': the forecast lacks it*"
        }
        It 'refuses negative weights' {
            $w = $tas['lat'] * 1.0
            { Measure-XSkill $obs $fct -Metric rmse -Dim time, lat -Weights $w -ErrorAction Stop } | Should -Throw -ExpectedMessage '*must not be negative*'
        }
        It 'says when the coordinates do not overlap' {
            $late = $obs.Isel(@{ time = '0:2' })
            $early = $fct.Isel(@{ time = '3:5' })
            { Measure-XSkill $late $early -Metric rmse -Dim time -ErrorAction Stop } | Should -Throw -ExpectedMessage "*no 'time' labels in common*"
        }
    }
}

Describe 'Measure-XSkill -Contingency' {
    It 'gives yes/no scores per grid point with -Threshold' {
        $s = Measure-XSkill $obs $fct -Threshold 280 -Metric hit_rate, false_alarm_ratio, table -Dim time
        $s['hit_rate'].Dims | Should -Be @('lat', 'lon')
        $s['table'].Dims | Should -Be @('lat', 'lon', 'observations_category', 'forecasts_category')
        $t = $s['table'].Values
        # Each grid point counts its 12 months once.
        ($t[10, 10, 0, 0] + $t[10, 10, 0, 1] + $t[10, 10, 1, 0] + $t[10, 10, 1, 1]) | Should -Be 12
    }
}
