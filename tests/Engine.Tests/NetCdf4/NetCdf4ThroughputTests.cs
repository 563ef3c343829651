using System.Diagnostics;
using ZarrPS.Engine.Formats.NetCdf4;

namespace ZarrPS.Engine.Tests.NetCdf4;

/// <summary>
/// Parallel chunk-read throughput of a deflate-compressed NetCDF-4 file under each way of sharing the HDF5 file
/// between threads. Runs only when ZARRPS_BENCH_NC4 names a file; when that file is absent it is written first by
/// <see cref="NetCdf4PythonScripts.MakeBenchmarkFile"/>. ZARRPS_BENCH_REPEATS sets the number of timed passes.
/// </summary>
public class NetCdf4ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void ParallelChunkReadsScaleAndAgree()
    {
        string? path = Environment.GetEnvironmentVariable("ZARRPS_BENCH_NC4");
        if (string.IsNullOrEmpty(path)) Assert.Skip("set ZARRPS_BENCH_NC4 to a large deflate-compressed NetCDF-4 file (made here when absent) to run this benchmark");
        if (!File.Exists(path))
        {
            // ~186 MB on disk, 415 MB of float32 decompressed.
            NetCdf4TestSupport.RequireNetCdf4Python();
            NetCdf4TestSupport.RunPython(NetCdf4PythonScripts.MakeBenchmarkFile, [path, "100"], timeoutSeconds: 600);
        }
        string variable = Environment.GetEnvironmentVariable("ZARRPS_BENCH_NC4_VAR") ?? "t2m";

        int repeats = int.TryParse(Environment.GetEnvironmentVariable("ZARRPS_BENCH_REPEATS"), out int r) ? r : 3;
        var modes = new[] { Hdf5Concurrency.Shared, Hdf5Concurrency.Locked, Hdf5Concurrency.Pooled };
        var rates = new Dictionary<(Hdf5Concurrency, int), List<double>>();
        var efficiency = new Dictionary<(Hdf5Concurrency, int), List<double>>();
        double? reference = null;
        long total = 0;
        // One untimed pass warms the JIT and the page cache; then modes are interleaved so machine load hits all alike.
        for (int rep = -1; rep < repeats; rep++)
            foreach (var mode in modes)
                foreach (int threads in new[] { 1, 2 })
                {
                    using var file = new NetCdf4File(path, mode);
                    var v = file.GetVariable(variable);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var (seconds, bytes, checksum) = ReadAllChunks(v, threads);
                    double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    reference ??= checksum;
                    Assert.Equal(reference.Value, checksum);
                    total = bytes;
                    if (rep < 0) break;
                    if (!rates.TryGetValue((mode, threads), out var list)) rates[(mode, threads)] = list = [];
                    list.Add(bytes / 1e6 / seconds);
                    if (!efficiency.TryGetValue((mode, threads), out var cpuList)) efficiency[(mode, threads)] = cpuList = [];
                    cpuList.Add(bytes / 1e6 / cpuSeconds);
                }
        output.WriteLine($"{variable}: {total / 1e6:F0} MB decompressed per pass, {repeats} passes, {Environment.ProcessorCount} cores");
        foreach (var ((mode, threads), list) in rates)
        {
            list.Sort();
            var cpuList = efficiency[(mode, threads)];
            cpuList.Sort();
            output.WriteLine($"{mode,-7} threads={threads}: median {list[list.Count / 2]:F0} MB/s, best {list[^1]:F0} MB/s wall; median {cpuList[cpuList.Count / 2]:F0} MB per CPU-second");
        }
    }

    internal static (double Seconds, long Bytes, double Checksum) ReadAllChunks(NetCdf4Variable v, int threads)
    {
        int rank = v.Shape.Length;
        var grid = new long[rank];
        long chunks = 1;
        for (int i = 0; i < rank; i++)
        {
            grid[i] = (v.Shape[i] + v.ChunkShape[i] - 1) / v.ChunkShape[i];
            chunks *= grid[i];
        }
        long next = -1, total = 0;
        double checksum = 0;
        var gate = new object();
        var sw = Stopwatch.StartNew();
        var workers = new Thread[threads];
        for (int w = 0; w < threads; w++)
        {
            workers[w] = new Thread(() =>
            {
                var start = new long[rank];
                var count = new long[rank];
                byte[] buffer = [];
                double local = 0;
                long bytes = 0;
                for (long c = Interlocked.Increment(ref next); c < chunks; c = Interlocked.Increment(ref next))
                {
                    long rest = c, n = 1;
                    for (int i = rank - 1; i >= 0; i--)
                    {
                        long index = rest % grid[i];
                        rest /= grid[i];
                        start[i] = index * v.ChunkShape[i];
                        count[i] = Math.Min(v.ChunkShape[i], v.Shape[i] - start[i]);
                        n *= count[i];
                    }
                    int size = checked((int)(n * v.DType.ItemSize));
                    if (buffer.Length < size) buffer = new byte[size];
                    v.ReadRegion(start, count, buffer.AsSpan(0, size));
                    bytes += size;
                    // A cheap order-independent digest so every mode is checked against the others.
                    for (int i = 0; i < size; i += 4096) local += buffer[i];
                }
                lock (gate)
                {
                    checksum += local;
                    total += bytes;
                }
            });
            workers[w].Start();
        }
        foreach (var t in workers) t.Join();
        return (sw.Elapsed.TotalSeconds, total, checksum);
    }
}
