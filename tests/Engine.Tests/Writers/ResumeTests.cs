using System.Diagnostics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Engine.Tests.Writers;

/// <summary>A conversion killed midway leaves no readable store; -Resume finishes it with the content of an uninterrupted run.</summary>
public class ResumeTests
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    internal static Dataset Noise(int times, int ny, int nx, int timeChunk)
    {
        var values = new float[times * ny * nx];
        uint s = 12345;
        for (int i = 0; i < values.Length; i++)
        {
            s = s * 1664525 + 1013904223;
            values[i] = (s >> 8) / 65536f + MathF.Sin(i * 0.001f);
        }
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        long[] shape = [times, ny, nx];
        var t = new InMemoryArray(bytes, shape, DataType.Float32, ChunkLayout.Regular(shape, [timeChunk, ny, nx]));
        var time = InMemoryArray.From(Enumerable.Range(0, times).Select(i => (long)i).ToArray());
        var vars = new OrderedDictionary<string, Variable>
        {
            ["t"] = new Variable(["time", "y", "x"], t, new OrderedDictionary<string, object?> { ["units"] = "K" }),
            ["time"] = new Variable(["time"], time),
        };
        return new Dataset(vars, ["time"]);
    }

    private static void AssertSameFiles(string a, string b)
    {
        var fa = Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToArray();
        var fb = Directory.EnumerateFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(fa, fb);
        foreach (var f in fa)
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
    }

    [Fact]
    public void KilledConversionResumesToTheSameStore()
    {
        using var tmp = new TempDir();
        using (var src = Noise(1000, 64, 64, 100)) ZarrWriter.Save(src, tmp["src.zarr"], new SaveOptions { DefaultCompressor = "none" });
        string zarrps = Path.Combine(Fixtures.RepoRoot, "zarrps");
        string dst = tmp["dst.zarr"];
        // zstd at level 19 on noise is slow enough (a few ms a chunk) to be killed midway.
        string command = $"Convert-ToZarr '{tmp["src.zarr"]}' -Destination '{dst}' -Chunks @{{time = 1}} -Compressor zstd -Level 19 -MaxParallelism 1 | Out-Null";
        var psi = new ProcessStartInfo(zarrps, ["-Command", command]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var child = Process.Start(psi)!;
        var sw = Stopwatch.StartNew();
        int written = 0;
        var trace = new List<string>();
        while (sw.Elapsed < TimeSpan.FromSeconds(120) && !child.HasExited)
        {
            written = Directory.Exists(Path.Combine(dst, "t")) ? Directory.EnumerateFiles(Path.Combine(dst, "t"), "*.0.0").Count() : 0;
            if (written > 0) trace.Add($"{sw.Elapsed.TotalSeconds:F2}:{written}");
            if (written >= 20) break;
            Thread.Sleep(10);
        }
        if (child.HasExited) Assert.Fail($"the conversion ended before it could be killed: {child.StandardError.ReadToEnd()}");
        int killed = SysKill(child.Id, 9);   // SIGKILL: no finally blocks, no flushing
        Assert.True(killed == 0, $"kill({child.Id}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}, {string.Join(" ", trace)}");
        child.WaitForExit();
        Assert.NotEqual(0, child.ExitCode);

        // Killed: marked incomplete, chunks but no metadata, so nothing opens it as a store.
        Assert.True(File.Exists(Path.Combine(dst, IncompleteMarker.Key)),
            $"no marker after {written} chunks (now {Directory.EnumerateFiles(Path.Combine(dst, "t"), "*.0.0").Count()}, exit {child.ExitCode}, {sw.Elapsed}); the store holds: {string.Join(" ", Directory.EnumerateFileSystemEntries(dst).Select(Path.GetFileName))}");
        Assert.False(File.Exists(Path.Combine(dst, ".zmetadata")));
        Assert.False(File.Exists(Path.Combine(dst, ".zgroup")));
        Assert.False(File.Exists(Path.Combine(dst, "t", ".zarray")));
        Assert.ThrowsAny<Exception>(() => DatasetOpener.Open(dst).Dispose());
        var refused = Assert.Throws<ZarrPSException>(() => ZarrConverter.Convert([tmp["src.zarr"]], dst, new ConvertOptions { Compressor = "zstd", Level = 19, Chunks = new Dictionary<string, long> { ["time"] = 1 } }));
        Assert.Equal("StoreIncomplete", refused.ErrorId);
        var mismatch = Assert.Throws<ZarrPSException>(() => ZarrConverter.Convert([tmp["src.zarr"]], dst, new ConvertOptions { Compressor = "zstd", Level = 3, Chunks = new Dictionary<string, long> { ["time"] = 1 }, Resume = true }));
        Assert.Equal("ResumeMismatch", mismatch.ErrorId);

        int before = Directory.EnumerateFiles(Path.Combine(dst, "t"), "*.0.0").Count();
        var resumed = ZarrConverter.Convert([tmp["src.zarr"]], dst, new ConvertOptions { Compressor = "zstd", Level = 19, Chunks = new Dictionary<string, long> { ["time"] = 1 }, Resume = true });
        Assert.True(resumed.ChunksSkipped >= before && before >= 20, $"skipped {resumed.ChunksSkipped}, found {before}");
        Assert.Equal(2000 - resumed.ChunksSkipped, resumed.Chunks);   // 1000 chunks of t and 1000 of time (time = 1 applies to it too)
        Assert.False(File.Exists(Path.Combine(dst, IncompleteMarker.Key)));

        var whole = ZarrConverter.Convert([tmp["src.zarr"]], tmp["whole.zarr"], new ConvertOptions { Compressor = "zstd", Level = 19, Chunks = new Dictionary<string, long> { ["time"] = 1 } });
        Assert.Equal(0, whole.ChunksSkipped);
        AssertSameFiles(tmp["whole.zarr"], dst);
        using var a = DatasetOpener.Open(tmp["src.zarr"]);
        using var b = DatasetOpener.Open(dst);
        SaveTests.AssertSameValues(a, b);
    }

    [Fact]
    public void ResumeRewritesAChunkThatDoesNotDecode()
    {
        using var tmp = new TempDir();
        using var src = Noise(20, 8, 8, 20);
        string dst = tmp["d.zarr"];
        using var cts = new CancellationTokenSource();
        int seen = 0;
        var options = new ConvertOptions
        {
            Compressor = "blosc-lz4", Chunks = new Dictionary<string, long> { ["time"] = 1 }, MaxParallelism = 1, Cancellation = cts.Token,
            Progress = (done, _, _) => { if (Interlocked.Increment(ref seen) == 5) cts.Cancel(); },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => ZarrConverter.Convert(src, [], dst, options));
        Assert.True(File.Exists(Path.Combine(dst, IncompleteMarker.Key)));
        var chunk = Directory.EnumerateFiles(Path.Combine(dst, "t"), "*.0.0").First();
        File.WriteAllBytes(chunk, [1, 2, 3]);   // damaged (another store or a disk that lied)
        var r = ZarrConverter.Convert(src, [], dst, new ConvertOptions { Compressor = "blosc-lz4", Chunks = new Dictionary<string, long> { ["time"] = 1 }, Resume = true });
        Assert.True(r.ChunksSkipped >= 3, $"skipped {r.ChunksSkipped}");
        using var back = DatasetOpener.Open(dst);
        SaveTests.AssertSameValues(src, back);
    }
}
