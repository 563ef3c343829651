using System.Diagnostics;

namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Runs the system Python with numcodecs/zarr as a reference implementation (Debian packages).</summary>
internal static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Null when Python with numpy, numcodecs and zarr runs, else why not (for Assert.Skip).</summary>
    public static string? Unavailable => Missing.Value;

    private static string? Probe()
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        try
        {
            var (code, _, err) = Run("import numpy, numcodecs, zarr", TimeSpan.FromSeconds(60));
            return code == 0 ? null : $"{Python} lacks numpy/numcodecs/zarr: {err.Trim()}";
        }
        catch (Exception e)
        {
            return $"{Python} could not run: {e.Message}";
        }
    }

    /// <summary>Runs a script with arguments; kills it after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string script, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not finish within {timeout.TotalSeconds} s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a script that must succeed; its stderr is in the failure message.</summary>
    public static string RunOrFail(string script, TimeSpan timeout, params string[] args)
    {
        var (code, stdout, stderr) = Run(script, timeout, args);
        Assert.True(code == 0, $"python failed ({code}): {stderr}");
        return stdout;
    }
}
