using System.Globalization;
using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Formats.NetCdf3;

/// <summary>
/// One variable of a NetCDF-3 file as an <see cref="IChunkedSource"/>. Values are stored big-endian and
/// uncompressed: a fixed-size variable as one C-order block, a record variable as one slab per record,
/// interleaved with the other record variables at the record stride. Reads turn a region into as few
/// positional reads as the layout allows and swap to machine byte order; they share no mutable state,
/// so any number of threads may read at once.
/// </summary>
public sealed class NetCdf3Variable : IChunkedSource
{
    // Bytes between two wanted runs that are cheaper to read through than to skip with another read call.
    private const long MaxGapBytes = 8 * 1024;
    // Largest scratch block read at once when neighbouring runs are fetched together.
    private const long MaxBlockBytes = 8 * 1024 * 1024;
    // Swap byte order in batches of this size so the data is still in cache.
    private const int SwapBatchBytes = 256 * 1024;
    private const long ChunkTargetBytes = 4 * 1024 * 1024;
    private const long SmallRecordBytes = 1024 * 1024;

    private readonly IRandomAccessSource _source;
    private readonly long[] _strides;
    private readonly DataType _storedType;
    private readonly string[] _dimensionNames;

    internal NetCdf3Variable(IRandomAccessSource source, string location, NetCdf3VariableHeader header,
        long[] shape, string[] dimensionNames, bool isRecordVariable, long recordStride)
    {
        _source = source;
        Location = location;
        Name = header.Name;
        NcType = header.Type;
        Shape = shape;
        _dimensionNames = dimensionNames;
        IsRecordVariable = isRecordVariable;
        Begin = header.Begin;
        Attributes = header.Attributes;
        DType = header.Type.ToDataType();
        _storedType = DType.WithByteOrder(true);

        int rank = shape.Length;
        _strides = new long[rank];
        long stride = DType.ItemSize;
        for (int a = rank - 1; a >= 0; a--)
        {
            _strides[a] = isRecordVariable && a == 0 ? recordStride : stride;
            stride *= shape[a];
        }
        ChunkShape = VirtualChunkShape(shape, DType.ItemSize, isRecordVariable);
        FillValue = FillBytes(Attributes.TryGetValue("_FillValue", out var fill) ? fill : null);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public long[] Shape { get; }

    /// <inheritdoc />
    public DataType DType { get; }

    /// <summary>A virtual grid for this unchunked format: record variables by whole records (several when a record is small), fixed variables in slabs of about 4 MiB along the leading axes.</summary>
    public int[] ChunkShape { get; }

    /// <inheritdoc />
    public IReadOnlyList<string>? DimensionNames => _dimensionNames;

    /// <inheritdoc />
    public OrderedDictionary<string, object?> Attributes { get; }

    /// <summary>The <c>_FillValue</c> attribute as one element, or null when the variable has none (the format's default fill values are not reported, as xarray does not mask them).</summary>
    public byte[]? FillValue { get; }

    /// <summary>True when the first dimension is the record (unlimited) dimension.</summary>
    public bool IsRecordVariable { get; }

    /// <summary>The file offset of the variable's first value (of its first record, for a record variable).</summary>
    public long Begin { get; }

    internal NcType NcType { get; }

    /// <summary>Bytes from one element of each axis to the next in the file (the record stride on a record axis).</summary>
    internal ReadOnlySpan<long> ByteStrides => _strides;

    /// <summary>The bytes the last value ends at (of the last record, for a record variable), for the length check at open.</summary>
    internal long DataEnd()
    {
        long elements = 1;
        int first = IsRecordVariable ? 1 : 0;
        for (int a = first; a < Shape.Length; a++) elements = checked(elements * Shape[a]);
        long bytes = checked(elements * DType.ItemSize);
        if (IsRecordVariable)
        {
            if (Shape[0] == 0) return 0;
            return checked(Begin + (Shape[0] - 1) * _strides[0] + bytes);
        }
        return checked(Begin + bytes);
    }

    /// <inheritdoc />
    public void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        CheckRegion(start, count, destination.Length);
        if (destination.IsEmpty) return;
        int rank = Shape.Length;
        int item = DType.ItemSize;

        // The run: the innermost axes whose wanted elements follow each other in the file.
        int r = rank;
        long runBytes = item, innerExtent = item;
        while (r > 0)
        {
            int a = r - 1;
            if (_strides[a] != innerExtent) break;
            runBytes = count[a] * _strides[a];
            r = a;
            if (count[a] != Shape[a]) break;
            innerExtent = Shape[a] * _strides[a];
        }

        // The block: runs along further axes fetched with one read when the gaps between them are small.
        int u = r;
        long span = runBytes;
        while (u > 0)
        {
            int a = u - 1;
            if (count[a] == 1) { u = a; continue; }
            long gap = _strides[a] - span;
            long grown = (count[a] - 1) * _strides[a] + span;
            if (gap > MaxGapBytes || grown > MaxBlockBytes) break;
            span = grown;
            u = a;
        }

        long offset = Begin;
        for (int a = 0; a < rank; a++) offset += start[a] * _strides[a];

        using var scratch = span == runBytes ? null : PooledBuffer.Rent((int)span);
        Span<long> index = rank <= 32 ? stackalloc long[rank] : new long[rank];
        int written = 0, swapped = 0;
        bool swap = _storedType.NeedsSwap;
        while (true)
        {
            if (scratch is null)
            {
                ReadExactly(offset, destination.Slice(written, (int)runBytes));
                written += (int)runBytes;
            }
            else
            {
                var block = scratch.Span;
                ReadExactly(offset, block);
                written = Gather(block, destination, written, index, count, u, r, (int)runBytes);
            }
            if (swap && written - swapped >= SwapBatchBytes)
            {
                _storedType.SwapBytes(destination[swapped..written]);
                swapped = written;
            }

            int axis = u - 1;
            for (; axis >= 0; axis--)
            {
                offset += _strides[axis];
                if (++index[axis] < count[axis]) break;
                offset -= index[axis] * _strides[axis];
                index[axis] = 0;
            }
            if (axis < 0) break;
        }
        if (swap && written > swapped) _storedType.SwapBytes(destination[swapped..written]);
    }

