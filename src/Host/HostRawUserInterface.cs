using System.Management.Automation.Host;

namespace ZarrPS.Host;

/// <summary>
/// The raw console as zarrps exposes it: sizes from the terminal (or $COLUMNS / 120 columns when output is
/// redirected, so formatting stays stable in files and pipes), key reading on a terminal, and no screen buffer.
/// </summary>
public sealed class HostRawUserInterface : PSHostRawUserInterface
{
    private readonly Terminal _terminal;
    private string _title = "zarrps";

    /// <summary>Creates the raw UI over <paramref name="terminal"/>.</summary>
    public HostRawUserInterface(Terminal terminal) => _terminal = terminal;

    /// <summary>The colour plain text is written in; -1 means the terminal's own default.</summary>
    public override ConsoleColor ForegroundColor { get; set; } = (ConsoleColor)(-1);

    /// <summary>The background plain text is written on; -1 means the terminal's own default.</summary>
    public override ConsoleColor BackgroundColor { get; set; } = (ConsoleColor)(-1);

    /// <inheritdoc />
    public override Size BufferSize
    {
        get => new(_terminal.Width, Height);
        set => throw Unsupported("set the buffer size");
    }

    /// <inheritdoc />
    public override Size WindowSize
    {
        get => new(_terminal.Width, Height);
        set => throw Unsupported("set the window size");
    }

    /// <inheritdoc />
    public override Size MaxWindowSize => WindowSize;

    /// <inheritdoc />
    public override Size MaxPhysicalWindowSize => WindowSize;

    /// <inheritdoc />
    public override Coordinates CursorPosition
    {
        get
        {
            if (_terminal.OutputIsTerminal && _terminal.InputIsTerminal)
            {
                try
                {
                    (int left, int top) = Console.GetCursorPosition();
                    return new Coordinates(left, top);
                }
                catch (IOException)
                {
                }
            }

            return new Coordinates(0, 0);
        }
        set
        {
            if (_terminal.OutputIsTerminal)
            {
                Console.SetCursorPosition(value.X, value.Y);
            }
        }
    }

    /// <inheritdoc />
    public override Coordinates WindowPosition
    {
        get => new(0, 0);
        set => throw Unsupported("move the window");
    }

    /// <inheritdoc />
    public override int CursorSize { get; set; } = 25;

    /// <inheritdoc />
    public override string WindowTitle
    {
        get => _title;
        set
        {
            _title = value;
            if (_terminal.OutputColours)
            {
                _terminal.Out.Write($"\e]0;{value}\a");
            }
        }
    }

    /// <inheritdoc />
    public override bool KeyAvailable => _terminal.InputIsTerminal && Console.KeyAvailable;

    /// <inheritdoc />
    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        if (!_terminal.InputIsTerminal)
        {
            throw new HostException("zarrps cannot read a key: standard input is not a terminal.");
        }

        bool echo = (options & ReadKeyOptions.NoEcho) == 0;
        ConsoleKeyInfo key = Console.ReadKey(intercept: !echo);
        var state = ControlKeyStates.NumLockOn;
        if ((key.Modifiers & ConsoleModifiers.Shift) != 0)
        {
            state |= ControlKeyStates.ShiftPressed;
        }

        if ((key.Modifiers & ConsoleModifiers.Control) != 0)
        {
            state |= ControlKeyStates.LeftCtrlPressed;
        }

        if ((key.Modifiers & ConsoleModifiers.Alt) != 0)
        {
            state |= ControlKeyStates.LeftAltPressed;
        }

        return new KeyInfo((int)key.Key, key.KeyChar, state, keyDown: true);
    }

    /// <inheritdoc />
    public override void FlushInputBuffer()
    {
        while (_terminal.InputIsTerminal && Console.KeyAvailable)
        {
            Console.ReadKey(intercept: true);
        }
    }

    /// <inheritdoc />
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw Unsupported("read the screen buffer");

    /// <inheritdoc />
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw Unsupported("scroll the screen buffer");

    /// <summary>Only clearing the whole screen (what Clear-Host asks for) is supported.</summary>
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
        if (rectangle is { Left: -1, Top: -1, Right: -1, Bottom: -1 })
        {
            if (_terminal.OutputIsTerminal)
            {
                _terminal.Out.Write("\e[2J\e[3J\e[H");
            }

            return;
        }

        throw Unsupported("write to the screen buffer");
    }

    /// <inheritdoc />
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
        throw Unsupported("write to the screen buffer");

    private int Height
    {
        get
        {
            if (_terminal.OutputIsTerminal)
            {
                try
                {
                    int h = Console.WindowHeight;
                    if (h > 0)
                    {
                        return h;
                    }
                }
                catch (IOException)
                {
                }
            }

            return int.TryParse(Environment.GetEnvironmentVariable("LINES"), out int l) && l > 0 ? l : 50;
        }
    }

    private static NotSupportedException Unsupported(string what) =>
        new($"The zarrps host cannot {what}.");
}
