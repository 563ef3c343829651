namespace ZarrPS.Engine.Storage;

/// <summary>
/// A key/value store that can be read: a directory, a zip file, an HTTP server, memory.
/// Keys are '/'-separated relative paths, validated by <see cref="StoreKey.Validate"/>.
/// Implementations are safe to call from many threads at once.
/// </summary>
public interface IReadableStore
{
    /// <summary>Where the store is, for messages: a directory path or a URL.</summary>
    string Location { get; }

    /// <summary>Reads a value, or a part of it; null when the key does not exist.</summary>
    PooledBuffer? Get(string key, ByteRange? range = null);

    /// <summary>True when the key exists.</summary>
    bool Exists(string key);
}
