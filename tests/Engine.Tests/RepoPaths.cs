namespace ZarrPS.Engine.Tests;

/// <summary>Where the repository, the built module and the built host are, seen from the test binary.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder holding ZarrPS.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The built module manifest: $ZARRPS_MODULE_PATH, else out/ZarrPS/ZarrPS.psd1.</summary>
    public static string ModuleManifest =>
        Environment.GetEnvironmentVariable("ZARRPS_MODULE_PATH") is { Length: > 0 } configured
            ? (Directory.Exists(configured) ? Path.Combine(configured, "ZarrPS.psd1") : configured)
            : Path.Combine(Root, "out", "ZarrPS", "ZarrPS.psd1");

    /// <summary>The published host, out/host/zarrps.dll.</summary>
    public static string HostAssembly => Path.Combine(Root, "out", "host", "zarrps.dll");

    /// <summary>tests/Pester.</summary>
    public static string PesterTests => Path.Combine(Root, "tests", "Pester");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZarrPS.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ZarrPS.sln above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
