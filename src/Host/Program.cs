using System.Management.Automation;

namespace ZarrPS.Host;

/// <summary>The zarrps entry point: <c>zarrps FILE.ps1 [args]</c>, <c>zarrps -Command '...'</c> or an interactive prompt.</summary>
public static class Program
{
    /// <summary>Exit code for a bad command line (pwsh's).</summary>
    public const int UsageExitCode = 64;

    /// <summary>Exit code after Ctrl+C stopped a script or command (128 + SIGINT).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Runs zarrps; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        bool debug = Environment.GetEnvironmentVariable("ZARRPS_DEBUG") == "1";
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Fail(e.ExceptionObject as Exception, debug);
        // Read by the engine when its types load: no telemetry, and (unless asked for) no named-pipe listener
        // for Enter-PSHostProcess, which costs start-up time and leaves a socket in /tmp while zarrps runs.
        Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
        if (Environment.GetEnvironmentVariable("POWERSHELL_DIAGNOSTICS_OPTOUT") is null)
        {
            Environment.SetEnvironmentVariable("POWERSHELL_DIAGNOSTICS_OPTOUT", "1");
        }

        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"zarrps: {e.Message}");
            Console.Error.WriteLine(CommandLine.Usage);
            return UsageExitCode;
        }

        if (commandLine.ShowHelp)
        {
            Console.Out.WriteLine(CommandLine.Usage);
            return 0;
        }

        string? scriptPath = null;
        if (commandLine.File is { } file)
        {
            scriptPath = Path.GetFullPath(file);
            if (!File.Exists(scriptPath))
            {
                Console.Error.WriteLine($"zarrps: the script file '{file}' does not exist.");
                return UsageExitCode;
            }
        }

        try
        {
            return Run(commandLine, scriptPath, debug);
        }
        catch (Exception e)
        {
            Fail(e, debug);
            return 1;
        }
    }

    private static int Run(CommandLine commandLine, string? scriptPath, bool debug)
    {
        var terminal = new Terminal();
        string? modulePath = FindModule(terminal);
        Task<ZarrPSHost> hostCreation = StartupWarmUp.Start(terminal);
        using var session = new HostSession(hostCreation, modulePath, debug);
        ZarrPSHost host = session.Host;

        if (commandLine.Interactive)
        {
            return new InteractiveLoop(session, host, terminal).Run();
        }

        // Ctrl+C stops the pipeline; PowerShell unwinds (finally blocks run) and zarrps exits.
        bool cancelled = false;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancelled = true;
            session.StopRunning();
        };

        bool completed;
        if (scriptPath is not null)
        {
            completed = scriptPath.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase)
                ? session.RunFile(scriptPath, commandLine.ScriptArguments)
                // pwsh runs a file without the .ps1 extension (a shebang script) as script text.
                : session.RunCommand(File.ReadAllText(scriptPath));
        }
        else
        {
            completed = session.RunCommand(commandLine.Command!);
        }

        if (host.ExitCode is { } exitCode)
        {
            return exitCode;
        }

        if (!completed)
        {
            return 1;
        }

        if (cancelled)
        {
            return CancelledExitCode;
        }

        return scriptPath is not null && !session.CanRethrowExit ? session.LastExitCode : 0;
    }

    /// <summary>$ZARRPS_MODULE_PATH, else ../ZarrPS/ZarrPS.psd1 beside the host's folder (out/host → out/ZarrPS).</summary>
    private static string? FindModule(Terminal terminal)
    {
        string? configured = Environment.GetEnvironmentVariable("ZARRPS_MODULE_PATH");
        string path = !string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "ZarrPS", "ZarrPS.psd1"));
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, "ZarrPS.psd1");
        }

        if (File.Exists(path))
        {
            return path;
        }

        terminal.WriteError($"zarrps: WARNING: the ZarrPS module was not found at {path}; running without it " +
            "(build it with ./zarrps, or set ZARRPS_MODULE_PATH).\n", ConsoleColor.Yellow);
        return null;
    }

    private static void Fail(Exception? e, bool debug)
    {
        string message = e switch
        {
            null => "unknown failure",
            IContainsErrorRecord { ErrorRecord.Exception.Message: { } m } => m,
            _ => e.Message,
        };
        Console.Error.WriteLine($"zarrps: {message}");
        if (debug && e is not null)
        {
            Console.Error.WriteLine(e.ToString());
        }

        // An exception on another thread would otherwise end in the runtime's own stack dump.
        Environment.Exit(1);
    }
}
