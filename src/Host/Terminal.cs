using System.Text;

namespace ZarrPS.Host;

/// <summary>
/// The process's standard streams as the host sees them: which are terminals, colour escapes when they are,
/// and the progress line on stderr that any other text must first wipe.
/// </summary>
public sealed class Terminal
{
    private readonly object _lock = new();
    private bool _progressShown;

    /// <summary>Creates the terminal view of the current process's streams.</summary>
    public Terminal()
    {
        InputIsTerminal = !Console.IsInputRedirected;
        OutputIsTerminal = !Console.IsOutputRedirected;
        ErrorIsTerminal = !Console.IsErrorRedirected;
        // NO_COLOR (no-color.org) and TERM=dumb ask for plain text even on a terminal.
        bool plain = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("TERM") == "dumb";
        OutputColours = OutputIsTerminal && !plain;
        ErrorColours = ErrorIsTerminal && !plain;
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Out = new StreamWriter(Console.OpenStandardOutput(), utf8, 4096) { AutoFlush = true };
        Error = new StreamWriter(Console.OpenStandardError(), utf8, 1024) { AutoFlush = true };
    }

    /// <summary>True when stdin is a terminal (prompts can be answered).</summary>
    public bool InputIsTerminal { get; }

    /// <summary>True when stdout is a terminal.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>True when stderr is a terminal.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>True when text written to stdout may carry colour escapes.</summary>
    public bool OutputColours { get; }

    /// <summary>True when text written to stderr may carry colour escapes.</summary>
    public bool ErrorColours { get; }

    /// <summary>The width formatting should fit: the window's on a terminal, else $COLUMNS or 120.</summary>
    public int Width
    {
        get
        {
            if (OutputIsTerminal)
            {
                try
                {
                    int w = Console.WindowWidth;
                    if (w > 0)
                    {
                        return w;
                    }
                }
                catch (IOException)
                {
                }
            }

            return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int c) && c > 0 ? c : 120;
        }
    }

    /// <summary>Standard output (UTF-8, no BOM).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error (UTF-8, no BOM).</summary>
    public TextWriter Error { get; }

    /// <summary>Writes to stdout, in colour when stdout is a terminal; escapes are stripped when it is not.</summary>
    public void WriteOut(string? text, ConsoleColor? foreground = null, ConsoleColor? background = null) =>
        Write(Out, OutputColours, text, foreground, background);

    /// <summary>Writes to stderr, in colour when stderr is a terminal; escapes are stripped when it is not.</summary>
    public void WriteError(string? text, ConsoleColor? foreground = null, ConsoleColor? background = null) =>
        Write(Error, ErrorColours, text, foreground, background);

    /// <summary>Draws <paramref name="line"/> as the progress line on stderr, replacing the previous one.</summary>
    public void ShowProgress(string line)
    {
        lock (_lock)
        {
            Error.Write(_progressShown ? "\r\e[2K" : "\r");
            Error.Write(line);
            _progressShown = true;
        }
    }

    /// <summary>Wipes the progress line if one is shown.</summary>
    public void ClearProgress()
    {
        lock (_lock)
        {
            WipeProgress();
        }
    }

    private void Write(TextWriter writer, bool colours, string? text, ConsoleColor? foreground, ConsoleColor? background)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        lock (_lock)
        {
            WipeProgress();
            if (!colours)
            {
                writer.Write(text.Contains('\e') ? StripEscapes(text) : text);
                return;
            }

            string? prefix = ColourEscape(foreground, background);
            if (prefix is null)
            {
                writer.Write(text);
                return;
            }

            // Colour each line separately so a newline never carries a background colour across the screen.
            int start = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                int end = nl < 0 ? text.Length : nl;
                if (end > start)
                {
                    writer.Write(prefix);
                    writer.Write(text.AsSpan(start, end - start));
                    writer.Write("\e[0m");
                }

                if (nl < 0)
                {
                    break;
                }

                writer.Write('\n');
                start = nl + 1;
            }
        }
    }

    private void WipeProgress()
    {
        if (_progressShown)
        {
            Error.Write("\r\e[2K");
            _progressShown = false;
        }
    }

    /// <summary>The SGR escape for a console colour pair, or null when neither is a real colour.</summary>
    public static string? ColourEscape(ConsoleColor? foreground, ConsoleColor? background)
    {
        int fg = foreground is { } f && IsColour(f) ? SgrCode(f, background: false) : 0;
        int bg = background is { } b && IsColour(b) ? SgrCode(b, background: true) : 0;
        return (fg, bg) switch
        {
            (0, 0) => null,
            (_, 0) => $"\e[{fg}m",
            (0, _) => $"\e[{bg}m",
            _ => $"\e[{fg};{bg}m",
        };
    }

    private static bool IsColour(ConsoleColor c) => c >= ConsoleColor.Black && c <= ConsoleColor.White;

    // ConsoleColor numbers Windows' palette (blue = 1, red = 4); ANSI numbers red = 1, blue = 4.
    private static int SgrCode(ConsoleColor c, bool background)
    {
        ReadOnlySpan<int> ansi = [0, 4, 2, 6, 1, 5, 3, 7];
        int index = (int)c;
        int code = index == 7 ? 37 : index == 8 ? 90 : (index < 8 ? 30 : 90) + ansi[index & 7];
        return background ? code + 10 : code;
    }

    /// <summary>Removes ANSI CSI and OSC escape sequences.</summary>
    public static string StripEscapes(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\e' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }

            char kind = text[i + 1];
            if (kind == '[')
            {
                int j = i + 2;
                while (j < text.Length && text[j] is >= (char)0x20 and <= (char)0x3F)
                {
                    j++;
                }

                i = j; // the final byte (0x40-0x7E) is skipped by the loop's i++
            }
            else if (kind == ']')
            {
                int j = i + 2;
                while (j < text.Length && text[j] != '\a' && !(text[j] == '\e' && j + 1 < text.Length && text[j + 1] == '\\'))
                {
                    j++;
                }

                i = j < text.Length && text[j] == '\e' ? j + 1 : j;
            }
            else
            {
                i++;
            }
        }

        return sb.ToString();
    }
}
