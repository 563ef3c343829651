namespace ZarrPS.Engine;

/// <summary>What kind of failure an engine error is; the module maps it to a PowerShell ErrorCategory.</summary>
public enum ErrorKind
{
    /// <summary>A file, key, variable or dimension that does not exist.</summary>
    NotFound,
    /// <summary>A parameter value the caller gave that cannot be used.</summary>
    InvalidArgument,
    /// <summary>Stored data or metadata that is malformed or inconsistent.</summary>
    InvalidData,
    /// <summary>An operation not valid in the object's current state (for example writing to a read-only store).</summary>
    InvalidOperation,
    /// <summary>A feature the engine does not implement.</summary>
    NotImplemented,
    /// <summary>An I/O failure from the operating system or network.</summary>
    ReadError,
    /// <summary>A failure while writing.</summary>
    WriteError,
    /// <summary>The operation was cancelled.</summary>
    Cancelled,
    /// <summary>A memory budget that cannot be met.</summary>
    LimitsExceeded,
}

/// <summary>
/// An error the engine reports to its user: the message names the file, array, chunk key, variable,
/// dimension or parameter involved. The module turns it into an ErrorRecord with <see cref="ErrorId"/>.
/// </summary>
public class ZarrPSException : Exception
{
    /// <summary>Creates an error.</summary>
    public ZarrPSException(ErrorKind kind, string errorId, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        ErrorId = errorId;
        Target = target;
    }

    /// <summary>The category of the failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>A stable identifier, for example <c>ChunkDecodeFailed</c>.</summary>
    public string ErrorId { get; }

    /// <summary>The object the error is about (a path, key, variable name), if any.</summary>
    public object? Target { get; }

    /// <summary>Wraps this error with outer context ("array 'x': ...") keeping its kind and id.</summary>
    public ZarrPSException WithContext(string prefix) =>
        new(Kind, ErrorId, prefix + Message, Target, this);
}
