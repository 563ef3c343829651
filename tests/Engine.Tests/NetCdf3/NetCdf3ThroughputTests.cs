using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using ZarrPS.Engine.Formats.NetCdf3;
using static ZarrPS.Engine.Tests.NetCdf3.NetCdf3TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>Read throughput of a 200 MB file netCDF4-python writes; runs only with ZARRPS_BENCH=1.</summary>
public class NetCdf3ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void ReadsALargeFileAndReportsThroughput()
    {
        if (Environment.GetEnvironmentVariable("ZARRPS_BENCH") != "1")
            Assert.Skip("set ZARRPS_BENCH=1 to write a 200 MB file with python and measure read throughput");
        if (PythonNetCdf4Missing is { } missing) Assert.Skip(missing);
        string dir = NewTempDirectory();
        try
        {
            string path = Path.Combine(dir, "large.nc");
            string script = Script(dir, "make_large.py", NetCdf3PythonScripts.MakeLargeFile);
            using var python = JsonDocument.Parse(RunPython(TimeSpan.FromMinutes(5), script, path));
            var report = new List<string> { $"file: {new FileInfo(path).Length / 1e6:F0} MB (page cache warm)" };
            using var nc = new NetCdf3File(path);
            double pythonSeconds = 0;
            foreach (string name in new[] { "t2m", "u10" })
            {
                var v = nc.GetVariable(name);
                var expected = python.RootElement.GetProperty(name);
                pythonSeconds += expected.GetProperty("netcdf4_s").GetDouble();
                Assert.Equal([1, 1000, 1000], v.ChunkShape);

                // A fresh array pays for first-touch page faults (numpy's arrays do too); a reused one shows the reader alone.
                var all = new byte[25 * 1000 * 1000 * 4];
                double fresh = Time(() => v.ReadRegion([0, 0, 0], v.Shape, all));
                AssertSum(expected.GetProperty("sum").GetDouble(), all, name);
                double reused = Time(() => v.ReadRegion([0, 0, 0], v.Shape, all));

                var chunk = new byte[1000 * 1000 * 4];
                double chunkedSum = 0, chunked = 0;
                for (long t = 0; t < 25; t++)
                {
                    chunked += Time(() => v.ReadRegion([t, 0, 0], [1, 1000, 1000], chunk));
                    chunkedSum += Sum(chunk);
                }
                Assert.Equal(Sum(all), chunkedSum, 1e-9 * Math.Abs(chunkedSum));

                int workers = Environment.ProcessorCount;
                var buffers = Enumerable.Range(0, workers).Select(_ => (byte[])chunk.Clone()).ToArray();
                double parallel = Time(() => Task.WaitAll(Enumerable.Range(0, workers).Select(w => Task.Run(() =>
                {
                    for (long t = w; t < 25; t += workers) v.ReadRegion([t, 0, 0], [1, 1000, 1000], buffers[w]);
                })).ToArray()));

                double mb = all.Length / 1e6;
                report.Add($"{name} ({mb:F0} MB): whole variable into a fresh array {mb / fresh:F0} MB/s, into a reused array {mb / reused:F0} MB/s; " +
                           $"25 record chunks into a reused 4 MB buffer {mb / chunked:F0} MB/s, on {workers} threads {mb / parallel:F0} MB/s; " +
                           $"netCDF4-python v[:] {mb / expected.GetProperty("netcdf4_s").GetDouble():F0} MB/s");
            }
            report.Add($"xarray open_dataset(...).load() of the whole file: {new FileInfo(path).Length / 1e6 / python.RootElement.GetProperty("xarray_load_s").GetDouble():F0} MB/s");
            foreach (string line in report) output.WriteLine(line);
            File.WriteAllLines(Path.Combine(Path.GetTempPath(), "zarrps-nc3-throughput.txt"), report);
            Assert.True(pythonSeconds > 0);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static double Time(Action read)
    {
        var sw = Stopwatch.StartNew();
        read();
        return sw.Elapsed.TotalSeconds;
    }

    private static double Sum(byte[] data)
    {
        double s = 0;
        foreach (float x in MemoryMarshal.Cast<byte, float>(data)) s += x;
        return s;
    }

    private static void AssertSum(double expected, byte[] data, string name)
    {
        double actual = Sum(data);
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected), $"{name}: sum {actual:R}, netCDF4-python {expected:R}");
    }
}
