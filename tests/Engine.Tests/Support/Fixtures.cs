using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Tests.Support;

/// <summary>Locates ../shared/fixtures (from the repository root) and its expected.json.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> RootDir = new(FindRoot);
    private static readonly Lazy<JsonObject> ExpectedDoc = new(() => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "expected.json")))!);

    /// <summary>The fixtures folder.</summary>
    public static string Root => RootDir.Value;

    /// <summary>expected.json.</summary>
    public static JsonObject Expected => ExpectedDoc.Value;

    /// <summary>A path inside the fixtures folder.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The repository root (holding ZarrPS.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZarrPS.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (ZarrPS.sln) above " + AppContext.BaseDirectory);
        }
    }

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("ZARRPS_FIXTURES");
        if (!string.IsNullOrEmpty(env)) return env;
        var candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures"));
        if (!Directory.Exists(candidate)) throw new InvalidOperationException("Fixtures not found at " + candidate + " (set ZARRPS_FIXTURES).");
        return candidate;
    }

    /// <summary>Copies a fixture folder or file to a fresh temp directory (fixtures are read-only).</summary>
    public static string CopyToTemp(string relative, TempDir temp)
    {
        string src = PathOf(relative);
        string dst = Path.Combine(temp.Path, Path.GetFileName(relative.TrimEnd('/')));
        if (File.Exists(src)) File.Copy(src, dst);
        else CopyDir(src, dst);
        return dst;
    }

    private static void CopyDir(string src, string dst)
    {
        Directory.CreateDirectory(dst);
        foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(dst, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(src)) CopyDir(d, Path.Combine(dst, Path.GetFileName(d)));
    }
}

/// <summary>A temporary directory deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates it.</summary>
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zarrps-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside it.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
