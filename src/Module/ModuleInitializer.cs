using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// Runs when the module is imported: lets the engine see through PowerShell's PSObject wrappers, and lets libraries
/// that load assemblies by name (Orleans scans its providers) find the module's own.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static int s_resolving;

    /// <inheritdoc />
    public void OnImport()
    {
        Selectors.Unwrapper = o => o is PSObject p ? p.BaseObject : o;
        if (Interlocked.Exchange(ref s_resolving, 1) == 0)
            AssemblyLoadContext.Default.Resolving += FromModuleFolder;
    }

    private static Assembly? FromModuleFolder(AssemblyLoadContext context, AssemblyName name)
    {
        string? dir = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location);
        if (dir is null || name.Name is null) return null;
        string path = Path.Join(dir, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
