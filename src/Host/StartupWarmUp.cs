using System.Linq.Expressions;
using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace ZarrPS.Host;

/// <summary>
/// Start-up work moved off the critical path. While the main thread builds the session state (which it
/// cannot share), a second thread creates the host, which reads PowerShell's policy configuration, then runs
/// the static initialisers the main thread meets next when it opens the runspace. None of this is done
/// twice: a static initialiser runs once, on whichever thread reaches it first.
/// </summary>
public static class StartupWarmUp
{
    // Engine types whose static initialisation opening a runspace needs, in the order it needs them
    // (the runspace, then its session state and the script compiler). Internal names: a renamed one is skipped.
    private static readonly string[] EngineTypes =
    [
        "System.Management.Automation.Runspaces.RunspaceBase",
        "System.Management.Automation.Language.Compiler",
        "System.Management.Automation.Language.CachedReflectionInfo",
    ];

    /// <summary>Starts the thread; the returned task completes as soon as the host exists.</summary>
    public static Task<ZarrPSHost> Start(Terminal terminal)
    {
        var host = new TaskCompletionSource<ZarrPSHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                host.SetResult(new ZarrPSHost(terminal));
            }
            catch (Exception e)
            {
                host.SetException(e);
                return;
            }

            try
            {
                InitialiseEngineStatics();
            }
            catch (Exception)
            {
                // Only an optimisation: the main thread meets and reports any real problem itself.
            }
        })
        {
            IsBackground = true,
            Name = "zarrps warm-up",
        };
        thread.Start();
        return host.Task;
    }

    private static void InitialiseEngineStatics()
    {
        System.Reflection.Assembly engine = typeof(PSObject).Assembly;
        foreach (string name in EngineTypes)
        {
            if (engine.GetType(name) is { } type)
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }
        }

        // The engine compiles small expression trees while it opens (variable tuples, binders).
        ParameterExpression value = Expression.Parameter(typeof(object));
        Expression.Lambda<Func<object?, bool>>(Expression.ReferenceEqual(value, Expression.Constant(null)), value).Compile();
    }
}
