using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Formats;

namespace ZarrPS.Engine.Tests.NetCdf4;

/// <summary>Fixture paths, the Python peer (netCDF4-python) and value helpers for the NetCDF-4 tests.</summary>
internal static class NetCdf4TestSupport
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> PythonProblem = new(() => FindPythonProblem("import numpy, netCDF4"));
    private static readonly Lazy<string?> H5pyProblem = new(() => FindPythonProblem("import numpy, h5py"));

    /// <summary>The read-only shared fixtures folder (../shared/fixtures next to the repository or one of its parents).</summary>
    public static string FixturesDir { get; } = FindFixtures();

    public static string Fixture(string relative) => Path.Combine(FixturesDir, relative);

    /// <summary>expected.json: what numpy/xarray read from each fixture.</summary>
    public static JsonObject Expected { get; } = (JsonObject)JsonNode.Parse(File.ReadAllText(Fixture("expected.json")))!;

    /// <summary>Skips the test unless /usr/bin/python3 can import numpy and netCDF4.</summary>
    public static void RequireNetCdf4Python()
    {
        if (PythonProblem.Value is { } why) Assert.Skip(why);
    }

    /// <summary>Skips the test unless /usr/bin/python3 can import numpy and h5py.</summary>
    public static void RequireH5py()
    {
        if (H5pyProblem.Value is { } why) Assert.Skip(why);
    }

    public static bool NetCdf4PythonAvailable => PythonProblem.Value is null;

    private static string? FindPythonProblem(string imports)
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        try
        {
            RunPython(imports, []);
            return null;
        }
        catch (Exception e)
        {
            return $"{Python} cannot '{imports}': {e.Message}";
        }
    }

    /// <summary>Runs a Python script with /usr/bin/python3 and a time limit; returns stdout or throws with stderr.</summary>
    public static string RunPython(string script, string[] args, int timeoutSeconds = 120)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("python did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not finish within {timeoutSeconds} s");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException($"python failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Reads a whole variable.</summary>
    public static byte[] ReadAll(IChunkedSource v)
    {
        long n = 1;
        foreach (long d in v.Shape) n *= d;
        var bytes = new byte[checked(n * v.DType.ItemSize)];
        v.ReadRegion(new long[v.Shape.Length], v.Shape, bytes);
        return bytes;
    }

    /// <summary>Element <paramref name="i"/> of machine-order data of <paramref name="type"/>, as a double.</summary>
    public static double Get(DataType type, ReadOnlySpan<byte> data, long i)
    {
        int at = checked((int)(i * type.ItemSize));
        var s = data[at..];
        return type.Kind switch
        {
            ScalarKind.Int8 => (sbyte)s[0],
            ScalarKind.UInt8 => s[0],
            ScalarKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s),
            ScalarKind.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
            ScalarKind.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
            ScalarKind.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(s),
            ScalarKind.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s),
            ScalarKind.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(s),
            ScalarKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(s),
            ScalarKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(s),
            _ => throw new NotSupportedException(type.Name),
        };
    }

    /// <summary>A numeric attribute as double (scalars of any .NET numeric type).</summary>
    public static double? AsDouble(object? value) => value switch
    {
        null => null,
        string => null,
        Array => null,
        Half h => (double)h,
        IConvertible c => c.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    public static void AssertClose(double expected, double actual, double relative, string what)
    {
        double tolerance = relative * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");
    }

    private static string FindFixtures()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("ZARRPS_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
            if (File.Exists(Path.Combine(candidate, "expected.json"))) return candidate;
        }
        return "/work/shared/fixtures";
    }
}

