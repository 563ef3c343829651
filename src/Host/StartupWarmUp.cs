using System.Linq.Expressions;
using System.Management.Automation.Language;

namespace ZarrPS.Host;

/// <summary>
/// Start-up work moved off the critical path: while the main thread builds the session state and opens the
/// runspace (which it cannot share), a second thread creates the host (reading PowerShell's policy
/// configuration) and then warms code the main thread reaches later: the parser, on the module manifest and
/// the command, and the expression compiler that compiles script blocks. Both threads touch the same
/// assemblies and statics, so whatever this thread initialises first the main thread finds ready.
/// </summary>
public static class StartupWarmUp
{
    /// <summary>Starts the thread; the returned task completes as soon as the host exists.</summary>
    public static Task<ZarrPSHost> Start(Terminal terminal, string? modulePath, string? commandText, string? scriptPath)
    {
        if (Environment.GetEnvironmentVariable("ZARRPS_NOWARM") == "1") return Task.FromResult(new ZarrPSHost(terminal));
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
                WarmUp(modulePath, commandText, scriptPath);
            }
            catch (Exception)
            {
                // Warming is an optimisation only; the main thread reports any real problem itself.
            }
        })
        {
            IsBackground = true,
            Name = "zarrps warm-up",
        };
        thread.Start();
        return host.Task;
    }

    private static void WarmUp(string? modulePath, string? commandText, string? scriptPath)
    {
        if (modulePath is not null)
        {
            Parser.ParseFile(modulePath, out _, out _);
        }

        ParameterExpression value = Expression.Parameter(typeof(object));
        Expression.Lambda<Func<object?, bool>>(Expression.ReferenceEqual(value, Expression.Constant(null)), value).Compile();

        if (scriptPath is not null)
        {
            Parser.ParseFile(scriptPath, out _, out _);
        }
        else if (commandText is not null)
        {
            Parser.ParseInput(commandText, out _, out _);
        }
    }
}