    /// <summary>Copies the runs of one block (axes u..r-1 of the region) into the destination in C order.</summary>
    private int Gather(ReadOnlySpan<byte> block, Span<byte> destination, int written, Span<long> index,
        ReadOnlySpan<long> count, int u, int r, int runBytes)
    {
        long local = 0;
        while (true)
        {
            block.Slice((int)local, runBytes).CopyTo(destination[written..]);
            written += runBytes;
            int axis = r - 1;
            for (; axis >= u; axis--)
            {
                local += _strides[axis];
                if (++index[axis] < count[axis]) break;
                local -= index[axis] * _strides[axis];
                index[axis] = 0;
            }
            if (axis < u) return written;
        }
    }

    private void ReadExactly(long offset, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int n;
            try
            {
                n = _source.Read(offset + done, destination[done..]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ZarrPSException(ErrorKind.ReadError, "NetCdfReadFailed",
                    $"Reading variable '{Name}' from '{Location}' at offset {offset + done} failed: {e.Message}", Location, e);
            }
            if (n <= 0)
                throw new ZarrPSException(ErrorKind.InvalidData, "NetCdfVariableTruncated",
                    $"Variable '{Name}' in '{Location}': the file ends before offset {offset + done}, inside the data being read ({offset}..{offset + destination.Length}); was it truncated after it was opened?", Location);
            done += n;
        }
    }

