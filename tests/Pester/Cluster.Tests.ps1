# Start-XCluster, Measure-XData/Save-XDataset -Cluster, the session's cluster, Stop-XCluster (one worker process).
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $coads = [IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr')
    function Get-Flat($values) { [Linq.Enumerable]::ToArray([Linq.Enumerable]::Cast[single]($values)) }
    # The first position where two float arrays differ (NaN equals NaN; float64 sums in another order may move the
    # last float32 bit), or -1.
    function Find-Difference([single[]] $a, [single[]] $b) {
        if ($a.Length -ne $b.Length) { return -2 }
        for ($i = 0; $i -lt $a.Length; $i++) {
            if ([single]::IsNaN($a[$i]) -and [single]::IsNaN($b[$i])) { continue }
            if (-not ([math]::Abs($a[$i] - $b[$i]) -le 1e-6 * [math]::Abs($a[$i]))) { return $i }
        }
        -1
    }
}

Describe 'Start-XCluster and -Cluster' {
    It 'computes a mean over time and writes a store on a worker process as the local scheduler does' -Tag 'cluster' {
        $c = Start-XCluster -Workers 1
        try {
            $c.Connected | Should -BeTrue
            $c.Workers.Count | Should -Be 1
            $ds = Open-XDataset $coads
            $local = $ds | Measure-XData -Mean -Dim TIME
            $remote = $ds | Measure-XData -Mean -Dim TIME -Cluster $c
            $c.LastRun.Tasks | Should -BeGreaterThan 0
            $c.LastRun.TasksBySilo.Count | Should -Be 1
            Find-Difference (Get-Flat $remote['SST'].Values) (Get-Flat $local['SST'].Values) | Should -Be -1
            $remote['SST'].Dims | Should -Be @('COADSY', 'COADSX')

            # Without -Cluster the session's cluster (the one started last) runs it.
            $before = $c.LastRun
            $again = $ds['AIRT'] | Measure-XData -Max -Dim TIME
            [object]::ReferenceEquals($before, $c.LastRun) | Should -BeFalse
            Find-Difference (Get-Flat $again.Values) (Get-Flat ($ds['AIRT'] | Measure-XData -Max -Dim TIME -Lazy).Compute().Values) | Should -Be -1

            $out = [IO.Path]::Combine($TestDrive, 'coads-cluster.zarr')
            $r = $ds | Save-XDataset -Path $out -Cluster $c
            $r.Variables | Should -Contain 'SST'
            $back = Open-XDataset $out
            Find-Difference (Get-Flat $back['SST'].Values) (Get-Flat $ds['SST'].Values) | Should -Be -1
        }
        finally {
            Stop-XCluster $c
        }
        $c.Connected | Should -BeFalse
        $c.Workers[0].Running | Should -BeFalse
    }
    It 'refuses a stopped cluster and computed inputs with -Cluster, naming them' -Tag 'cluster' {
        $c = Start-XCluster -Workers 1
        Stop-XCluster $c
        $ds = Open-XDataset $coads
        { $ds | Measure-XData -Mean -Dim TIME -Cluster $c -ErrorAction Stop } | Should -Throw '*stopped*'
    }
}
