using System.Runtime.InteropServices;
using System.Text;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// One variable of a NetCDF-4 file: an HDF5 dataset with its netCDF dimensions and attributes. Reads go through
/// PureHDF hyperslab selections straight into the caller's buffer; big-endian data is swapped after the read.
/// Variable-length strings read as <see cref="ReadStrings"/> gives them, or through <see cref="ReadRegion"/> as
/// fixed-width UTF-32 (numpy 'U') as wide as the longest string.
/// </summary>
public sealed class NetCdf4Variable : IChunkedSource
{
    /// <summary>Bytes in one slab of the virtual chunk grid given to contiguous and compact datasets.</summary>
    internal const long VirtualChunkBytes = 4 << 20;

    private readonly Hdf5Handles _handles;
    private readonly NativeDataset _dataset;
    private readonly string _datasetPath;
    private readonly DataType? _numericOrBytesType;
    private readonly Lazy<DataType>? _stringType;
    private readonly bool _chunked;

    internal NetCdf4Variable(
        Hdf5Handles handles, NativeDataset dataset, string datasetPath, string name, string location,
        DataType? storedType, bool isVariableLengthString, long[] shape, int[] chunkShape, IReadOnlyList<string> dimensionNames,
        OrderedDictionary<string, object?> attributes, byte[]? fillValue, IReadOnlyList<string> filters, string layout)
    {
        _handles = handles;
        _dataset = dataset;
        _datasetPath = datasetPath;
        Name = name;
        Location = location;
        StoredType = storedType;
        IsVariableLengthString = isVariableLengthString;
        Shape = shape;
        ChunkShape = chunkShape;
        DimensionNames = dimensionNames;
        Attributes = attributes;
        FillValue = fillValue;
        Filters = filters;
        Layout = layout;
        _chunked = layout == "chunked";
        if (isVariableLengthString) _stringType = new Lazy<DataType>(MeasureStrings, LazyThreadSafetyMode.ExecutionAndPublication);
        else _numericOrBytesType = storedType!.Native;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <summary>
    /// The element type in memory. For variable-length strings, UTF-32 as wide as the longest string (finding it
    /// reads every string once, on first use).
    /// </summary>
    public DataType DType => _numericOrBytesType ?? _stringType!.Value;

    /// <summary>The type as the file stores it (with its byte order); null for variable-length strings.</summary>
    public DataType? StoredType { get; }

    /// <summary>True when the variable holds netCDF strings (HDF5 variable-length strings).</summary>
    public bool IsVariableLengthString { get; }

    /// <inheritdoc />
    public int[] ChunkShape { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> DimensionNames { get; }

    /// <inheritdoc />
    public OrderedDictionary<string, object?> Attributes { get; }

    /// <inheritdoc />
    public byte[]? FillValue { get; }

    /// <summary>The HDF5 filters applied to each chunk, in the order they were applied when writing.</summary>
    public IReadOnlyList<string> Filters { get; }

    /// <summary>The HDF5 storage layout: chunked, contiguous or compact.</summary>
    public string Layout { get; }

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        long elements = CheckRegion(start, count);
        if (IsVariableLengthString)
        {
            ReadStringsAsUnicode(start, count, destination, elements);
            return;
        }

        var type = StoredType!;
        long bytes = elements * type.ItemSize;
        if (destination.Length != bytes)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DestinationSizeMismatch",
                $"Variable '{Name}' in '{Location}': the destination holds {destination.Length} bytes but the region [{Describe(start, count)}] needs {bytes}.", Name);
        if (elements == 0) return;

        var selection = Selection(start, count);
        try
        {
            using var lease = _handles.Acquire(_datasetPath, _dataset);
            // Reading as bytes is PureHDF's raw mode: no type conversion and no refusal of big-endian data.
            if (_chunked)
            {
                using var pooling = ChunkBufferLedger.Enter();
                var cache = new RegionChunkCache(RegionChunkCache.CapacityFor(start, count, ChunkShape));
                try
                {
                    lease.Dataset.Read<byte>(new H5DatasetAccess(ChunkCache: cache), destination, selection);
                }
                finally
                {
                    cache.ReturnAll();
                }
            }
            else
                lease.Dataset.Read<byte>(destination, selection);
        }
        catch (Exception e) when (e is not ZarrPSException)
        {
            throw ReadFailed(start, count, e);
        }
        if (type.NeedsSwap) type.SwapBytes(destination);
    }

    /// <summary>
    /// Reads the strings of the box <paramref name="start"/>..start+count in C order: variable-length strings as
    /// stored, fixed-length ones decoded as UTF-8 with trailing NULs removed.
    /// </summary>
    public string[] ReadStrings(ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        long elements = CheckRegion(start, count);
        if (!IsVariableLengthString && StoredType!.Kind != ScalarKind.FixedBytes)
            throw new ZarrPSException(ErrorKind.InvalidOperation, "NotAStringVariable",
                $"Variable '{Name}' in '{Location}' holds {StoredType.Name} values, not strings.", Name);
        if (elements > Array.MaxLength)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "RegionTooLarge",
                $"Variable '{Name}' in '{Location}': the region [{Describe(start, count)}] has {elements} strings, more than one array can hold.", Name);
        if (elements == 0) return [];

