using System.Diagnostics;

namespace ZarrPS.Engine.Tests.Storage;

/// <summary>Where the shared fixtures are, and how to run the Python peers.</summary>
internal static class Fixtures
{
    public static string Root
    {
        get
        {
            // From the test binary (tests/Engine.Tests/bin/Release/net10.0) up to the folder holding "shared/fixtures".
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "fixtures");
                if (Directory.Exists(candidate)) return candidate;
            }
            return "/work/shared/fixtures";
        }
    }

    public static string MatrixZarr => Path.Combine(Root, "zarr-python", "matrix.zarr");

    public const string Python = "/usr/bin/python3";

    /// <summary>Runs a Python script with a timeout; skips the test when Python or a module it needs is missing.</summary>
    public static string RunPython(string script, string workingDirectory, params string[] requiredModules)
    {
        if (!File.Exists(Python)) Assert.Skip($"{Python} is not installed");
        foreach (var module in requiredModules)
        {
            var (code, _, _) = Run($"import {module}", workingDirectory, TimeSpan.FromSeconds(60));
            if (code != 0) Assert.Skip($"the Python module '{module}' is not installed for {Python}");
        }
        var (rc, stdout, stderr) = Run(script, workingDirectory, TimeSpan.FromSeconds(120));
        Assert.True(rc == 0, $"python failed ({rc}): {stderr}");
        return stdout;
    }

    private static (int Code, string Stdout, string Stderr) Run(string script, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Python)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-");
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(script);
        p.StandardInput.Close();
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
}
