using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Stopping a long computation returns quickly and leaves no worker running.</summary>
public class CancellationTests
{
    // A large lazy array whose every chunk read takes a while and is counted.
    private sealed class SlowArray : ILazyArray
    {
        public long Reads;
        public long[] Shape { get; } = [4000, 100];
        public DataType DType => DataType.Float64;
        public ChunkLayout Chunks { get; } = ChunkLayout.Regular([4000, 100], [1, 100]);
        public string Description => "slow test data";

        public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
        {
            Interlocked.Increment(ref Reads);
            Thread.Sleep(20);
            destination.Clear();
        }
    }

    [Fact]
    public void CancellingAComputeReturnsWithinOneSecondAndStopsReading()
    {
        var slow = new SlowArray();
        var da = new DataArray("s", new Variable(["t", "x"], slow));
        using var cts = new CancellationTokenSource();
        var task = Task.Run(() => Graph.Compute(da.Mean("t").Variable.Data, new ComputeOptions { Cancellation = cts.Token }));
        Thread.Sleep(300);
        Assert.False(task.IsCompleted);
        var sw = Stopwatch.StartNew();
        cts.Cancel();
        var e = Assert.ThrowsAny<OperationCanceledException>(() => task.GetAwaiter().GetResult());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1), $"took {sw.Elapsed.TotalMilliseconds} ms");
        long after = Interlocked.Read(ref slow.Reads);
        Thread.Sleep(200);
        Assert.Equal(after, Interlocked.Read(ref slow.Reads));
        Assert.True(after < 4000);
        Assert.NotNull(e);
    }

    [Fact]
    public void StoppingMeasureXDataStopsTheGraph()
    {
        if (!File.Exists(RepoPaths.ModuleManifest)) Assert.Skip("the module is not built (run ./zarrps test)");
        var slow = new SlowArray();
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(RepoPaths.ModuleManifest);
        using var rs = RunspaceFactory.CreateRunspace(state);
        rs.Open();
        rs.SessionStateProxy.SetVariable("slow", new DataArray("s", new Variable(["t", "x"], slow)));
        using var ps = PowerShell.Create(rs);
        ps.AddScript("$slow | Measure-XData -Mean -Dim t");
        var async = ps.BeginInvoke();
        Thread.Sleep(400);
        Assert.False(async.IsCompleted);
        var sw = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {sw.Elapsed.TotalMilliseconds} ms");
        long after = Interlocked.Read(ref slow.Reads);
        Thread.Sleep(200);
        Assert.Equal(after, Interlocked.Read(ref slow.Reads));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }
}
