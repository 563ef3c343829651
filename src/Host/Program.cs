using System.Management.Automation;

namespace ZarrPS.Host;

/// <summary>The zarrps entry point: <c>zarrps FILE.ps1 [args]</c>, <c>zarrps -Command '...'</c> or an interactive prompt.</summary>
public static class Program
{
    /// <summary>Exit code for a bad command line (pwsh's).</summary>
    public const int UsageExitCode = 64;

    /// <summary>Runs zarrps; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        bool debug = Environment.GetEnvironmentVariable("ZARRPS_DEBUG") == "1";
        if (Environment.GetEnvironmentVariable("ZARRPS_JIT") == "1") { JitTrace.Instance = new JitTrace(); }
        try { return Main2(args, debug); } finally { if (JitTrace.Instance is { } j) { Console.Error.WriteLine($"JIT {j.Count}"); foreach (var kv in j.ByNamespace.OrderByDescending(k => k.Value).Take(25)) Console.Error.WriteLine($"  {kv.Value} {kv.Key}"); System.IO.File.WriteAllLines("/tmp/jit.txt", j.Names); } }
    }

    private static int Main2(string[] args, bool debug)
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Fail(e.ExceptionObject as Exception, debug);
        // Read by the engine's telemetry when its types load; zarrps sends nothing anywhere.
        Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");

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
            if (!System.IO.File.Exists(scriptPath))
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
        if (Environment.GetEnvironmentVariable("ZARRPS_TIMING") == "1") Console.Error.WriteLine($"main cpu {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0}");
        var terminal = new Terminal();
        var host = new ZarrPSHost(terminal);
        string? modulePath = FindModule(terminal);
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        using var session = new HostSession(host, modulePath, debug);
        if (Environment.GetEnvironmentVariable("ZARRPS_TIMING") == "1")
        {
            Console.Error.WriteLine($"startup {Environment.TickCount64 - System.Diagnostics.Process.GetCurrentProcess().StartTime.Ticks / 10000} open {System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds:F0} ms since process start {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:F0}");
        }

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

        if (Environment.GetEnvironmentVariable("ZARRPS_TIMING") == "1") Console.Error.WriteLine($"done cpu {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0}");
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
            return 130;
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
