using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ZarrPS.Host;

/// <summary>
/// The zarrps console UI: pipeline output on stdout, errors, warnings, verbose and debug text on stderr,
/// progress as one bar line on a terminal's stderr, and prompts read from the terminal.
/// </summary>
public sealed class HostUserInterface : PSHostUserInterface
{
    private readonly Terminal _terminal;
    private readonly HostRawUserInterface _raw;
    private readonly ProgressLine _progress;

    /// <summary>Creates the UI over <paramref name="terminal"/>.</summary>
    public HostUserInterface(Terminal terminal)
    {
        _terminal = terminal;
        _raw = new HostRawUserInterface(terminal);
        _progress = new ProgressLine(terminal);
    }

    /// <summary>
    /// While true, text the formatter writes goes to stderr: used to print a terminating error through
    /// Out-Default's error view without it landing among the pipeline's output.
    /// </summary>
    public bool OutputToError { get; set; }

    /// <summary>How many characters were written to stderr so far (lets a caller see whether a view printed anything).</summary>
    public long ErrorCharsWritten { get; private set; }

    /// <inheritdoc />
    public override PSHostRawUserInterface RawUI => _raw;

    /// <summary>Escape sequences are honoured when stdout is a terminal; PowerShell strips them otherwise.</summary>
    public override bool SupportsVirtualTerminal => _terminal.OutputColours;

    /// <summary>Forgets progress activities of a finished pipeline and wipes the bar.</summary>
    public void ResetProgress() => _progress.Reset();

    /// <inheritdoc />
    public override void Write(string value) => WriteText(value, null, null);

    /// <inheritdoc />
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        WriteText(value, foregroundColor, backgroundColor);

    /// <inheritdoc />
    public override void WriteLine(string value) => WriteText(value + "\n", null, null);

    /// <inheritdoc />
    public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        WriteText(value + "\n", foregroundColor, backgroundColor);

    /// <inheritdoc />
    public override void WriteLine() => WriteText("\n", null, null);

    private void WriteText(string value, ConsoleColor? foreground, ConsoleColor? background)
    {
        foreground ??= _raw.ForegroundColor;
        background ??= _raw.BackgroundColor;
        if (OutputToError)
        {
            ErrorCharsWritten += value.Length;
            _terminal.WriteError(value, foreground, background);
        }
        else
        {
            _terminal.WriteOut(value, foreground, background);
        }
    }

    /// <inheritdoc />
    public override void WriteErrorLine(string value)
    {
        // The error view already colours its text with escapes when the host supports them.
        ErrorCharsWritten += value.Length + 1;
        _terminal.WriteError(value + "\n", value.Contains('\e') ? null : ConsoleColor.Red);
    }

    /// <inheritdoc />
    public override void WriteWarningLine(string message) =>
        _terminal.WriteError("WARNING: " + message + "\n", ConsoleColor.Yellow);

    /// <inheritdoc />
    public override void WriteVerboseLine(string message) =>
        _terminal.WriteError("VERBOSE: " + message + "\n", ConsoleColor.Yellow);

    /// <inheritdoc />
    public override void WriteDebugLine(string message) =>
        _terminal.WriteError("DEBUG: " + message + "\n", ConsoleColor.Yellow);

    /// <summary>
    /// Every information record arrives here, whatever $InformationPreference says: the engine itself writes
    /// the visible text (through Write/WriteLine) when the preference is Continue or the record is Write-Host's,
    /// so this only exists for transcription, which zarrps does not do.
    /// </summary>
    public override void WriteInformation(InformationRecord record)
    {
    }

    /// <inheritdoc />
    public override void WriteProgress(long sourceId, ProgressRecord record) => _progress.Update(sourceId, record);

    /// <inheritdoc />
    public override string ReadLine()
    {
        RequireTerminalInput("read a line");
        _terminal.ClearProgress();
        return Console.ReadLine() ?? throw new HostException("zarrps: standard input was closed while reading a line.");
    }

