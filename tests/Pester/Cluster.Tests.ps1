# Start-XCluster, Measure-XData/Save-XDataset -Cluster, the session's cluster, Stop-XCluster (one worker process).
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $coads = [IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr')
    function Get-Flat($values) { [Linq.Enumerable]::ToArray([Linq.Enumerable]::Cast[single]($values)) }
}

Describe 'Start-XCluster and -Cluster' {
    It 'computes a mean over time and writes a store on a worker process as the local scheduler does' {
        $c = Start-XCluster -Workers 1
        try {
            $c.Connected | Should -BeTrue
            $c.Workers.Count | Should -Be 1
            $ds = Open-XDataset $coads
            $local = $ds | Measure-XData -Mean -Dim TIME
            $remote = $ds | Measure-XData -Mean -Dim TIME -Cluster $c
            $c.LastRun.Tasks | Should -BeGreaterThan 0
            $c.LastRun.TasksBySilo.Count | Should -Be 1
            Get-Flat $remote['SST'].Values | Should -Be (Get-Flat $local['SST'].Values)
            $remote['SST'].Dims | Should -Be @('COADSY', 'COADSX')

            # Without -Cluster the session's cluster (the one started last) runs it.
            $before = $c.LastRun
            $again = $ds['AIRT'] | Measure-XData -Max -Dim TIME
            [object]::ReferenceEquals($before, $c.LastRun) | Should -BeFalse
            Get-Flat $again.Values | Should -Be (Get-Flat ($ds['AIRT'] | Measure-XData -Max -Dim TIME -Lazy).Compute().Values)

            $out = [IO.Path]::Combine($TestDrive, 'coads-cluster.zarr')
            $r = $ds | Save-XDataset -Path $out -Cluster $c
            $r.Variables | Should -Contain 'SST'
            $back = Open-XDataset $out
            Get-Flat $back['SST'].Values | Should -Be (Get-Flat $ds['SST'].Values)
        }
        finally {
            Stop-XCluster $c
        }
        $c.Connected | Should -BeFalse
        $c.Workers[0].Running | Should -BeFalse
    }
    It 'refuses a stopped cluster and computed inputs with -Cluster, naming them' {
        $c = Start-XCluster -Workers 1
        Stop-XCluster $c
        $ds = Open-XDataset $coads
        { $ds | Measure-XData -Mean -Dim TIME -Cluster $c -ErrorAction Stop } | Should -Throw '*stopped*'
    }
}
