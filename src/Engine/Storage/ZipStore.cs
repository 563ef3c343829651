using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ZarrPS.Engine.Storage;

/// <summary>
/// A read-only store in a .zip file, such as zarr-python's ZipStore writes (entries stored or deflated).
/// The central directory is read once into an index; each read is then a positioned read of the file, so
/// many threads can read at once (System.IO.Compression's ZipArchive cannot). Stored entries are read
/// directly, including byte ranges; deflated entries are inflated per read. Whole-entry reads are checked
/// against the entry's CRC-32. Entry names are the keys as stored (a folder prefix stays part of the key).
/// </summary>
public sealed class ZipStore : IListableStore, IDisposable
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const int EndRecordSize = 22;
    private const int Zip64LocatorSize = 20;
    private const int CentralHeaderSize = 46;
    private const int LocalHeaderSize = 30;
    private const ushort MethodStored = 0;
    private const ushort MethodDeflated = 8;

    private readonly SafeFileHandle _handle;
    private readonly long _fileLength;
    private readonly bool _verifyChecksums;
    private readonly Dictionary<string, Entry> _entries;
    private readonly string[] _keys; // ordinal order

    /// <summary>Opens the zip file at <paramref name="path"/> and reads its central directory.</summary>
    /// <param name="path">The .zip file; a relative path resolves against the process's current directory.</param>
    /// <param name="verifyChecksums">Check each whole-entry read against the CRC-32 stored in the zip (ranged reads cannot be checked).</param>
    public ZipStore(string path, bool verifyChecksums = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Location = Path.GetFullPath(path);
        _verifyChecksums = verifyChecksums;
        try
        {
            _handle = File.OpenHandle(Location, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ZarrPSException(ErrorKind.NotFound, "StoreNotFound", $"The zip store '{Location}' does not exist.", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ZarrPSException(ErrorKind.ReadError, "StoreOpenFailed", $"Cannot open the zip store '{Location}': {e.Message}", path, e);
        }

        try
        {
            _fileLength = RandomAccess.GetLength(_handle);
            _entries = ReadCentralDirectory();
            _keys = [.. _entries.Keys];
            Array.Sort(_keys, StringComparer.Ordinal);
        }
        catch (Exception e)
        {
            _handle.Dispose();
            if (e is ZarrPSException) throw;
            if (e is IOException or UnauthorizedAccessException)
                throw new ZarrPSException(ErrorKind.ReadError, "StoreOpenFailed", $"Cannot read the zip store '{Location}': {e.Message}", path, e);
            throw;
        }
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The number of entries that are values (folders are not counted).</summary>
    public int Count => _keys.Length;

    /// <inheritdoc />
    public PooledBuffer? Get(string key, ByteRange? range = null)
    {
        StoreKey.Validate(key, Location);
        StoreErrors.CheckRange(range, Location, key);
        if (!_entries.TryGetValue(key, out var entry)) return null;

        (long start, long count) = range is { } r ? r.Resolve(entry.UncompressedSize) : (0, entry.UncompressedSize);
        if (count > Array.MaxLength) throw StoreErrors.TooLarge(Location, key, count);
        bool whole = start == 0 && count == entry.UncompressedSize;
        try
        {
            long dataOffset = DataOffset(entry);
            return entry.Method == MethodStored
                ? ReadStored(entry, dataOffset, start, (int)count, whole)
                : ReadDeflated(entry, dataOffset, start, (int)count, whole);
        }
        catch (ObjectDisposedException e)
        {
            throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreClosed", $"Cannot read key '{key}': the zip store '{Location}' is closed.", key, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.ReadFailed(Location, key, e);
        }
    }

    /// <inheritdoc />
    public bool Exists(string key) => _entries.ContainsKey(StoreKey.Validate(key, Location));

    /// <inheritdoc />
    public IEnumerable<string> List(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        var keys = new List<string>();
        for (int i = FirstAtOrAfter(prefix); i < _keys.Length && _keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            keys.Add(_keys[i]);
        return keys;
    }

    /// <inheritdoc />
    public StoreListing ListDir(string prefix = "")
    {
        StoreKey.ValidatePrefix(prefix, Location);
        var keys = new List<string>();
        var prefixes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = FirstAtOrAfter(prefix); i < _keys.Length && _keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            string key = _keys[i];
            int slash = key.IndexOf('/', prefix.Length);
            if (slash < 0)
            {
                keys.Add(key);
                continue;
            }
            string child = key[..(slash + 1)];
            if (seen.Add(child)) prefixes.Add(child);
        }
        prefixes.Sort(StringComparer.Ordinal);
        return new StoreListing(keys, prefixes);
    }

    /// <summary>Closes the zip file; reads after this fail.</summary>
    public void Dispose() => _handle.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"ZipStore({Location})";

    private int FirstAtOrAfter(string prefix)
    {
        if (prefix.Length == 0) return 0;
        int i = Array.BinarySearch(_keys, prefix, StringComparer.Ordinal);
        return i >= 0 ? i : ~i;
    }

    private PooledBuffer ReadStored(Entry entry, long dataOffset, long start, int count, bool whole)
    {
        var buffer = PooledBuffer.Rent(count);
        try
        {
            ReadExactly(buffer.Span, dataOffset + start, entry.Name);
            if (whole) CheckCrc(entry, buffer.Span);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private PooledBuffer ReadDeflated(Entry entry, long dataOffset, long start, int count, bool whole)
    {
        if (entry.CompressedSize > Array.MaxLength) throw StoreErrors.TooLarge(Location, entry.Name, entry.CompressedSize);
        long end = start + count;
        using var compressed = PooledBuffer.Rent((int)entry.CompressedSize);
        ReadExactly(compressed.Span, dataOffset, entry.Name);

        // Inflate only as far as the range needs.
        var output = PooledBuffer.Rent((int)end);
        try
        {
            using (var source = new MemoryStream(compressed.Array, 0, compressed.Length, writable: false))
            using (var inflater = new DeflateStream(source, CompressionMode.Decompress))
            {
                int total = 0;
                while (total < end)
                {
                    int n = inflater.Read(output.Span[total..]);
                    if (n == 0) break;
                    total += n;
                }
                if (total < end) throw Corrupt(entry, $"inflates to {total} bytes, the directory says {entry.UncompressedSize}");
            }
            if (whole) CheckCrc(entry, output.Span);
            if (start == 0) return output;
            var slice = PooledBuffer.CopyOf(output.Span.Slice((int)start, count));
            output.Dispose();
            return slice;
        }
        catch (InvalidDataException e)
        {
            output.Dispose();
            throw Corrupt(entry, "the deflate stream is invalid (" + e.Message + ")");
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private void CheckCrc(Entry entry, ReadOnlySpan<byte> data)
    {
        if (!_verifyChecksums) return;
        uint crc = Crc32.Compute(data);
        if (crc != entry.Crc) throw Corrupt(entry, $"CRC-32 is {crc:x8}, the directory says {entry.Crc:x8}");
    }

    /// <summary>Where the entry's data starts: after its local header, whose name and extra field lengths may differ from the central directory's.</summary>
    private long DataOffset(Entry entry)
    {
        long known = Volatile.Read(ref entry.DataOffset);
        if (known >= 0) return known;

        Span<byte> header = stackalloc byte[LocalHeaderSize];
        ReadExactly(header, entry.LocalHeaderOffset, entry.Name);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature)
            throw Corrupt(entry, $"no local header at offset {entry.LocalHeaderOffset}");
        long offset = entry.LocalHeaderOffset + LocalHeaderSize
            + BinaryPrimitives.ReadUInt16LittleEndian(header[26..])
            + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        if (offset + entry.CompressedSize > _fileLength)
            throw Corrupt(entry, $"its data ({entry.CompressedSize} bytes at offset {offset}) runs past the end of the file");
        Volatile.Write(ref entry.DataOffset, offset);
        return offset;
    }

    private void ReadExactly(Span<byte> destination, long offset, string what)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (n == 0) throw InvalidZip($"'{what}' runs past the end of the file (truncated zip?)");
            total += n;
        }
    }

    private Dictionary<string, Entry> ReadCentralDirectory()
    {
        // The end record is the last thing in the file, followed only by a comment of at most 65,535 bytes.
        int tailLength = (int)Math.Min(_fileLength, EndRecordSize + ushort.MaxValue + Zip64LocatorSize);
        if (tailLength < EndRecordSize) throw InvalidZip($"the file is {_fileLength} bytes, too short to be a zip file");
        byte[] tail = new byte[tailLength];
        long tailStart = _fileLength - tailLength;
        ReadExactly(tail, tailStart, "end of central directory");

        int end = -1;
        for (int i = tailLength - EndRecordSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature
                && i + EndRecordSize + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20)) == tailLength)
            {
                end = i;
                break;
            }
        }
        if (end < 0) throw InvalidZip("no end-of-central-directory record (not a zip file, or truncated)");

        var rec = tail.AsSpan(end);
        if (BinaryPrimitives.ReadUInt16LittleEndian(rec[4..]) != BinaryPrimitives.ReadUInt16LittleEndian(rec[6..]))
            throw InvalidZip("multi-disk (split) zip files are not supported");
        long entryCount = BinaryPrimitives.ReadUInt16LittleEndian(rec[10..]);
        long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(rec[12..]);
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(rec[16..]);
        long endPosition = tailStart + end;
        long directoryEnd = endPosition; // where the central directory must stop

        if (end >= Zip64LocatorSize && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - Zip64LocatorSize)) == Zip64LocatorSignature)
        {
            long zip64EndOffset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(end - Zip64LocatorSize + 8));
            Span<byte> z = stackalloc byte[56];
            long zip64EndPosition = endPosition - Zip64LocatorSize - z.Length;
            // The locator's offset is relative to the archive start; prefer it, but tolerate data prepended to the zip.
            if (zip64EndOffset < 0 || zip64EndOffset + z.Length > _fileLength) zip64EndOffset = zip64EndPosition;
            ReadExactly(z, zip64EndOffset, "zip64 end of central directory");
            if (BinaryPrimitives.ReadUInt32LittleEndian(z) != Zip64EndSignature)
            {
                if (zip64EndPosition < 0) throw InvalidZip("the zip64 end record is missing");
                ReadExactly(z, zip64EndPosition, "zip64 end of central directory");
                if (BinaryPrimitives.ReadUInt32LittleEndian(z) != Zip64EndSignature) throw InvalidZip("the zip64 end record is missing");
                zip64EndOffset = zip64EndPosition;
            }
            entryCount = BinaryPrimitives.ReadInt64LittleEndian(z[32..]);
            directorySize = BinaryPrimitives.ReadInt64LittleEndian(z[40..]);
            directoryOffset = BinaryPrimitives.ReadInt64LittleEndian(z[48..]);
            directoryEnd = zip64EndOffset;
        }

        // Data prepended to the archive (a self-extractor stub) shifts every offset by the same amount.
        long shift = directoryEnd - directorySize - directoryOffset;
        if (directorySize < 0 || directoryOffset < 0 || directoryEnd - directorySize < 0 || shift < 0 || directorySize > Array.MaxLength)
            throw InvalidZip($"the central directory ({directorySize} bytes at offset {directoryOffset}) does not fit in the file");
        directoryOffset += shift;

        byte[] directory = new byte[directorySize];
        ReadExactly(directory, directoryOffset, "central directory");

        var entries = new Dictionary<string, Entry>((int)Math.Min(entryCount, 1 << 20), StringComparer.Ordinal);
        int pos = 0;
        for (long n = 0; n < entryCount; n++)
        {
            if (pos + CentralHeaderSize > directory.Length) throw InvalidZip($"the central directory ends after {n} of {entryCount} entries");
            var h = directory.AsSpan(pos);
            if (BinaryPrimitives.ReadUInt32LittleEndian(h) != CentralHeaderSignature) throw InvalidZip($"central directory entry {n} has a bad signature");
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]);
            ushort method = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(h[16..]);
            long compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]);
            long uncompressedSize = BinaryPrimitives.ReadUInt32LittleEndian(h[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(h[42..]);
            int recordLength = CentralHeaderSize + nameLength + extraLength + commentLength;
            if (pos + recordLength > directory.Length) throw InvalidZip($"central directory entry {n} runs past the directory's end");

            // Zip entry names are UTF-8 when flag bit 11 is set; older tools wrote code page 437, which agrees for ASCII names.
            string name = Encoding.UTF8.GetString(h.Slice(CentralHeaderSize, nameLength));
            ReadZip64Extra(h.Slice(CentralHeaderSize + nameLength, extraLength), ref uncompressedSize, ref compressedSize, ref localOffset);
            pos += recordLength;

            // Some Windows tools write '\' although the format says '/'.
            name = name.Replace('\\', '/');
            if (name.EndsWith('/')) continue; // a folder entry
            if (!IsUsableKey(name)) continue; // cannot be addressed by a valid key ("../x", "/abs"): never exposed

            if (compressedSize < 0 || uncompressedSize < 0 || localOffset < 0 || localOffset + shift + LocalHeaderSize > _fileLength)
                throw InvalidZip($"entry '{name}' has sizes or an offset outside the file");
            var entry = new Entry(name, method, flags, crc, compressedSize, uncompressedSize, localOffset + shift);
            if ((flags & 1) != 0)
                throw new ZarrPSException(ErrorKind.NotImplemented, "ZipEncryptedEntry", $"Entry '{name}' in zip store '{Location}' is encrypted; encrypted zips are not supported.", name);
            if (method != MethodStored && method != MethodDeflated)
                throw new ZarrPSException(ErrorKind.NotImplemented, "ZipMethodNotSupported",
                    $"Entry '{name}' in zip store '{Location}' uses compression method {method}; only stored (0) and deflated (8) entries are supported.", name);
            if (method == MethodStored && compressedSize != uncompressedSize)
                throw InvalidZip($"stored entry '{name}' has a compressed size {compressedSize} different from its size {uncompressedSize}");
            entries[name] = entry; // a name written twice: the later entry wins, as in Python's zipfile
        }
        return entries;
    }

    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long uncompressedSize, ref long compressedSize, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + size > extra.Length) return;
            if (id == 0x0001)
            {
                // Only the fields whose 32-bit value is saturated are present, in this order.
                var f = extra.Slice(4, size);
                if (uncompressedSize == uint.MaxValue && f.Length >= 8) { uncompressedSize = BinaryPrimitives.ReadInt64LittleEndian(f); f = f[8..]; }
                if (compressedSize == uint.MaxValue && f.Length >= 8) { compressedSize = BinaryPrimitives.ReadInt64LittleEndian(f); f = f[8..]; }
                if (localOffset == uint.MaxValue && f.Length >= 8) { localOffset = BinaryPrimitives.ReadInt64LittleEndian(f); }
                return;
            }
            extra = extra[(4 + size)..];
        }
    }

    private static bool IsUsableKey(string name)
    {
        try
        {
            StoreKey.Validate(name);
            return true;
        }
        catch (ZarrPSException)
        {
            return false;
        }
    }

    private ZarrPSException InvalidZip(string why) =>
        new(ErrorKind.InvalidData, "InvalidZipFile", $"'{Location}' is not a readable zip store: {why}.", Location);

    private ZarrPSException Corrupt(Entry entry, string why) =>
        new(ErrorKind.InvalidData, "ZipEntryCorrupt", $"Entry '{entry.Name}' in zip store '{Location}' is corrupt: {why}.", entry.Name);

    private sealed class Entry(string name, ushort method, ushort flags, uint crc, long compressedSize, long uncompressedSize, long localHeaderOffset)
    {
        public readonly string Name = name;
        public readonly ushort Method = method;
        public readonly ushort Flags = flags;
        public readonly uint Crc = crc;
        public readonly long CompressedSize = compressedSize;
        public readonly long UncompressedSize = uncompressedSize;
        public readonly long LocalHeaderOffset = localHeaderOffset;
        /// <summary>Found from the local header on first read; -1 until then.</summary>
        public long DataOffset = -1;
    }
}
