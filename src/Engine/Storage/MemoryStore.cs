using System.Collections.Concurrent;

namespace ZarrPS.Engine.Storage;

/// <summary>A store in memory (for tests and in-memory results). Thread-safe; values are copied in and out.</summary>
public sealed class MemoryStore : IWritableStore
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>Creates an empty store named <paramref name="name"/>.</summary>
    public MemoryStore(string name = "memory") => Location = name.StartsWith("memory://", StringComparison.Ordinal) ? name : "memory://" + name;

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public PooledBuffer? Get(string key, ByteRange? range = null)
    {
        StoreKey.Validate(key, Location);
        if (!_values.TryGetValue(key, out var v)) return null;
        if (range is { } r)
        {
            var (s, c) = r.Resolve(v.Length);
            return PooledBuffer.CopyOf(v.AsSpan((int)s, (int)c));
        }
        return PooledBuffer.CopyOf(v);
    }

    /// <inheritdoc />
    public bool Exists(string key) => _values.ContainsKey(StoreKey.Validate(key, Location));

    /// <inheritdoc />
    public void Set(string key, ReadOnlySpan<byte> value) => _values[StoreKey.Validate(key, Location)] = value.ToArray();

    /// <inheritdoc />
    public bool Delete(string key) => _values.TryRemove(StoreKey.Validate(key, Location), out _);

    /// <inheritdoc />
    public void DeletePrefix(string prefix)
    {
        StoreKey.ValidatePrefix(prefix, Location);
        foreach (var k in _values.Keys) if (k.StartsWith(prefix, StringComparison.Ordinal)) _values.TryRemove(k, out _);
    }

    /// <inheritdoc />
    public IEnumerable<string> List(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        return _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public StoreListing ListDir(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var k in _values.Keys)
        {
            if (!k.StartsWith(prefix, StringComparison.Ordinal)) continue;
            int slash = k.IndexOf('/', prefix.Length);
            if (slash < 0) keys.Add(k);
            else prefixes.Add(k[..(slash + 1)]);
        }
        return new StoreListing(keys.ToArray(), prefixes.ToArray());
    }
}
