using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;

namespace ZarrPS.Host;

/// <summary>
/// The interactive prompt: reads a command (more lines while the parser says the input is incomplete),
/// runs it, and repeats until <c>exit</c> or end of input. On a terminal Ctrl+C stops the running pipeline,
/// not the process. With stdin redirected the same loop reads commands without printing prompts.
/// </summary>
public sealed class InteractiveLoop
{
    private readonly HostSession _session;
    private readonly ZarrPSHost _host;
    private readonly Terminal _terminal;

    /// <summary>Creates the loop over an open session.</summary>
    public InteractiveLoop(HostSession session, ZarrPSHost host, Terminal terminal)
    {
        _session = session;
        _host = host;
        _terminal = terminal;
    }

    /// <summary>Runs until exit; returns the exit code.</summary>
    public int Run()
    {
        bool interactive = _terminal.InputIsTerminal;
        Console.CancelKeyPress += OnCancel;
        try
        {
            var input = new StringBuilder();
            while (_host.ExitCode is null)
            {
                if (interactive)
                {
                    _terminal.WriteOut(input.Length == 0 ? _session.Prompt() : ">> ");
                }

                string? line = Console.ReadLine();
                if (line is null)
                {
                    // End of input: run what is pending (redirected input may end without a newline), then leave.
                    if (input.Length > 0)
                    {
                        _session.RunCommand(input.ToString());
                    }

                    if (interactive)
                    {
                        _terminal.WriteOut("\n");
                    }

                    break;
                }

                if (input.Length > 0)
                {
                    input.Append('\n');
                }

                input.Append(line);
                string text = input.ToString();
                // At the prompt an empty line ends an incomplete block, as in pwsh (the parser then says what is
                // missing); read from a pipe, blank lines inside a block are just part of it.
                if ((line.Length > 0 || !interactive) && IsIncomplete(text))
                {
                    continue;
                }

                input.Clear();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    _session.RunCommand(text);
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }

        return _host.ExitCode ?? 0;
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _session.StopRunning();
    }

    /// <summary>True when <paramref name="text"/> parses only as the start of something (an open brace, string, pipe).</summary>
    public static bool IsIncomplete(string text)
    {
        Parser.ParseInput(text, out _, out ParseError[] errors);
        foreach (ParseError error in errors)
        {
            if (error.IncompleteInput)
            {
                return true;
            }
        }

        return false;
    }
}
