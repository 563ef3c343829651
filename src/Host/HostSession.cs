using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text;

namespace ZarrPS.Host;

/// <summary>
/// One runspace with the ZarrPS module imported, and the way zarrps runs things in it: output through
/// Out-Default (so format.ps1xml views apply), non-terminating errors printed by PowerShell's error view as
/// they come, terminating errors printed the same way and turned into exit code 1.
/// </summary>
public sealed class HostSession : IDisposable
{
    private readonly ZarrPSHost _host;
    private readonly Runspace _runspace;
    private readonly bool _debug;
    private PowerShell? _running;

    /// <summary>
    /// Opens a runspace on the host <paramref name="hostCreation"/> yields and imports the ZarrPS module into it.
    /// The session state is built while the host is still being created on the warm-up thread.
    /// </summary>
    public HostSession(Task<ZarrPSHost> hostCreation, string? modulePath, bool debug)
    {
        _debug = debug;
        InitialSessionState state = InitialSessionState.CreateDefault2();
        state.ThreadOptions = PSThreadOptions.UseCurrentThread;
        if (modulePath is not null)
        {
            state.ImportPSModule(modulePath);
        }

        _host = hostCreation.GetAwaiter().GetResult();
        _runspace = RunspaceFactory.CreateRunspace(_host, state);
        _runspace.Open();
        // Start-up leaves tens of MB of young objects that live for the whole session (the engine, the module's
        // types and format tables). Promoting them now costs a few ms here instead of a 15-20 ms pause in the
        // user's first command that allocates.
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
    }

    /// <summary>The host the runspace runs on.</summary>
    public ZarrPSHost Host => _host;

    /// <summary>The runspace, for the interactive prompt.</summary>
    public Runspace Runspace => _runspace;

    /// <summary>Runs script text in the global scope. Returns false when it ended in a terminating error.</summary>
    public bool RunCommand(string text)
    {
        // A command that does not parse reaches the engine as an exception without its parse errors; report them here.
        Parser.ParseInput(text, out _, out ParseError[] errors);
        if (errors.Length > 0)
        {
            var e = new ParseException(errors);
            AddToErrorVariable(e.ErrorRecord);
            WriteParseErrors(errors);
            return false;
        }

        return Run(ps => ps.AddScript(text, useLocalScope: false));
    }

    /// <summary>
    /// Runs a script file by path (so $PSScriptRoot is set) with arguments bound like pwsh -File, letting
    /// <c>exit N</c> in it end the session with N. Returns false when it ended in a terminating error.
    /// </summary>
    public bool RunFile(string path, IReadOnlyList<CommandParameter> arguments)
    {
        RethrowExitFromScripts();
        return Run(ps =>
        {
            var command = new Command(path, isScript: false, useLocalScope: false);
            foreach (CommandParameter argument in arguments)
            {
                command.Parameters.Add(argument);
            }

            ps.Commands.AddCommand(command);
        });
    }

    /// <summary>Stops the running pipeline, if any (Ctrl+C). Does not wait.</summary>
    public void StopRunning()
    {
        PowerShell? running = Volatile.Read(ref _running);
        running?.BeginStop(static ar => ((PowerShell)ar.AsyncState!).EndStop(ar), running);
    }

    /// <summary>Runs the <c>prompt</c> function and returns its text, or "PS path> " when it fails.</summary>
    public string Prompt()
    {
        try
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddCommand("prompt");
            var results = ps.Invoke();
            if (results.Count > 0 && results[0]?.BaseObject is { } value)
            {
                return value.ToString() ?? string.Empty;
            }
        }
        catch (RuntimeException)
        {
        }

