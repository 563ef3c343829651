using System.Collections.Concurrent;

namespace ZarrPS.Engine.Storage;

/// <summary>Opens the store a path or URL names: a folder, a memory:// store (zip and HTTP stores come with their readers).</summary>
public static class StoreFactory
{
    private static readonly ConcurrentDictionary<string, MemoryStore> Memory = new(StringComparer.Ordinal);

    /// <summary>Opens a store. Relative paths resolve against <paramref name="baseDirectory"/> (PowerShell's location).</summary>
    public static IReadableStore Open(string pathOrUrl, bool writable, string? baseDirectory = null)
    {
        if (pathOrUrl.StartsWith("memory://", StringComparison.Ordinal))
            return Memory.GetOrAdd(pathOrUrl, n => new MemoryStore(n));
        string path = pathOrUrl.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(pathOrUrl).LocalPath : pathOrUrl;
        path = Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());
        return new DirectoryStore(path, create: writable);
    }
}
