using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ZarrPS.Engine.Formats.NetCdf3;

/// <summary>A dimension as the header declares it; a length of 0 marks the record (unlimited) dimension.</summary>
internal sealed record NetCdf3DimensionHeader(string Name, long Length);

/// <summary>A variable as the header declares it, before its shape is resolved against the dimensions.</summary>
internal sealed record NetCdf3VariableHeader(
    string Name, int[] DimensionIds, OrderedDictionary<string, object?> Attributes, NcType Type, long VSize, long Begin);

/// <summary>
/// The header of a classic-format file (CDF-1 classic, CDF-2 64-bit offset, CDF-5 64-bit data), parsed
/// from the grammar of the NetCDF format specification. Every count is checked against the bytes that
/// remain before anything is allocated for it, so a corrupt or hostile header fails with a message
/// instead of an out-of-memory.
/// </summary>
internal sealed class NetCdf3Header
{
    private const int TagDimension = 0x0A;
    private const int TagVariable = 0x0B;
    private const int TagAttribute = 0x0C;
    // netCDF's NC_MAX_VAR_DIMS.
    private const int MaxRank = 1024;

    private NetCdf3Header(int version, long recordCount, List<NetCdf3DimensionHeader> dimensions,
        OrderedDictionary<string, object?> attributes, List<NetCdf3VariableHeader> variables, long length)
    {
        Version = version;
        RecordCount = recordCount;
        Dimensions = dimensions;
        Attributes = attributes;
        Variables = variables;
        Length = length;
    }

    /// <summary>1 (classic), 2 (64-bit offset) or 5 (64-bit data).</summary>
    public int Version { get; }

    /// <summary>numrecs, or -1 when the file says STREAMING (the count follows from the file length).</summary>
    public long RecordCount { get; }

    /// <summary>Dimensions in declaration order (their ids are the indexes).</summary>
    public List<NetCdf3DimensionHeader> Dimensions { get; }

    /// <summary>Global attributes.</summary>
    public OrderedDictionary<string, object?> Attributes { get; }

    /// <summary>Variables in declaration order.</summary>
    public List<NetCdf3VariableHeader> Variables { get; }

    /// <summary>Bytes the header occupies.</summary>
    public long Length { get; }

    /// <summary>True when the first bytes are 'C' 'D' 'F' and a version byte of 1, 2 or 5.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> first) =>
        first.Length >= 4 && first[0] == (byte)'C' && first[1] == (byte)'D' && first[2] == (byte)'F' && first[3] is 1 or 2 or 5;

    /// <summary>Parses the header at the start of <paramref name="source"/>.</summary>
    public static NetCdf3Header Read(IRandomAccessSource source, string location)
    {
        var c = new Cursor(source, location);
        ReadMagic(c, source, location);

        c.Context = "the record count (numrecs)";
        long recordCount;
        if (c.Version == 5)
        {
            ulong n = BinaryPrimitives.ReadUInt64BigEndian(c.Take(8));
            recordCount = n == ulong.MaxValue ? -1 : n > long.MaxValue ? throw c.Invalid($"numrecs {n} is out of range") : (long)n;
        }
        else
        {
            uint n = BinaryPrimitives.ReadUInt32BigEndian(c.Take(4));
            recordCount = n == uint.MaxValue ? -1 : n;
        }

        c.Context = "the dimension list";
        long dimCount = c.ListLength(TagDimension, "NC_DIMENSION", c.Version == 5 ? 16 : 8);
        var dims = new List<NetCdf3DimensionHeader>((int)dimCount);
        for (int i = 0; i < dimCount; i++)
        {
            c.Context = $"dimension {i}";
            string name = c.Name();
            c.Context = $"dimension '{name}'";
            long length = c.Version == 5 ? c.NonNegative() : BinaryPrimitives.ReadUInt32BigEndian(c.Take(4));
            dims.Add(new NetCdf3DimensionHeader(name, length));
        }

        var globals = ReadAttributes(c, "global attribute");

        c.Context = "the variable list";
        long varCount = c.ListLength(TagVariable, "NC_VARIABLE", c.Version switch { 1 => 28, 2 => 32, _ => 48 });
        var vars = new List<NetCdf3VariableHeader>((int)varCount);
        for (int i = 0; i < varCount; i++)
        {
            c.Context = $"variable {i}";
            string name = c.Name();
            c.Context = $"variable '{name}'";
            long rank = c.NonNegative();
            if (rank > MaxRank) throw c.Invalid($"variable '{name}' has {rank} dimensions; netCDF allows at most {MaxRank}");
            c.RequireItems(rank, c.Version == 5 ? 8 : 4);
            var dimIds = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                long id = c.NonNegative();
                if (id >= dims.Count)
                    throw c.Invalid($"variable '{name}' refers to dimension id {id}, but the file declares {dims.Count} dimension(s)");
                dimIds[d] = (int)id;
            }
            var attrs = ReadAttributes(c, $"attribute of variable '{name}'");
            c.Context = $"variable '{name}'";
            long typeOffset = c.Position;
            int tag = c.Int32();
            if (!NcTypes.IsValid(tag, c.Version))
                throw UnknownType(c, tag, typeOffset, $"variable '{name}'");
            // vsize is informational (2^32-1 stands for "too large" in CDF-1/2); sizes are recomputed from the shape.
            long vsize = c.Version == 5 ? c.NonNegative() : BinaryPrimitives.ReadUInt32BigEndian(c.Take(4));
            long begin = c.Version == 1 ? BinaryPrimitives.ReadUInt32BigEndian(c.Take(4)) : c.Int64NonNegative();
            vars.Add(new NetCdf3VariableHeader(name, dimIds, attrs, (NcType)tag, vsize, begin));
        }

