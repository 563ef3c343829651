using Microsoft.Win32.SafeHandles;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// A store in a folder: each key is a file. Writes are atomic (a temporary file in the same folder, then a
/// rename over the target); reads take one open and one positional read.
/// </summary>
public sealed class DirectoryStore : IWritableStore
{
    private const string TempMarker = ".zarrps-tmp-";
    private readonly string _root;   // full path with a trailing separator

    /// <summary>Opens the folder <paramref name="root"/>; with <paramref name="create"/> it is made when missing, else missing is an error.</summary>
    public DirectoryStore(string root, bool create = false)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            if (!create)
            {
                if (File.Exists(full))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "NotADirectory", $"'{full}' is a file, not a Zarr store folder.", root);
                throw new ZarrPSException(ErrorKind.NotFound, "StoreNotFound", $"The store folder '{full}' does not exist.", root);
            }
            Directory.CreateDirectory(full);
        }
        Location = full.TrimEnd(Path.DirectorySeparatorChar);
        _root = Location + Path.DirectorySeparatorChar;
    }

    /// <inheritdoc />
    public string Location { get; }

    private string FullPath(string key)
    {
        StoreKey.Validate(key, Location);
        string full = Path.GetFullPath(_root + key);
        if (!full.StartsWith(_root, StringComparison.Ordinal))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStoreKey", $"Invalid store key '{key}' in store '{Location}': it leaves the store.", key);
        return full;
    }

    /// <inheritdoc />
    public PooledBuffer? Get(string key, ByteRange? range = null)
    {
        string path = FullPath(key);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.None);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            return null;
        }
        using (handle)
        {
            try
            {
                long length = RandomAccess.GetLength(handle);
                long start = 0, count = length;
                if (range is { } r) (start, count) = r.Resolve(length);
                if (count > int.MaxValue)
                    throw new ZarrPSException(ErrorKind.LimitsExceeded, "ValueTooLarge", $"'{key}' in '{Location}' is {count} bytes; values over 2 GiB cannot be read at once.", key);
                var buf = PooledBuffer.Rent((int)count);
                int done = 0;
                while (done < count)
                {
                    int n = RandomAccess.Read(handle, buf.Array.AsSpan(done, (int)count - done), start + done);
                    if (n == 0) break;
                    done += n;
                }
                buf.Truncate(done);
                return buf;
            }
            catch (IOException e)
            {
                throw new ZarrPSException(ErrorKind.ReadError, "StoreReadFailed", $"Cannot read '{key}' in '{Location}': {e.Message}", key, e);
            }
        }
    }

    /// <inheritdoc />
    public bool Exists(string key) => File.Exists(FullPath(key));

    /// <inheritdoc />
    public void Set(string key, ReadOnlySpan<byte> value)
    {
        string path = FullPath(key);
        string dir = Path.GetDirectoryName(path)!;
        string temp = Path.Combine(dir, TempMarker + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Directory.CreateDirectory(dir);
            using (var h = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, value.Length))
            {
                RandomAccess.Write(h, value, 0);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new ZarrPSException(ErrorKind.WriteError, "StoreWriteFailed", $"Cannot write '{key}' in '{Location}': {e.Message}", key, e);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <inheritdoc />
    public bool Delete(string key)
    {
        string path = FullPath(key);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    /// <inheritdoc />
    public void DeletePrefix(string prefix)
    {
        StoreKey.ValidatePrefix(prefix, Location);
        if (prefix.Length == 0)
        {
            foreach (var f in Directory.EnumerateFileSystemEntries(Location))
            {
                if (Directory.Exists(f)) Directory.Delete(f, recursive: true);
                else File.Delete(f);
            }
            return;
        }
        string dir = FullPath(prefix[..^1]);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <inheritdoc />
    public IEnumerable<string> List(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        string dir = prefix.Length == 0 ? Location : FullPath(prefix[..^1]);
        if (!Directory.Exists(dir)) return [];
        var keys = new List<string>();
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(f).StartsWith(TempMarker, StringComparison.Ordinal)) continue;
            keys.Add(f[_root.Length..].Replace(Path.DirectorySeparatorChar, '/'));
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc />
    public StoreListing ListDir(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        string dir = prefix.Length == 0 ? Location : FullPath(prefix[..^1]);
        if (!Directory.Exists(dir)) return new StoreListing([], []);
        var keys = Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .Where(n => !n!.StartsWith(TempMarker, StringComparison.Ordinal))
            .Select(n => prefix + n).Order(StringComparer.Ordinal).ToArray();
        var prefixes = Directory.EnumerateDirectories(dir).Select(d => prefix + Path.GetFileName(d) + "/").Order(StringComparer.Ordinal).ToArray();
        return new StoreListing(keys, prefixes);
    }

    /// <inheritdoc />
    public override string ToString() => Location;
}
