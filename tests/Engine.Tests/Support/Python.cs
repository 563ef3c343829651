using System.Diagnostics;

namespace ZarrPS.Engine.Tests.Support;

/// <summary>Runs the Debian python3 peers (zarr, numcodecs, xarray, netCDF4) for cross-checks.</summary>
public static class Python
{
    public const string Exe = "/usr/bin/python3";

    private static readonly Dictionary<string, bool> Have = new();

    /// <summary>True when /usr/bin/python3 can import every module named.</summary>
    public static bool HasModules(params string[] modules)
    {
        string key = string.Join(",", modules);
        lock (Have)
        {
            if (Have.TryGetValue(key, out bool ok)) return ok;
            ok = File.Exists(Exe) && TryRun("import " + key, out _, out _, 60);
            Have[key] = ok;
            return ok;
        }
    }

    /// <summary>Skips the calling test when the modules are missing (CI installs them).</summary>
    public static void Require(params string[] modules)
    {
        if (!HasModules(modules)) Assert.Skip($"/usr/bin/python3 with {string.Join(", ", modules)} is not installed");
    }

    /// <summary>Runs a script; returns stdout; fails the test with stderr on a non-zero exit.</summary>
    public static string Run(string script, int timeoutSeconds = 120)
    {
        if (!TryRun(script, out var stdout, out var stderr, timeoutSeconds))
            Assert.Fail("python failed:\n" + stderr + "\n--- script ---\n" + script);
        return stdout;
    }

    private static bool TryRun(string script, out string stdout, out string stderr, int timeoutSeconds)
    {
        var psi = new ProcessStartInfo(Exe, ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PYTHONWARNINGS"] = "ignore";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(true);
            stdout = "";
            stderr = "timed out";
            return false;
        }
        stdout = o.Result;
        stderr = e.Result;
        return p.ExitCode == 0;
    }
}