    private void CheckRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, int destinationBytes)
    {
        int rank = Shape.Length;
        if (start.Length != rank || count.Length != rank)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NetCdfRegionInvalid",
                $"Variable '{Name}' in '{Location}' has {rank} dimension(s) ({string.Join(", ", _dimensionNames)}), but the region has {start.Length} start and {count.Length} count value(s).", Name);
        long elements = 1;
        for (int a = 0; a < rank; a++)
        {
            if (start[a] < 0 || count[a] < 0 || start[a] > Shape[a] - count[a])
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NetCdfRegionOutOfBounds",
                    $"Variable '{Name}' in '{Location}': dimension '{_dimensionNames[a]}' has {Shape[a]} element(s), but the region asks for [{start[a]}, {start[a] + count[a]}) (start {start[a]}, count {count[a]}).", Name);
            elements *= count[a];
        }
        long bytes = elements * DType.ItemSize;
        if (bytes != destinationBytes)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NetCdfRegionBufferSize",
                $"Variable '{Name}' in '{Location}': the region of {elements} element(s) needs {bytes} bytes, but the destination holds {destinationBytes}.", Name);
    }

    /// <summary>
    /// Record variables get whole records per chunk (enough small records to make about 4 MiB); anything
    /// larger than about 4 MiB is cut along its leading axes, one index at a time until the rest fits.
    /// </summary>
    internal static int[] VirtualChunkShape(long[] shape, int itemSize, bool isRecordVariable)
    {
        int rank = shape.Length;
        var chunk = new int[rank];
        for (int a = 0; a < rank; a++) chunk[a] = (int)Math.Clamp(shape[a], 1, int.MaxValue);
        int first = 0;
        if (isRecordVariable)
        {
            long record = itemSize;
            for (int a = 1; a < rank; a++) record = SaturatingMultiply(record, chunk[a]);
            if (record < SmallRecordBytes)
            {
                chunk[0] = (int)Math.Min(chunk[0], ChunkTargetBytes / record);
                return chunk;
            }
            chunk[0] = 1;
            first = 1;
        }
        for (int a = first; a < rank; a++)
        {
            long below = itemSize;
            for (int b = a + 1; b < rank; b++) below = SaturatingMultiply(below, chunk[b]);
            if (SaturatingMultiply(below, chunk[a]) <= ChunkTargetBytes) break;
            if (below >= ChunkTargetBytes) { chunk[a] = 1; continue; }
            chunk[a] = (int)Math.Max(1, ChunkTargetBytes / below);
            break;
        }
        return chunk;
    }

    private static long SaturatingMultiply(long a, long b) => a > long.MaxValue / Math.Max(b, 1) ? long.MaxValue : a * b;

    /// <summary>The <c>_FillValue</c> attribute as one element of this variable's type in machine byte order.</summary>
    private byte[]? FillBytes(object? attribute)
    {
        object? value = attribute switch
        {
            null => null,
            string s => DType.Kind == ScalarKind.FixedBytes ? (s.Length == 0 ? (byte)0 : (object)System.Text.Encoding.UTF8.GetBytes(s)[0]) : s,
            Array { Length: 0 } => null,
            Array a => a.GetValue(0),
            _ => attribute,
        };
        if (value is null) return null;
        try
        {
            var c = CultureInfo.InvariantCulture;
            return NcType switch
            {
                NcType.Char => [Convert.ToByte(value, c)],
                NcType.Byte => Element(Convert.ToSByte(value, c)),
                NcType.Short => Element(Convert.ToInt16(value, c)),
                NcType.Int => Element(Convert.ToInt32(value, c)),
                NcType.Float => Element(value is float f ? f : Convert.ToSingle(value, c)),
                NcType.Double => Element(Convert.ToDouble(value, c)),
                NcType.UByte => Element(Convert.ToByte(value, c)),
                NcType.UShort => Element(Convert.ToUInt16(value, c)),
                NcType.UInt => Element(Convert.ToUInt32(value, c)),
                NcType.Int64 => Element(Convert.ToInt64(value, c)),
                NcType.UInt64 => Element(Convert.ToUInt64(value, c)),
                _ => null,
            };
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException)
        {
            throw new ZarrPSException(ErrorKind.InvalidData, "NetCdfHeaderInvalid",
                $"Variable '{Name}' in '{Location}': its _FillValue {value} cannot be stored as {NcType.Name()}.", Name, e);
        }
    }

    private static byte[] Element<T>(T value) where T : unmanaged =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray();

    /// <inheritdoc />
    public override string ToString() => $"{Name}({string.Join(", ", _dimensionNames)}) {DType}";
}
