using System.Management.Automation;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>Runs when the module is imported: lets the engine see through PowerShell's PSObject wrappers.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    /// <inheritdoc />
    public void OnImport() => Selectors.Unwrapper = o => o is PSObject p ? p.BaseObject : o;
}
