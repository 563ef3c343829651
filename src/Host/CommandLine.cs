using System.Management.Automation.Runspaces;

namespace ZarrPS.Host;

/// <summary>What the host was asked to do: run a script file, run a command, or read commands interactively.</summary>
public sealed class CommandLine
{
    /// <summary>The script to run by path, or null.</summary>
    public string? File { get; private init; }

    /// <summary>The command text to run, or null.</summary>
    public string? Command { get; private init; }

    /// <summary>Arguments for the script, bound like <c>pwsh -File</c> binds them.</summary>
    public IReadOnlyList<CommandParameter> ScriptArguments { get; private init; } = [];

    /// <summary>True to print usage and exit.</summary>
    public bool ShowHelp { get; private init; }

    /// <summary>True when neither a file nor a command was given.</summary>
    public bool Interactive => File is null && Command is null && !ShowHelp;

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: zarrps [FILE.ps1 [ARGS...]]
               zarrps -Command|-c 'COMMAND'     (-Command - reads commands from stdin)
               zarrps -File|-f FILE.ps1 [ARGS...]
               zarrps                           (interactive prompt; commands from stdin when redirected)
        pwsh's -NoProfile, -NoLogo, -NonInteractive and -ExecutionPolicy X are accepted and change nothing.

        environment: ZARRPS_MODULE_PATH  the ZarrPS.psd1 to import (default: out/ZarrPS beside the host)
                     ZARRPS_DEBUG=1      print .NET stack traces of errors
        """;

    /// <summary>Parses the process arguments; throws <see cref="ArgumentException"/> with a usage message on bad input.</summary>
    public static CommandLine Parse(string[] args)
    {
        // pwsh options that change nothing here are accepted, so pwsh command lines can be reused as they are.
        int start = 0;
        while (start < args.Length && IsIgnoredOption(args, ref start))
        {
        }

        if (start == args.Length)
        {
            return new CommandLine();
        }

        string first = args[start];
        if (IsSwitch(first, "help") || first is "-h" or "-?" or "/?")
        {
            return new CommandLine { ShowHelp = true };
        }

        if (IsSwitch(first, "command") || first is "-c")
        {
            if (args.Length < start + 2)
            {
                throw new ArgumentException($"{first} needs a command to run, e.g. zarrps -c 'Get-XEngineInfo'.");
            }

            // "-Command -" reads the commands from standard input, like no arguments with input redirected.
            if (args.Length == start + 2 && args[start + 1] == "-")
            {
                return new CommandLine();
            }

            // pwsh -Command joins the remaining arguments with spaces into one command text.
            return new CommandLine { Command = string.Join(' ', args, start + 1, args.Length - start - 1) };
        }

        int fileIndex = start;
        if (IsSwitch(first, "file") || first is "-f")
        {
            if (args.Length < start + 2)
            {
                throw new ArgumentException($"{first} needs the path of a script to run.");
            }

            fileIndex = start + 1;
        }
        else if (first.Length > 1 && first[0] == '-')
        {
            throw new ArgumentException($"unknown option '{first}'.");
        }

        return new CommandLine
        {
            File = args[fileIndex],
            ScriptArguments = BindLikeFile(args.AsSpan(fileIndex + 1)),
        };
    }

    // -NoProfile, -NoLogo, -NonInteractive (zarrps runs no profile, prints no banner, and fails prompts without
    // a terminal anyway) and -ExecutionPolicy with its value (it does not apply on Linux).
    private static bool IsIgnoredOption(string[] args, ref int index)
    {
        string arg = args[index];
        if (IsSwitch(arg, "noprofile") || IsSwitch(arg, "nologo") || IsSwitch(arg, "noninteractive")
            || arg.Equals("-nop", StringComparison.OrdinalIgnoreCase) || arg.Equals("-noni", StringComparison.OrdinalIgnoreCase))
        {
            index++;
            return true;
        }

        if ((IsSwitch(arg, "executionpolicy") || arg.Equals("-ep", StringComparison.OrdinalIgnoreCase)) && index + 1 < args.Length)
        {
            index += 2;
            return true;
        }

        return false;
    }

    // pwsh -File semantics: "-Name" is a parameter name whose value (unless it is a switch) the binder takes
    // from the next argument, "-Name:value" carries its value ("$true"/"true"/"$false"/"false" become booleans),
    // "-Name:" takes the next argument as its value, anything else is positional. Unlike pwsh, an argument that
    // reads as a negative number ("-33.5") is a value, so coordinates can be passed without quoting tricks.
    private static List<CommandParameter> BindLikeFile(ReadOnlySpan<string> args)
    {
        var bound = new List<CommandParameter>(args.Length);
        string? pending = null;
        foreach (string arg in args)
        {
            if (pending is not null)
            {
                bound.Add(new CommandParameter(pending, arg));
                pending = null;
            }
            else if (arg.Length > 1 && arg[0] == '-' && !IsNumber(arg))
            {
                int colon = arg.IndexOf(':');
                if (colon < 0)
                {
                    // The dash tells the engine this is a name awaiting a value, not a name bound to $null.
                    bound.Add(new CommandParameter(arg));
                }
                else if (colon == arg.Length - 1)
                {
                    pending = arg.Substring(0, colon);
                }
                else
                {
                    bound.Add(new CommandParameter(arg.Substring(0, colon), BoolOrText(arg.Substring(colon + 1))));
                }
            }
            else
            {
                bound.Add(new CommandParameter(null, arg));
            }
        }

        if (pending is not null)
        {
            bound.Add(new CommandParameter(pending));
        }

        return bound;
    }

    private static object BoolOrText(string value) =>
        bool.TryParse(value.AsSpan(value.StartsWith('$') ? 1 : 0), out bool b) ? b : value;

    private static bool IsNumber(string arg) =>
        double.TryParse(arg, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    // Like pwsh, an option may be shortened to a prefix of at least three letters ("-com", "-nopr").
    private static bool IsSwitch(string arg, string name) =>
        arg.Length >= 4 && arg[0] == '-' && arg.Length - 1 <= name.Length
        && name.StartsWith(arg.AsSpan(1), StringComparison.OrdinalIgnoreCase);
}
