namespace ZarrPS.Engine.Storage;

/// <summary>Opens the store a path or URL names: a folder, a .zip file, an http(s) URL or a process-wide memory store.</summary>
public static class StoreFactory
{
    /// <summary>
    /// Opens <paramref name="pathOrUrl"/>:
    /// <c>http://</c> and <c>https://</c> URLs are <see cref="HttpStore"/>s (read-only);
    /// a path ending in <c>.zip</c> is a <see cref="ZipStore"/> (read-only);
    /// <c>memory://name</c> is the process-wide <see cref="MemoryStore"/> of that name;
    /// anything else (a path or a <c>file://</c> URL) is a <see cref="DirectoryStore"/>.
    /// </summary>
    /// <param name="pathOrUrl">The path or URL.</param>
    /// <param name="writable">Open for writing: a missing folder is created; read-only kinds are an error.
    /// When false, a missing folder or zip file is a NotFound error.</param>
    /// <param name="baseDirectory">The folder a relative path is relative to (PowerShell's current location, which is not
    /// the process's current directory); the process's current directory when null.</param>
    /// <returns>The store; it is an <see cref="IWritableStore"/> when <paramref name="writable"/> is true. Dispose it when it is <see cref="IDisposable"/>.</returns>
    public static IReadableStore Open(string pathOrUrl, bool writable = false, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(pathOrUrl);
        if (pathOrUrl.Trim().Length == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStorePath", "The store path is empty.", pathOrUrl);

        string? scheme = SchemeOf(pathOrUrl);
        switch (scheme)
        {
            case "http":
            case "https":
                if (writable) throw StoreErrors.ReadOnly(pathOrUrl, "HTTP");
                return new HttpStore(pathOrUrl);
            case "memory":
                string name = pathOrUrl[(scheme.Length + 3)..];
                if (name.Length == 0)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStorePath", $"The memory store URL '{pathOrUrl}' has no name (use memory://name).", pathOrUrl);
                return MemoryStore.GetNamed(name);
            case "file":
                if (!Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) || !uri.IsFile)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStorePath", $"'{pathOrUrl}' is not a valid file:// URL.", pathOrUrl);
                return OpenPath(uri.LocalPath, pathOrUrl, writable);
            case null:
                return OpenPath(ResolvePath(pathOrUrl, baseDirectory), pathOrUrl, writable);
            default:
                throw new ZarrPSException(ErrorKind.NotImplemented, "StoreSchemeNotSupported",
                    $"Cannot open '{pathOrUrl}': '{scheme}://' stores are not supported (use a path, file://, http(s):// or memory://).", pathOrUrl);
        }
    }

    /// <summary>Opens <paramref name="pathOrUrl"/> for writing (a folder, created when missing, or a memory store).</summary>
    public static IWritableStore OpenWritable(string pathOrUrl, string? baseDirectory = null) =>
        (IWritableStore)Open(pathOrUrl, writable: true, baseDirectory);

    /// <summary>
    /// The full path of <paramref name="path"/>: "~" is the user's home, and a relative path is relative to
    /// <paramref name="baseDirectory"/> (or the process's current directory).
    /// </summary>
    public static string ResolvePath(string path, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
                path = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..]);
            string root = baseDirectory ?? Environment.CurrentDirectory;
            if (!Path.IsPathFullyQualified(root))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStorePath",
                    $"Cannot resolve the store path '{path}': the base directory '{root}' is not an absolute path.", path);
            return Path.GetFullPath(path, root);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStorePath", $"'{path}' is not a valid path: {e.Message}", path, e);
        }
    }

    private static IReadableStore OpenPath(string fullPath, string given, bool writable)
    {
        try
        {
            if (fullPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(fullPath))
            {
                if (writable) throw StoreErrors.ReadOnly(fullPath, "zip");
                return new ZipStore(fullPath);
            }
            return new DirectoryStore(fullPath, create: writable);
        }
        catch (ArgumentException e)
        {
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStorePath", $"'{given}' is not a valid path: {e.Message}", given, e);
        }
    }

    /// <summary>The lower-case scheme of "scheme://…", or null for a path (a Windows drive letter is not a scheme).</summary>
    private static string? SchemeOf(string s)
    {
        int sep = s.IndexOf("://", StringComparison.Ordinal);
        if (sep < 2) return null;
        if (!char.IsAsciiLetter(s[0])) return null;
        for (int i = 1; i < sep; i++)
        {
            char c = s[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.') return null;
        }
        return s[..sep].ToLowerInvariant();
    }
}
