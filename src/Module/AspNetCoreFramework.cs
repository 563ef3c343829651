using System.Reflection;
using System.Runtime.Loader;
using ZarrPS.Engine;

namespace ZarrPS.Module;

/// <summary>
/// Makes the ASP.NET Core shared framework loadable for the dashboard. pwsh ships only Microsoft.NETCore.App, so when
/// the process was not started with Microsoft.AspNetCore.App, its assemblies are loaded from the dotnet install
/// (DOTNET_ROOT, the install the runtime runs from, the usual folders), matching the runtime's major version.
/// Nothing of this runs at import: only Start-XDashboard calls it.
/// </summary>
public static class AspNetCoreFramework
{
    private static readonly object Gate = new();
    private static string? s_directory;

    /// <summary>The folder the framework's assemblies load from, or null when the process has them already (its own framework list).</summary>
    public static string? Directory => s_directory;

    /// <summary>Ensures Microsoft.AspNetCore.* can be loaded, else throws an error that says what to install.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (s_directory is not null || InTrustedPlatformAssemblies()) return;
            var roots = CandidateRoots().ToArray();
            string? found = Find(roots, Environment.Version);
            if (found is null)
                throw new ZarrPSException(ErrorKind.NotFound, "AspNetCoreMissing",
                    $"Start-XDashboard needs the ASP.NET Core {Environment.Version.Major} shared framework (Microsoft.AspNetCore.App {Environment.Version.Major}.x), " +
                    "which pwsh does not ship. Install it (Debian/Ubuntu: apt-get install aspnetcore-runtime-" + Environment.Version.Major + ".0; " +
                    "or dotnet-install.sh --runtime aspnetcore) or set DOTNET_ROOT to a dotnet install that has it. Looked in: " +
                    string.Join(", ", roots.Select(r => Path.Combine(r, "shared", "Microsoft.AspNetCore.App"))) + ".");
            s_directory = found;
            AssemblyLoadContext.Default.Resolving += Resolve;
            var own = AssemblyLoadContext.GetLoadContext(typeof(AspNetCoreFramework).Assembly);
            if (own is not null && own != AssemblyLoadContext.Default) own.Resolving += Resolve;
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (s_directory is null || name.Name is null) return null;
        string path = Path.Combine(s_directory, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }

    private static bool InTrustedPlatformAssemblies() =>
        AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa &&
        tpa.Contains(Path.DirectorySeparatorChar + "Microsoft.AspNetCore.dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The newest <c>shared/Microsoft.AspNetCore.App/&lt;version&gt;</c> folder under <paramref name="roots"/> whose major
    /// version is <paramref name="runtime"/>'s and which holds Microsoft.AspNetCore.dll; null when there is none.
    /// </summary>
    public static string? Find(IEnumerable<string> roots, Version runtime)
    {
        string? best = null;
        Version? bestVersion = null;
        foreach (string root in roots)
        {
            string shared = Path.Combine(root, "shared", "Microsoft.AspNetCore.App");
            if (!System.IO.Directory.Exists(shared)) continue;
            foreach (string dir in System.IO.Directory.GetDirectories(shared))
            {
                string name = Path.GetFileName(dir);
                int dash = name.IndexOf('-', StringComparison.Ordinal);   // previews: 10.0.0-rc.1...
                if (!Version.TryParse(dash < 0 ? name : name[..dash], out var v) || v.Major != runtime.Major) continue;
                if (!File.Exists(Path.Combine(dir, "Microsoft.AspNetCore.dll"))) continue;
                if (bestVersion is null || v > bestVersion)
                {
                    best = dir;
                    bestVersion = v;
                }
            }
        }
        return best;
    }

    /// <summary>Where dotnet installs are looked for, most specific first.</summary>
    public static IEnumerable<string> CandidateRoots()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? r in Roots())
            if (!string.IsNullOrEmpty(r) && seen.Add(Path.GetFullPath(r))) yield return Path.GetFullPath(r);

        static IEnumerable<string?> Roots()
        {
            yield return Environment.GetEnvironmentVariable("DOTNET_ROOT");
            yield return Environment.GetEnvironmentVariable(Environment.Is64BitProcess ? "DOTNET_ROOT_X64" : "DOTNET_ROOT_X86");
            // The install this runtime runs from: <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll.
            string core = typeof(object).Assembly.Location;
            if (core.Length > 0) yield return Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(core))));
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string exe = Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
                if (!File.Exists(exe)) continue;
                var target = new FileInfo(exe).ResolveLinkTarget(returnFinalTarget: true);
                yield return Path.GetDirectoryName(target?.FullName ?? exe);
            }
            if (OperatingSystem.IsWindows())
            {
                yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "dotnet");
            }
            else
            {
                yield return "/usr/share/dotnet";
                yield return "/usr/lib/dotnet";
                yield return "/usr/local/share/dotnet";
                yield return "/opt/dotnet";
                yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet");
            }
        }
    }
}
