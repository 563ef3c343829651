using System.Diagnostics;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>
/// The CI-sized out-of-core check: 256 MiB of float32 in a Zarr store reduced under a 64 MiB budget, in a fresh
/// zarrps process whose peak resident memory is measured.
/// </summary>
public class OutOfCoreTests
{
    [Fact]
    public void AMeanOver256MiBUnderA64MiBBudgetStaysInsideItsMemoryBound()
    {
        if (!File.Exists(RepoPaths.HostAssembly)) Assert.Skip("the zarrps host is not built (run ./zarrps test)");
        using var tmp = new TempDir();
        string script = tmp["ooc.ps1"];
        File.WriteAllText(script, """
param([string] $Store, [switch] $Write)
# 256 MiB of float32: time 1024 x lat 256 x lon 256, chunks of 16 x 256 x 256 (4 MiB), written chunk by chunk.
$time = [double[]](0..1023)
$field = [ZarrPS.Engine.Compute.BroadcastArray]::new(
    [ZarrPS.Engine.Arrays.InMemoryArray]::From([float[]](1..256 | ForEach-Object { $_ * 0.5 }), [ZarrPS.Engine.DataType]::Float32, 'lon ramp'),
    [int[]](-1, -1, 0), [long[]](1024, 256, 256),
    [ZarrPS.Engine.Arrays.ChunkLayout]::Regular([long[]](1024, 256, 256), [int[]](16, 256, 256)))
$vars = [System.Collections.Generic.OrderedDictionary[string, ZarrPS.Engine.Model.Variable]]::new()
$vars['x'] = [ZarrPS.Engine.Model.Variable]::new([string[]]('time', 'lat', 'lon'), $field, $null, $null)
$vars['time'] = [ZarrPS.Engine.Model.Variable]::new([string[]]('time'), [ZarrPS.Engine.Arrays.InMemoryArray]::From($time, [ZarrPS.Engine.DataType]::Float64, 'time'), $null, $null)
$ds = [ZarrPS.Engine.Model.Dataset]::new($vars, $null, $null)
if ($Write) { $null = $ds | Save-XDataset -Path $Store -Compressor none -Encoding @{ x = @{ Chunks = @{ time = 16 } } }; return }
$m = Open-XDataset $Store | Measure-XData -Mean -Dim time -MaxMemory 64MB
$stat = Get-XComputeStat
'peak_in_flight {0}' -f $stat.PeakMemory
'tasks {0}' -f $stat.Tasks
'value {0}' -f $m['x'].Values[3, 7]
'peak_rss {0}' -f [ZarrPS.Engine.Compute.Scheduler]::PeakResidentBytes()
""");
        Host(script, "-Store", tmp["big.zarr"], "-Write");
        // The reduction runs in a process of its own, so its peak resident memory is its own.
        string stdout = Host(script, "-Store", tmp["big.zarr"]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ')).Where(a => a.Length == 2).ToDictionary(a => a[0], a => a[1]);
        Assert.Equal("4", lines["value"]);                                   // lon index 7 → (7 + 1) * 0.5
        Assert.Equal(64, long.Parse(lines["tasks"]));                        // 1024 / 16 time chunks
        Assert.InRange(long.Parse(lines["peak_in_flight"]), 1, 64L << 20);   // the budget held
        // The process (runtime, PowerShell, module: about 80-100 MiB) stays far below the 256 MiB of data it reduced.
        Assert.InRange(long.Parse(lines["peak_rss"]), 1, 250L << 20);
    }

    private static string Host(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [RepoPaths.HostAssembly, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(300_000), "timed out");
        Assert.True(p.ExitCode == 0, stderr.Result + stdout.Result);
        return stdout.Result;
    }
}