    /// <inheritdoc />
    public override SecureString ReadLineAsSecureString()
    {
        RequireTerminalInput("read a secret");
        _terminal.ClearProgress();
        var secret = new SecureString();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                _terminal.WriteOut("\n");
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.RemoveAt(secret.Length - 1);
                }
            }
            else if (key.KeyChar != '\0')
            {
                secret.AppendChar(key.KeyChar);
            }
        }

        secret.MakeReadOnly();
        return secret;
    }

    /// <inheritdoc />
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        RequireTerminalInput("prompt for " + string.Join(", ", descriptions.Select(d => d.Name)));
        WriteCaption(caption, message);
        var answers = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
        foreach (FieldDescription field in descriptions)
        {
            string label = string.IsNullOrEmpty(field.Label) ? field.Name : field.Label.Replace("&", "", StringComparison.Ordinal);
            if (field.ParameterTypeName is "SecureString" or "PSCredential")
            {
                Write(label + ": ");
                SecureString secret = ReadLineAsSecureString();
                answers[field.Name] = field.ParameterTypeName == "PSCredential"
                    ? new PSObject(new PSCredential(field.Name, secret))
                    : new PSObject(secret);
                continue;
            }

            bool isArray = field.ParameterTypeFullName?.EndsWith("[]", StringComparison.Ordinal) == true;
            if (!isArray)
            {
                Write(label + ": ");
                answers[field.Name] = new PSObject(ReadLine());
                continue;
            }

            // Arrays are entered one element a line, ended by an empty line, as pwsh does.
            var items = new List<string>();
            while (true)
            {
                Write($"{label}[{items.Count}]: ");
                string line = ReadLine();
                if (line.Length == 0)
                {
                    break;
                }

                items.Add(line);
            }

            answers[field.Name] = new PSObject(items.ToArray());
        }

        return answers;
    }

    /// <inheritdoc />
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    /// <inheritdoc />
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        RequireTerminalInput("prompt for a credential");
        WriteCaption(caption, message);
        if (string.IsNullOrEmpty(userName))
        {
            Write("User: ");
            userName = ReadLine();
        }

        Write($"Password for user {userName}: ");
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    /// <inheritdoc />
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        RequireTerminalInput("ask: " + (string.IsNullOrEmpty(message) ? caption : message),
            "Answer through parameters instead (for a confirmation: -Confirm:$false, or -Force where the command has it).");
        WriteCaption(caption, message);
        var hotkeys = new string[choices.Count];
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < choices.Count; i++)
        {
            string label = choices[i].Label;
            int amp = label.IndexOf('&');
            hotkeys[i] = amp >= 0 && amp + 1 < label.Length ? label[amp + 1].ToString() : label;
            line.Append(CultureInfo.InvariantCulture, $"[{hotkeys[i].ToUpperInvariant()}] {label.Replace("&", "", StringComparison.Ordinal)}  ");
        }

        if (defaultChoice >= 0 && defaultChoice < choices.Count)
        {
            line.Append(CultureInfo.InvariantCulture, $"(default is \"{hotkeys[defaultChoice].ToUpperInvariant()}\")");
        }

        while (true)
        {
            WriteLine(line.ToString());
            Write(": ");
            string answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0)
            {
                return defaultChoice;
            }

            for (int i = 0; i < choices.Count; i++)
            {
                if (answer.Equals(hotkeys[i], StringComparison.OrdinalIgnoreCase)
                    || answer.Equals(choices[i].Label.Replace("&", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
    }

    private void WriteCaption(string? caption, string? message)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            WriteLine(caption);
        }

        if (!string.IsNullOrEmpty(message))
        {
            WriteLine(message);
        }
    }

    private void RequireTerminalInput(string what, string hint = "Pass the value as a parameter instead.")
    {
        if (!_terminal.InputIsTerminal)
        {
            throw new HostException(
                $"zarrps cannot {what.TrimEnd('.', ' ')}: standard input is not a terminal. {hint}",
                null, "InputRedirected", ErrorCategory.InvalidOperation);
        }
    }
}
