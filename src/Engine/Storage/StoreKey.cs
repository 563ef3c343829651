namespace ZarrPS.Engine.Storage;

/// <summary>Validation and composition of store keys.</summary>
public static class StoreKey
{
    /// <summary>
    /// Checks that <paramref name="key"/> is a relative '/'-separated path that stays inside the store:
    /// no "..", no leading '/', no backslash, no drive letter, no empty or "." segments, no control characters.
    /// Returns the key; throws <see cref="ZarrPSException"/> naming it otherwise.
    /// </summary>
    public static string Validate(string key, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        string? why = Problem(key);
        if (why is not null)
        {
            string where = location is null ? "" : $" in store '{location}'";
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStoreKey", $"Invalid store key '{key}'{where}: {why}.", key);
        }
        return key;
    }

    /// <summary>Checks a prefix for listing: "" or a valid key ending with '/'.</summary>
    public static string ValidatePrefix(string prefix, string? location = null)
    {
        if (prefix.Length == 0) return prefix;
        if (!prefix.EndsWith('/'))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStoreKey", $"Invalid store prefix '{prefix}': a prefix must be empty or end with '/'.", prefix);
        Validate(prefix[..^1], location);
        return prefix;
    }

    private static string? Problem(string key)
    {
        if (key.Length == 0) return "the key is empty";
        if (key.Contains('\\')) return "backslashes are not allowed";
        if (key[0] == '/') return "absolute paths are not allowed";
        if (key.Length >= 2 && key[1] == ':' && char.IsAsciiLetter(key[0])) return "absolute paths are not allowed";
        foreach (char c in key)
            if (char.IsControl(c)) return "control characters are not allowed";
        foreach (var seg in key.Split('/'))
        {
            if (seg.Length == 0) return "empty path segments are not allowed";
            if (seg == "..") return "'..' would leave the store";
            if (seg == ".") return "'.' segments are not allowed";
        }
        return null;
    }

    /// <summary>Joins a prefix (possibly empty, with or without trailing '/') and a name.</summary>
    public static string Join(string prefix, string name)
    {
        if (prefix.Length == 0) return name;
        return prefix.EndsWith('/') ? prefix + name : prefix + "/" + name;
    }
}
