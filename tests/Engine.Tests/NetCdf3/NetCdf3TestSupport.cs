using System.Diagnostics;
using System.Runtime.InteropServices;
using ZarrPS.Engine.Formats;
using ZarrPS.Engine.Formats.NetCdf3;

namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>Fixture paths, the python peer, and whole-variable reads shared by the NetCDF-3 tests.</summary>
internal static class NetCdf3TestSupport
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string> FixturesRoot = new(FindFixtures);
    private static readonly Lazy<string?> PythonMissing = new(CheckPython);

    /// <summary>The read-only shared fixtures folder (../shared/fixtures next to the repository).</summary>
    public static string Fixture(string relative) => Path.Combine(FixturesRoot.Value, relative);

    /// <summary>Null when /usr/bin/python3 with numpy and netCDF4 is usable, else why not.</summary>
    public static string? PythonNetCdf4Missing => PythonMissing.Value;

    /// <summary>Writes a script into <paramref name="directory"/> and returns its path.</summary>
    public static string Script(string directory, string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string NewTempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "zarrps-nc3-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs /usr/bin/python3 with a time limit; returns stdout, fails the test with stderr otherwise.</summary>
    public static string RunPython(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"python timed out after {timeout}: {string.Join(' ', args)}");
        }
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"python failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Reads the whole variable with one region read.</summary>
    public static byte[] ReadAll(IChunkedSource v)
    {
        long n = v.DType.ItemSize;
        foreach (long s in v.Shape) n *= s;
        var data = new byte[n];
        v.ReadRegion(new long[v.Shape.Length], v.Shape, data);
        return data;
    }

    /// <summary>Element values as doubles (machine byte order in, one double per element out).</summary>
    public static double[] ToDoubles(byte[] data, DataType t) => t.Kind switch
    {
        ScalarKind.Int8 => Array.ConvertAll(MemoryMarshal.Cast<byte, sbyte>(data).ToArray(), x => (double)x),
        ScalarKind.UInt8 or ScalarKind.FixedBytes => Array.ConvertAll(data, x => (double)x),
        ScalarKind.Int16 => Array.ConvertAll(MemoryMarshal.Cast<byte, short>(data).ToArray(), x => (double)x),
        ScalarKind.UInt16 => Array.ConvertAll(MemoryMarshal.Cast<byte, ushort>(data).ToArray(), x => (double)x),
        ScalarKind.Int32 => Array.ConvertAll(MemoryMarshal.Cast<byte, int>(data).ToArray(), x => (double)x),
        ScalarKind.UInt32 => Array.ConvertAll(MemoryMarshal.Cast<byte, uint>(data).ToArray(), x => (double)x),
        ScalarKind.Int64 => Array.ConvertAll(MemoryMarshal.Cast<byte, long>(data).ToArray(), x => (double)x),
        ScalarKind.UInt64 => Array.ConvertAll(MemoryMarshal.Cast<byte, ulong>(data).ToArray(), x => (double)x),
        ScalarKind.Float32 => Array.ConvertAll(MemoryMarshal.Cast<byte, float>(data).ToArray(), x => (double)x),
        ScalarKind.Float64 => MemoryMarshal.Cast<byte, double>(data).ToArray(),
        _ => throw new NotSupportedException(t.Name),
    };

    /// <summary>The box start..start+count of a C-order array, sliced the slow obvious way (the reference for region reads).</summary>
    public static byte[] Slice(byte[] all, long[] shape, int itemSize, long[] start, long[] count)
    {
        int rank = shape.Length;
        long n = 1;
        foreach (long c in count) n *= c;
        var result = new byte[n * itemSize];
        var index = new long[rank];
        for (long k = 0; k < n; k++)
        {
            long rest = k;
            for (int a = rank - 1; a >= 0; a--)
            {
                index[a] = rest % count[a];
                rest /= count[a];
            }
            long flat = 0;
            for (int a = 0; a < rank; a++) flat = flat * shape[a] + start[a] + index[a];
            Array.Copy(all, flat * itemSize, result, k * itemSize, itemSize);
        }
        return result;
    }

    /// <summary>An in-memory source that counts the read calls made on it.</summary>
    internal sealed class CountingSource(byte[] bytes) : IRandomAccessSource
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public bool Disposed { get; private set; }

        public long Length => bytes.LongLength;

        public int Read(long offset, Span<byte> destination)
        {
            Interlocked.Increment(ref _reads);
            if (offset >= bytes.LongLength) return 0;
            int n = (int)Math.Min(destination.Length, bytes.LongLength - offset);
            bytes.AsSpan((int)offset, n).CopyTo(destination);
            return n;
        }

        public void ResetCount() => Interlocked.Exchange(ref _reads, 0);

        public void Dispose() => Disposed = true;
    }

    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "ZarrPS.sln"))) continue;
            string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
            if (Directory.Exists(candidate)) return candidate;
        }
        return "/work/shared/fixtures";
    }

    private static string? CheckPython()
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        try
        {
            var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import numpy, netCDF4");
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            string err = p.StandardError.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromSeconds(60))) { p.Kill(true); return "python did not start within 60 s"; }
            return p.ExitCode == 0 ? null : $"python has no numpy/netCDF4: {err.Trim()}";
        }
        catch (Exception e)
        {
            return $"cannot run {Python}: {e.Message}";
        }
    }
}