        if (!IsVariableLengthString)
        {
            int width = StoredType!.ItemSize;
            byte[] raw = new byte[checked(elements * width)];
            ReadRegion(start, count, raw);
            var result = new string[elements];
            for (int i = 0; i < result.Length; i++)
            {
                var item = raw.AsSpan(i * width, width);
                int end = item.IndexOf((byte)0);
                result[i] = Encoding.UTF8.GetString(end < 0 ? item : item[..end]);
            }
            return result;
        }

        try
        {
            using var lease = _handles.Acquire(_datasetPath, _dataset);
            var strings = new string[elements];
            using var pooling = ChunkBufferLedger.Enter();
            var cache = new RegionChunkCache(RegionChunkCache.CapacityFor(start, count, ChunkShape));
            try
            {
                lease.Dataset.Read<string>(new H5DatasetAccess(ChunkCache: cache), strings.AsSpan(), Selection(start, count));
            }
            finally
            {
                cache.ReturnAll();
            }
            for (int i = 0; i < strings.Length; i++) strings[i] ??= "";
            return strings;
        }
        catch (Exception e) when (e is not ZarrPSException)
        {
            throw ReadFailed(start, count, e);
        }
    }

    private void ReadStringsAsUnicode(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination, long elements)
    {
        var type = DType;
        int chars = type.ItemSize / 4;
        if (destination.Length != elements * type.ItemSize)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DestinationSizeMismatch",
                $"Variable '{Name}' in '{Location}': the destination holds {destination.Length} bytes but the region [{Describe(start, count)}] needs {elements * type.ItemSize} ({type.Name}).", Name);
        string[] strings = ReadStrings(start, count);
        var codepoints = MemoryMarshal.Cast<byte, int>(destination);
        codepoints.Clear();
        for (int i = 0; i < strings.Length; i++)
        {
            int c = 0;
            foreach (var rune in strings[i].EnumerateRunes())
            {
                // The width was measured on the same strings, so this only guards against a file changed since.
                if (c == chars) break;
                codepoints[i * chars + c++] = rune.Value;
            }
        }
    }

    private DataType MeasureStrings()
    {
        if (Shape.Length > 0 && ElementCount(Shape) == 0) return DataType.FixedUnicode(1);
        var start = new long[Shape.Length];
        int longest = 1;
        foreach (string s in ReadStrings(start, Shape))
        {
            int runes = 0;
            foreach (var _ in s.EnumerateRunes()) runes++;
            longest = Math.Max(longest, runes);
        }
        return DataType.FixedUnicode(longest);
    }

    private long CheckRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        int rank = Shape.Length;
        if (start.Length != rank || count.Length != rank)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionRankMismatch",
                $"Variable '{Name}' in '{Location}' has {rank} dimension(s) ({string.Join(", ", DimensionNames)}) but the region has {start.Length} start and {count.Length} count values.", Name);
        long elements = 1;
        for (int i = 0; i < rank; i++)
        {
            if (start[i] < 0 || count[i] < 0 || start[i] > Shape[i] || count[i] > Shape[i] - start[i])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionOutOfBounds",
                    $"Variable '{Name}' in '{Location}': dimension '{DimensionNames[i]}' has {Shape[i]} elements, the region {start[i]}..{start[i] + count[i]} (start {start[i]}, count {count[i]}) is outside it.", Name);
            elements *= count[i];
        }
        return elements;
    }

    private Selection? Selection(ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        // PureHDF reads a scalar dataspace through its default selection only.
        if (Shape.Length == 0) return null;
        var starts = new ulong[start.Length];
        var blocks = new ulong[count.Length];
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = (ulong)start[i];
            blocks[i] = (ulong)count[i];
        }
        return new HyperslabSelection(starts.Length, starts, blocks);
    }

    private ZarrPSException ReadFailed(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Exception e)
    {
        string detail = Innermost(e);
        string filters = Filters.Count == 0 ? "no filters" : "filters " + string.Join(", ", Filters);
        if (e is ObjectDisposedException)
            return new ZarrPSException(ErrorKind.InvalidOperation, "FileClosed",
                $"Variable '{Name}' in '{Location}': the file has been closed.", Name, e);
        if (detail.Contains("Could not find filter", StringComparison.Ordinal))
            return new ZarrPSException(ErrorKind.NotImplemented, "Hdf5FilterNotSupported",
                $"Variable '{Name}' in '{Location}' cannot be read: its chunks are encoded with the HDF5 {filters}, and PureHDF decodes only deflate, shuffle, fletcher32 and scaleoffset.",
                Name, e);
        return new ZarrPSException(ErrorKind.InvalidData, "Hdf5ReadFailed",
            $"Variable '{Name}' in '{Location}': cannot read the region [{Describe(start, count)}] ({Layout}, {StoredType?.TypeString ?? "variable-length string"}, {filters}): {detail}",
            Name, e);
    }

    private static string Innermost(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (!string.IsNullOrWhiteSpace(x.Message) && !parts.Contains(x.Message)) parts.Add(x.Message.TrimEnd('.'));
        return string.Join(": ", parts);
    }

    private static string Describe(ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < start.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(start[i]).Append(':').Append(start[i] + (i < count.Length ? count[i] : 0));
        }
        return sb.ToString();
    }

    internal static long ElementCount(ReadOnlySpan<long> shape)
    {
        long n = 1;
        foreach (long d in shape) n *= d;
        return n;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}({string.Join(", ", DimensionNames)}) {(IsVariableLengthString ? "string" : StoredType!.Name)} [{string.Join(", ", Shape)}]";
}
