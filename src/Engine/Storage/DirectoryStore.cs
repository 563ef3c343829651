using System.IO.Enumeration;
using Microsoft.Win32.SafeHandles;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// A store in a folder on disk: each key is a file under the root, '/' separating folders (the layout of
/// zarr-python's DirectoryStore). Writes are atomic (a temporary file in the same folder, renamed over the
/// target), so readers see the old value or the new, never a part. Safe to use from many threads at once.
/// </summary>
/// <remarks>
/// Keys are checked with <see cref="StoreKey.Validate"/> and the resolved path must stay under the root.
/// Symbolic links inside the root are followed for reading, as zarr-python does; a link that points outside is
/// the owner's choice, not something a key can create. Listing does not descend into linked folders (as
/// os.walk in zarr-python), so a link cycle cannot make it loop, and links whose target is gone are not keys.
/// On 64-bit Linux a read is four system calls (open, lseek, pread, close; see UnixFile).
/// </remarks>
public sealed class DirectoryStore : IWritableStore
{
    private const string TempSuffix = ".tmp";
    private const int GuidHexLength = 32;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _root;
    private readonly string _rootWithSeparator;
    private readonly bool _flushToDisk;

    /// <summary>Opens (or with <paramref name="create"/> creates) the store rooted at <paramref name="root"/>.</summary>
    /// <param name="root">The folder; a relative path resolves against the process's current directory.</param>
    /// <param name="create">Create the folder (and its parents) when missing, as for writing. Otherwise a missing folder is a NotFound error.</param>
    /// <param name="flushToDisk">Force each written value to the disk before it replaces the old one (fsync), so that a
    /// power loss cannot leave an empty file. Slower; a process that is killed never leaves a partial value either way.</param>
    public DirectoryStore(string root, bool create = false, bool flushToDisk = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _rootWithSeparator = _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;
        _flushToDisk = flushToDisk;

        if (File.Exists(_root))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "StoreRootIsFile",
                $"Cannot use '{_root}' as a directory store: it is a file.", root);
        if (!Directory.Exists(_root))
        {
            if (!create)
                throw new ZarrPSException(ErrorKind.NotFound, "StoreNotFound", $"The directory store '{_root}' does not exist.", root);
            try { Directory.CreateDirectory(_root); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ZarrPSException(ErrorKind.WriteError, "StoreCreateFailed", $"Cannot create the directory store '{_root}': {e.Message}", root, e);
            }
        }
    }

    /// <inheritdoc />
    public string Location => _root;

    /// <summary>Read through File.OpenHandle even where the Linux fast path exists (tests compare both).</summary>
    internal bool UseManagedIo { get; set; }

    /// <summary>The full path of the root folder.</summary>
    public string Root => _root;

    /// <summary>The file that holds <paramref name="key"/> (validated; the file need not exist).</summary>
    public string PathOf(string key)
    {
        StoreKey.Validate(key, _root);
        // Validation already refuses '..' and rooted keys; resolving again guards against whatever the OS would
        // still reinterpret (for example a trailing dot or a device name on Windows).
        string full = Path.GetFullPath(Path.Join(_rootWithSeparator, key));
        if (!full.StartsWith(_rootWithSeparator, PathComparison))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidStoreKey",
                $"Invalid store key '{key}' in store '{_root}': it resolves to '{full}', outside the store.", key);
        return full;
    }

    /// <inheritdoc />
    public PooledBuffer? Get(string key, ByteRange? range = null)
    {
        string path = PathOf(key);
        StoreErrors.CheckRange(range, _root, key);

        if (UnixFile.Enabled && !UseManagedIo)
        {
            switch (UnixFile.TryRead(path, range, out var read, out string? error, out long tooLarge))
            {
                case UnixFile.Result.Read: return read;
                case UnixFile.Result.Missing: return null;
                default:
                    if (tooLarge >= 0) throw StoreErrors.TooLarge(_root, key, tooLarge);
                    throw StoreErrors.ReadFailed(_root, key, new IOException($"{error} (reading '{path}')"));
            }
        }

        SafeFileHandle handle;
        try
        {
            // No FileStream: one open, one fstat, one pread per value. Sharing read+delete lets writers rename over
            // the file while it is read (the reader keeps the old contents).
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        catch (UnauthorizedAccessException) when (Directory.Exists(path)) { return null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.ReadFailed(_root, key, e);
        }

        using (handle)
        {
            PooledBuffer? buffer = null;
            try
            {
                long length = RandomAccess.GetLength(handle);
                (long start, long count) = range is { } r ? r.Resolve(length) : (0, length);
                if (count > Array.MaxLength) throw StoreErrors.TooLarge(_root, key, count);

                buffer = PooledBuffer.Rent((int)count);
                int total = 0;
                while (total < count)
                {
                    int n = RandomAccess.Read(handle, buffer.Span[total..], start + total);
                    if (n == 0) break; // the file was truncated in place by someone else; return what is there
                    total += n;
                }
                if (total < count) buffer.Truncate(total);
                return buffer;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                buffer?.Dispose();
                throw StoreErrors.ReadFailed(_root, key, e);
            }
            catch
            {
                buffer?.Dispose();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public bool Exists(string key)
    {
        var info = new FileInfo(PathOf(key));
        if (!info.Exists) return false; // nothing, or a folder
        return (info.Attributes & FileAttributes.ReparsePoint) == 0 || LinkReachesAFile(info.FullName);
    }

    /// <inheritdoc />
    public void Set(string key, ReadOnlySpan<byte> value)
    {
        string path = PathOf(key);
        string dir = Path.GetDirectoryName(path)!;
        string name = Path.GetFileName(path);

        // The folder usually exists already, so it is created only after a first attempt finds it missing. A
        // concurrent Delete/DeletePrefix may prune the (empty) folder between creating it and creating the
        // temporary file; create it again a bounded number of times.
        for (int attempt = 0; ; attempt++)
        {
            string temp = Path.Join(dir, "." + name + "." + Guid.NewGuid().ToString("N") + TempSuffix);
            try
            {
                if (attempt > 0) Directory.CreateDirectory(dir);
                using (var h = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                    RandomAccess.Write(h, value, 0);
                    if (_flushToDisk) RandomAccess.FlushToDisk(h);
                }
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException && attempt < 8)
            {
                // The folder is missing. .NET reports ENOENT as FileNotFound when the folder exists by the time it
                // looks: another writer created it meanwhile. Either way, create it and try again.
                TryDeleteFile(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TryDeleteFile(temp);
                string why = Directory.Exists(path) ? $"a folder exists at '{path}'." : e.Message;
                throw StoreErrors.WriteFailed(_root, key, why, e);
            }
            catch
            {
                TryDeleteFile(temp);
                throw;
            }
        }
    }

    /// <inheritdoc />
    public bool Delete(string key)
    {
        string path = PathOf(key);
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.DeleteFailed(_root, key, e);
        }
        PruneEmptyFolders(Path.GetDirectoryName(path)!);
        return true;
    }

    /// <inheritdoc />
    public void DeletePrefix(string prefix)
    {
        StoreKey.ValidatePrefix(prefix, _root);
        try
        {
            if (prefix.Length == 0)
            {
                foreach (var entry in new DirectoryInfo(_root).EnumerateFileSystemInfos("*", AllEntries(recurse: false)))
                    DeleteEntry(entry);
                return;
            }

            string dir = Path.TrimEndingDirectorySeparator(PathOf(prefix[..^1]));
            var info = new DirectoryInfo(dir);
            if (info.Exists) DeleteEntry(info);
            PruneEmptyFolders(Path.GetDirectoryName(dir)!);
        }
        catch (DirectoryNotFoundException)
        {
            // Someone else deleted it first: the prefix is gone, which is what was asked.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.DeleteFailed(_root, prefix, e);
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> List(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, _root);
        string dir = prefix.Length == 0 ? _root : PathOf(prefix[..^1]);
        var keys = new List<string>();
        if (!Directory.Exists(dir)) return keys;

        string dirWithSeparator = Path.EndsInDirectorySeparator(dir) ? dir : dir + Path.DirectorySeparatorChar;
        try
        {
            var files = new FileSystemEnumerable<string>(dir,
                (ref FileSystemEntry e) => KeyOf(prefix, dirWithSeparator, e.Directory, e.FileName),
                AllEntries(recurse: true))
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && !IsTempName(e.FileName) && !IsDanglingLink(ref e),
                // Like zarr-python (os.walk), linked folders are not descended into: a link back up would never end.
                ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
            };
            keys.AddRange(files);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted while listing.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.ListFailed(_root, prefix, e);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc />
    public StoreListing ListDir(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, _root);
        string dir = prefix.Length == 0 ? _root : PathOf(prefix[..^1]);
        var keys = new List<string>();
        var prefixes = new List<string>();
        if (!Directory.Exists(dir)) return new StoreListing(keys, prefixes);
        try
        {
            var entries = new FileSystemEnumerable<(string Name, bool IsDir)>(dir,
                (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory),
                AllEntries(recurse: false))
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !IsTempName(e.FileName) && !IsDanglingLink(ref e),
            };
            foreach (var (name, isDir) in entries)
            {
                if (isDir) prefixes.Add(prefix + name + "/");
                else keys.Add(prefix + name);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.ListFailed(_root, prefix, e);
        }
        keys.Sort(StringComparer.Ordinal);
        prefixes.Sort(StringComparer.Ordinal);
        return new StoreListing(keys, prefixes);
    }

    /// <inheritdoc />
    public override string ToString() => $"DirectoryStore({_root})";

    /// <summary>
    /// Deletes the temporary files that writers which died mid-write left under <paramref name="root"/> (they are never
    /// read or listed, but take space). Call it only when no writer is at work in the store; returns how many went.
    /// </summary>
    public static int DeleteTemporaryFiles(string root)
    {
        if (!Directory.Exists(root)) return 0;
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(root, ".*" + TempSuffix, SearchOption.AllDirectories))
        {
            if (!IsTempName(Path.GetFileName(f.AsSpan()))) continue;
            TryDeleteFile(f);
            n++;
        }
        return n;
    }

    /// <summary>True for the names <see cref="Set"/> gives its temporary files: ".name.&lt;32 hex&gt;.tmp".</summary>
    internal static bool IsTempName(ReadOnlySpan<char> name)
    {
        // '.' + at least one char + '.' + 32 hex + ".tmp"
        if (name.Length < 3 + GuidHexLength + TempSuffix.Length || name[0] != '.' || !name.EndsWith(TempSuffix, StringComparison.Ordinal))
            return false;
        var hex = name.Slice(name.Length - TempSuffix.Length - GuidHexLength, GuidHexLength);
        if (name[name.Length - TempSuffix.Length - GuidHexLength - 1] != '.') return false;
        foreach (char c in hex)
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    /// <summary>A link whose target is gone is not a value (reading it finds nothing), so it is not listed.</summary>
    private static bool IsDanglingLink(ref FileSystemEntry e) =>
        (e.Attributes & FileAttributes.ReparsePoint) != 0 && !e.IsDirectory && !LinkReachesAFile(e.ToFullPath());

    /// <summary>True when the link at <paramref name="path"/> ends at an existing file (File.Exists is true for any link).</summary>
    private static bool LinkReachesAFile(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true) is FileInfo { Exists: true };
        }
        catch (IOException)
        {
            return false; // a loop of links
        }
    }

    private static string KeyOf(string prefix, string dirWithSeparator, ReadOnlySpan<char> directory, ReadOnlySpan<char> fileName)
    {
        // directory is the folder holding the entry, the listed folder itself or one below it.
        ReadOnlySpan<char> relative = directory.Length >= dirWithSeparator.Length ? directory[dirWithSeparator.Length..] : [];
        string key = relative.Length == 0
            ? string.Concat(prefix, fileName)
            : string.Concat(prefix, relative, "/", fileName);
        return Path.DirectorySeparatorChar == '/' ? key : key.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static EnumerationOptions AllEntries(bool recurse) => new()
    {
        // Zarr's metadata files start with '.', which .NET counts as hidden on Unix: skip nothing.
        AttributesToSkip = 0,
        RecurseSubdirectories = recurse,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
        MatchType = MatchType.Simple,
    };

    /// <summary>Removes <paramref name="dir"/> and its parents while they are empty, never the root.</summary>
    private void PruneEmptyFolders(string dir)
    {
        while (dir.Length > _rootWithSeparator.Length && dir.StartsWith(_rootWithSeparator, PathComparison))
        {
            try { Directory.Delete(dir, recursive: false); }
            catch (DirectoryNotFoundException) { }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; } // not empty, or not ours to remove
            dir = Path.GetDirectoryName(dir)!;
        }
    }

    /// <summary>Deletes a file, a folder with its contents, or a link (never what a link points to).</summary>
    private static void DeleteEntry(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo d && d.LinkTarget is null) d.Delete(recursive: true);
        else if (entry is DirectoryInfo && !OperatingSystem.IsWindows()) File.Delete(entry.FullName); // unlink the link itself
        else entry.Delete();
    }

    private static void TryDeleteFile(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
