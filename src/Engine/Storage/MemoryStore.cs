using System.Collections.Concurrent;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// A store held in memory: for tests, for intermediate results, and for "memory://name" stores shared within
/// the process. Each value is an immutable copy, so a <see cref="Set"/> replaces it atomically.
/// </summary>
public sealed class MemoryStore : IWritableStore
{
    private static readonly ConcurrentDictionary<string, MemoryStore> Named = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>Creates an empty store; <paramref name="name"/> only appears in <see cref="Location"/>.</summary>
    public MemoryStore(string name = "")
    {
        Location = "memory://" + name;
    }

    /// <summary>The process-wide store called <paramref name="name"/>, created empty on first use.</summary>
    public static MemoryStore GetNamed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Named.GetOrAdd(name, static n => new MemoryStore(n));
    }

    /// <summary>Forgets the process-wide store called <paramref name="name"/>; false when there was none.</summary>
    public static bool RemoveNamed(string name) => Named.TryRemove(name, out _);

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The number of values held.</summary>
    public int Count => _values.Count;

    /// <inheritdoc />
    public PooledBuffer? Get(string key, ByteRange? range = null)
    {
        StoreKey.Validate(key, Location);
        StoreErrors.CheckRange(range, Location, key);
        if (!_values.TryGetValue(key, out var value)) return null;
        (long start, long count) = range is { } r ? r.Resolve(value.Length) : (0, value.Length);
        return PooledBuffer.CopyOf(value.AsSpan((int)start, (int)count));
    }

    /// <inheritdoc />
    public bool Exists(string key) => _values.ContainsKey(StoreKey.Validate(key, Location));

    /// <inheritdoc />
    public void Set(string key, ReadOnlySpan<byte> value)
    {
        StoreKey.Validate(key, Location);
        _values[key] = value.ToArray();
    }

    /// <inheritdoc />
    public bool Delete(string key) => _values.TryRemove(StoreKey.Validate(key, Location), out _);

    /// <inheritdoc />
    public void DeletePrefix(string prefix)
    {
        StoreKey.ValidatePrefix(prefix, Location);
        if (prefix.Length == 0)
        {
            _values.Clear();
            return;
        }
        foreach (var key in _values.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                _values.TryRemove(key, out _);
    }

    /// <inheritdoc />
    public IEnumerable<string> List(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        var keys = new List<string>();
        foreach (var key in _values.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                keys.Add(key);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc />
    public StoreListing ListDir(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        var keys = new List<string>();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _values.Keys)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            int slash = key.IndexOf('/', prefix.Length);
            if (slash < 0) keys.Add(key);
            else prefixes.Add(key[..(slash + 1)]);
        }
        keys.Sort(StringComparer.Ordinal);
        var sortedPrefixes = new List<string>(prefixes);
        sortedPrefixes.Sort(StringComparer.Ordinal);
        return new StoreListing(keys, sortedPrefixes);
    }

    /// <inheritdoc />
    public override string ToString() => $"MemoryStore({Location})";
}