        return $"PS {_runspace.SessionStateProxy.Path.CurrentLocation}> ";
    }

    private bool Run(Action<PowerShell> build)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = _runspace;
        build(ps);
        // Errors join the output so Out-Default prints each where it happened, with PowerShell's error view.
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        Volatile.Write(ref _running, ps);
        try
        {
            ps.Invoke();
            return true;
        }
        catch (Exception e) when (e is RuntimeException or PSInvalidOperationException)
        {
            if (ps.InvocationStateInfo.State == PSInvocationState.Stopped)
            {
                return true;
            }

            ReportTerminatingError(e);
            return false;
        }
        finally
        {
            Volatile.Write(ref _running, null);
            _host.Console.ResetProgress();
        }
    }

    /// <summary>Prints a terminating error the way pwsh does: its ErrorRecord through Out-Default's error view, on stderr.</summary>
    public void ReportTerminatingError(Exception e)
    {
        ErrorRecord record = e is IContainsErrorRecord withRecord
            ? withRecord.ErrorRecord
            : new ErrorRecord(e, "ZarrPS.Host.UnhandledException", ErrorCategory.NotSpecified, null);
        AddToErrorVariable(record);
        long before = _host.Console.ErrorCharsWritten;
        if (e is not ParseException)
        {
            try
            {
                _host.Console.OutputToError = true;
                using PowerShell ps = PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddCommand("Out-Default");
                ps.Invoke(new object[] { record });
            }
            catch (Exception formatting) when (formatting is RuntimeException or PSInvalidOperationException)
            {
                // The view failed; the fallback below still prints the message.
            }
            finally
            {
                _host.Console.OutputToError = false;
            }
        }

        if (_host.Console.ErrorCharsWritten == before)
        {
            WriteErrorFallback(e, record);
        }

        if (_debug)
        {
            _host.Console.WriteErrorLine(e.ToString());
        }
    }

    // The error view prints nothing for a parse error that has no invocation (a -Command that does not parse),
    // so those are laid out here like pwsh's concise view: the line, a marker under the extent, the message.
    private void WriteErrorFallback(Exception e, ErrorRecord record)
    {
        if (e is ParseException { Errors: { Length: > 0 } errors })
        {
            WriteParseErrors(errors);
            return;
        }

        _host.Console.WriteErrorLine($"{record.CategoryInfo.Reason}: {e.Message}");
        if (record.InvocationInfo?.PositionMessage is { Length: > 0 } position)
        {
            _host.Console.WriteErrorLine(position);
        }
    }

    private void WriteParseErrors(ParseError[] errors)
    {
        var text = new StringBuilder("ParserError: ");
        foreach (ParseError error in errors)
        {
            IScriptExtent extent = error.Extent;
            string line = extent.StartScriptPosition.Line;
            int column = Math.Max(1, extent.StartColumnNumber);
            int width = extent.StartLineNumber == extent.EndLineNumber
                ? extent.EndColumnNumber - extent.StartColumnNumber
                : line.Length - column + 1;
            string number = extent.StartLineNumber.ToString(CultureInfo.InvariantCulture);
            string gutter = new(' ', Math.Max(4, number.Length));
            text.Append(string.IsNullOrEmpty(extent.File) ? "" : $"{extent.File}:{extent.StartLineNumber}").Append('\n');
            text.Append("Line |\n");
            text.Append(number.PadLeft(gutter.Length)).Append(" |  ").Append(line.TrimEnd()).Append('\n');
            text.Append(gutter).Append(" |  ").Append(' ', column - 1).Append('~', Math.Max(1, width)).Append('\n');
            text.Append(gutter).Append(" | ").Append(error.Message).Append('\n');
        }

        _host.Console.WriteErrorLine(text.ToString().TrimEnd('\n'));
    }

    private void AddToErrorVariable(ErrorRecord record)
    {
        if (_runspace.SessionStateProxy.GetVariable("global:Error") is System.Collections.IList errors)
        {
            errors.Insert(0, record);
        }
    }

    /// <summary>
    /// pwsh -File makes <c>exit N</c> inside the script end the process with N, through an engine flag that
    /// is not public. Without it the engine would swallow the exit into $LASTEXITCODE. When the flag cannot
    /// be reached (a different engine build), <see cref="LastExitCode"/> serves as the fallback.
    /// </summary>
    private void RethrowExitFromScripts()
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        object? context = typeof(Runspace).GetProperty("ExecutionContext", Internal)?.GetValue(_runspace);
        PropertyInfo? flag = context?.GetType().GetProperty("ScriptCommandProcessorShouldRethrowExit", Internal);
        if (flag is not null)
        {
            flag.SetValue(context, true);
            CanRethrowExit = true;
        }
    }

    /// <summary>True when <see cref="RunFile"/> could make <c>exit</c> end the session.</summary>
    public bool CanRethrowExit { get; private set; }

    /// <summary>$LASTEXITCODE in the global scope, or 0.</summary>
    public int LastExitCode =>
        _runspace.SessionStateProxy.GetVariable("global:LASTEXITCODE") is int code ? code : 0;

    /// <inheritdoc />
    public void Dispose() => _runspace.Dispose();
}
