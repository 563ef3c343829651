namespace ZarrPS.Engine.Tests.Codecs;

/// <summary>Finds the shared read-only fixtures (ZARRPS_FIXTURES, a shared/fixtures folder above the test binary, or /work/shared/fixtures).</summary>
internal static class FixturePaths
{
    public static string Root { get; } = Find();

    public static string MatrixZarr => Path.Combine(Root, "zarr-python", "matrix.zarr");

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("ZARRPS_FIXTURES");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return "/work/shared/fixtures";
    }
}