        return new NetCdf3Header(c.Version, recordCount, dims, globals, vars, c.Position);
    }

    private static void ReadMagic(Cursor c, IRandomAccessSource source, string location)
    {
        Span<byte> first = stackalloc byte[4];
        int n = 0;
        while (n < 4)
        {
            int got = source.Read(n, first[n..]);
            if (got <= 0) break;
            n += got;
        }
        if (n < 4 || !HasMagic(first))
        {
            string seen = n == 0 ? "the file is empty" : $"its first bytes are {Describe(first[..n])}";
            string hint = n >= 4 && first[0] == 0x89 && first[1] == (byte)'H' && first[2] == (byte)'D' && first[3] == (byte)'F'
                ? " (this is an HDF5 / NetCDF-4 file)"
                : n >= 4 && first[0] == (byte)'C' && first[1] == (byte)'D' && first[2] == (byte)'F' ? $" (unknown format version {first[3]})" : "";
            throw new ZarrPSException(ErrorKind.InvalidData, "NetCdfNotClassicFormat",
                $"'{location}' is not a NetCDF-3 file: expected the magic bytes 'CDF' followed by 0x01, 0x02 or 0x05, but {seen}{hint}.", location);
        }
        c.Version = first[3];
        c.Context = "the magic bytes";
        c.Take(4);
    }

    private static OrderedDictionary<string, object?> ReadAttributes(Cursor c, string what)
    {
        c.Context = $"the {what} list";
        long count = c.ListLength(TagAttribute, "NC_ATTRIBUTE", c.Version == 5 ? 20 : 12);
        var attrs = new OrderedDictionary<string, object?>((int)count);
        for (int i = 0; i < count; i++)
        {
            c.Context = $"{what} {i}";
            string name = c.Name();
            c.Context = $"{what} '{name}'";
            long typeOffset = c.Position;
            int tag = c.Int32();
            if (!NcTypes.IsValid(tag, c.Version))
                throw UnknownType(c, tag, typeOffset, $"{what} '{name}'");
            var type = (NcType)tag;
            long n = c.NonNegative();
            c.RequireItems(n, type.Size());
            int bytes = (int)(n * type.Size());
            var values = c.Take(Pad4(bytes));
            attrs[name] = DecodeValues(type, values[..bytes]);
        }
        return attrs;
    }

    private static ZarrPSException UnknownType(Cursor c, int tag, long offset, string owner)
    {
        string allowed = c.Version == 5 ? "1..11 (NC_BYTE..NC_UINT64)" : "1..6 (NC_BYTE..NC_DOUBLE)";
        string extra = c.Version != 5 && tag is >= 7 and <= 11 ? $"; {((NcType)tag).Name()} exists only in CDF-5 files" : "";
        return new ZarrPSException(ErrorKind.InvalidData, "NetCdfHeaderInvalid",
            $"NetCDF file '{c.Location}': {owner} has unknown nc_type {tag} at offset {offset} (expected {allowed} in a CDF-{c.Version} file{extra}).", c.Location);
    }

    /// <summary>Attribute values as .NET values: one value as its scalar, several as a typed array, characters as a string.</summary>
    private static object DecodeValues(NcType type, ReadOnlySpan<byte> data) => type switch
    {
        NcType.Char => Encoding.UTF8.GetString(data.TrimEnd((byte)0)),
        NcType.Byte => Single(Typed<sbyte>(data, type)),
        NcType.Short => Single(Typed<short>(data, type)),
        NcType.Int => Single(Typed<int>(data, type)),
        NcType.Float => Single(Typed<float>(data, type)),
        NcType.Double => Single(Typed<double>(data, type)),
        NcType.UByte => Single(Typed<byte>(data, type)),
        NcType.UShort => Single(Typed<ushort>(data, type)),
        NcType.UInt => Single(Typed<uint>(data, type)),
        NcType.Int64 => Single(Typed<long>(data, type)),
        NcType.UInt64 => Single(Typed<ulong>(data, type)),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static object Single<T>(T[] values) where T : unmanaged => values.Length == 1 ? values[0] : values;

    private static T[] Typed<T>(ReadOnlySpan<byte> data, NcType type) where T : unmanaged
    {
        var values = new T[data.Length / Unsafe.SizeOf<T>()];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        data.CopyTo(bytes);
        var stored = type.ToDataType().WithByteOrder(true);
        if (stored.NeedsSwap) stored.SwapBytes(bytes);
        return values;
    }

    internal static long Pad4(long n) => (n + 3) & ~3L;

    private static int Pad4(int n) => (n + 3) & ~3;

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes) sb.Append(sb.Length == 0 ? "" : " ").Append("0x").Append(b.ToString("X2"));
        sb.Append(" (\"");
        foreach (byte b in bytes) sb.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        return sb.Append("\")").ToString();
    }

    /// <summary>Reads the header front to back, fetching more of the source only when the grammar needs it.</summary>
    private sealed class Cursor(IRandomAccessSource source, string location)
    {
        private const int FirstRead = 64 * 1024;
        private byte[] _buffer = [];
        private int _filled;

        public string Location { get; } = location;
        public int Version { get; set; }
        public long Position { get; private set; }
        public string Context { get; set; } = "the header";

        public ReadOnlySpan<byte> Take(int count)
        {
            Require(count);
            Fill(Position + count);
            var span = _buffer.AsSpan((int)Position, count);
            Position += count;
            return span;
        }

        /// <summary>Fails as truncated when fewer than <paramref name="count"/> bytes remain in the source.</summary>
        public void Require(long count)
        {
            if (count > source.Length - Position) throw Truncated(count.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>Fails as truncated when <paramref name="count"/> items of <paramref name="size"/> bytes cannot fit in what remains.</summary>
        public void RequireItems(long count, int size, bool atLeast = false)
        {
            if (count > (source.Length - Position) / size)
                throw Truncated((atLeast ? "at least " : "") + ((Int128)count * size).ToString(CultureInfo.InvariantCulture));
        }

        private ZarrPSException Truncated(string needed) =>
            new(ErrorKind.InvalidData, "NetCdfHeaderTruncated",
                $"NetCDF file '{Location}' is truncated: reading {Context} at offset {Position} needs {needed} byte(s), but the file ends at {source.Length}.", Location);

        public ZarrPSException Invalid(string why) =>
            new(ErrorKind.InvalidData, "NetCdfHeaderInvalid", $"NetCDF file '{Location}' has an invalid header at offset {Position} ({Context}): {why}.", Location);

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public long Int64NonNegative()
        {
            long v = BinaryPrimitives.ReadInt64BigEndian(Take(8));
            return v >= 0 ? v : throw Invalid($"offset {v} is negative");
        }

        /// <summary>NON_NEG: a 32-bit count in CDF-1/2, 64-bit in CDF-5.</summary>
        public long NonNegative()
        {
            long v = Version == 5 ? BinaryPrimitives.ReadInt64BigEndian(Take(8)) : BinaryPrimitives.ReadInt32BigEndian(Take(4));
            return v >= 0 ? v : throw Invalid($"count {v} is negative");
        }

        /// <summary>Reads a list tag and its length; ABSENT (two zeros) is an empty list.</summary>
        public long ListLength(int expectedTag, string tagName, int minElementBytes)
        {
            long at = Position;
            int tag = Int32();
            long n = NonNegative();
            if (tag == 0)
            {
                if (n != 0) { Position = at; throw Invalid($"an absent list (tag 0) must have 0 elements, found {n}"); }
                return 0;
            }
            if (tag != expectedTag) { Position = at; throw Invalid($"expected the {tagName} tag ({expectedTag}) or ABSENT, found {tag}"); }
            RequireItems(n, minElementBytes, atLeast: true);
            return n;
        }

        public string Name()
        {
            long length = NonNegative();
            RequireItems(length, 1);
            var bytes = Take((int)Pad4(length));
            return Encoding.UTF8.GetString(bytes[..(int)length]);
        }

        private void Fill(long end)
        {
            if (end <= _filled) return;
            if (end > Array.MaxLength) throw Invalid("the header is larger than 2 GiB");
            long size = Math.Max(end, Math.Max(FirstRead, 2L * _buffer.Length));
            size = Math.Min(size, Math.Min(source.Length, Array.MaxLength));
            Array.Resize(ref _buffer, (int)size);
            while (_filled < size)
            {
                int n = source.Read(_filled, _buffer.AsSpan(_filled, (int)size - _filled));
                if (n <= 0) break;
                _filled += n;
            }
            // The source said it was longer than it turned out to be (a file truncated while open).
            if (end > _filled) throw Truncated((end - Position).ToString(CultureInfo.InvariantCulture));
        }
    }
}
