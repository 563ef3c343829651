namespace ZarrPS.Engine.Storage;

/// <summary>The errors the stores raise, so that ids and wording agree between them.</summary>
internal static class StoreErrors
{
    public static ZarrPSException ReadFailed(string location, string key, Exception inner) =>
        new(ErrorKind.ReadError, "StoreReadFailed", $"Cannot read key '{key}' from store '{location}': {inner.Message}", key, inner);

    public static ZarrPSException WriteFailed(string location, string key, string why, Exception? inner = null) =>
        new(ErrorKind.WriteError, "StoreWriteFailed", $"Cannot write key '{key}' to store '{location}': {why}", key, inner);

    public static ZarrPSException DeleteFailed(string location, string key, Exception inner) =>
        new(ErrorKind.WriteError, "StoreDeleteFailed", $"Cannot delete '{key}' from store '{location}': {inner.Message}", key, inner);

    public static ZarrPSException ListFailed(string location, string prefix, Exception inner) =>
        new(ErrorKind.ReadError, "StoreListFailed", $"Cannot list '{prefix}' in store '{location}': {inner.Message}", prefix, inner);

    public static ZarrPSException ReadOnly(string location, string kind) =>
        new(ErrorKind.InvalidOperation, "StoreReadOnly", $"The {kind} store '{location}' is read-only; write to a directory or memory store instead.", location);

    public static ZarrPSException TooLarge(string location, string key, long length) =>
        new(ErrorKind.LimitsExceeded, "StoreValueTooLarge",
            $"Key '{key}' in store '{location}' holds {length} bytes, more than one buffer can hold ({Array.MaxLength}); read it in ranges.", key);

    /// <summary>Checks a requested range before any I/O: a forward range needs a non-negative offset and length.</summary>
    public static void CheckRange(ByteRange? range, string location, string key)
    {
        if (range is { } r && !r.IsSuffix && r.Length < 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidByteRange",
                $"Invalid byte range (offset {r.Offset}, length {r.Length}) for key '{key}' in store '{location}': the length is negative.", key);
    }
}
