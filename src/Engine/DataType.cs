using System.Buffers.Binary;
using System.Globalization;

namespace ZarrPS.Engine;

/// <summary>The kinds of element the engine stores.</summary>
public enum ScalarKind
{
    /// <summary>bool, one byte (0 or 1).</summary>
    Bool,
    /// <summary>int8.</summary>
    Int8,
    /// <summary>int16.</summary>
    Int16,
    /// <summary>int32.</summary>
    Int32,
    /// <summary>int64.</summary>
    Int64,
    /// <summary>uint8.</summary>
    UInt8,
    /// <summary>uint16.</summary>
    UInt16,
    /// <summary>uint32.</summary>
    UInt32,
    /// <summary>uint64.</summary>
    UInt64,
    /// <summary>float16 (System.Half).</summary>
    Float16,
    /// <summary>float32.</summary>
    Float32,
    /// <summary>float64.</summary>
    Float64,
    /// <summary>complex64: two float32.</summary>
    Complex64,
    /// <summary>complex128: two float64 (System.Numerics.Complex).</summary>
    Complex128,
    /// <summary>numpy datetime64 with a unit: an int64 count of units since 1970-01-01.</summary>
    DateTime64,
    /// <summary>numpy timedelta64 with a unit: an int64 count of units.</summary>
    TimeDelta64,
    /// <summary>Fixed-length byte string (numpy 'S').</summary>
    FixedBytes,
    /// <summary>Fixed-length UTF-32 string (numpy 'U').</summary>
    FixedUnicode,
    /// <summary>A date of a CF calendar (cftime): int64 microseconds since 1970-01-01 of that calendar; the calendar is the unit.</summary>
    CalendarDate,
}

/// <summary>
/// An element type with its byte order, as numpy describes it ('&lt;f4', '&gt;i2', '|b1', '&lt;M8[ns]', '|S10').
/// In memory the engine always holds values in the machine's byte order; <see cref="BigEndian"/> says how they are stored.
/// </summary>
public sealed class DataType : IEquatable<DataType>
{
    private DataType(ScalarKind kind, int itemSize, bool bigEndian, string? unit)
    {
        Kind = kind;
        ItemSize = itemSize;
        BigEndian = bigEndian;
        Unit = unit;
    }

    /// <summary>The element kind.</summary>
    public ScalarKind Kind { get; }

    /// <summary>Bytes per element.</summary>
    public int ItemSize { get; }

    /// <summary>True when stored big-endian. Always false for one-byte types.</summary>
    public bool BigEndian { get; }

    /// <summary>The unit of datetime64/timedelta64 ('ns', 's', 'D', ...), otherwise null.</summary>
    public string? Unit { get; }

    /// <summary>bool.</summary>
    public static readonly DataType Bool = new(ScalarKind.Bool, 1, false, null);
    /// <summary>int8.</summary>
    public static readonly DataType Int8 = new(ScalarKind.Int8, 1, false, null);
    /// <summary>int16.</summary>
    public static readonly DataType Int16 = new(ScalarKind.Int16, 2, false, null);
    /// <summary>int32.</summary>
    public static readonly DataType Int32 = new(ScalarKind.Int32, 4, false, null);
    /// <summary>int64.</summary>
    public static readonly DataType Int64 = new(ScalarKind.Int64, 8, false, null);
    /// <summary>uint8.</summary>
    public static readonly DataType UInt8 = new(ScalarKind.UInt8, 1, false, null);
    /// <summary>uint16.</summary>
    public static readonly DataType UInt16 = new(ScalarKind.UInt16, 2, false, null);
    /// <summary>uint32.</summary>
    public static readonly DataType UInt32 = new(ScalarKind.UInt32, 4, false, null);
    /// <summary>uint64.</summary>
    public static readonly DataType UInt64 = new(ScalarKind.UInt64, 8, false, null);
    /// <summary>float16.</summary>
    public static readonly DataType Float16 = new(ScalarKind.Float16, 2, false, null);
    /// <summary>float32.</summary>
    public static readonly DataType Float32 = new(ScalarKind.Float32, 4, false, null);
    /// <summary>float64.</summary>
    public static readonly DataType Float64 = new(ScalarKind.Float64, 8, false, null);
    /// <summary>complex64.</summary>
    public static readonly DataType Complex64 = new(ScalarKind.Complex64, 8, false, null);
    /// <summary>complex128.</summary>
    public static readonly DataType Complex128 = new(ScalarKind.Complex128, 16, false, null);

    /// <summary>datetime64 with a unit (ns, us, ms, s, m, h, D, W, M, Y).</summary>
    public static DataType DateTime64(string unit) => new(ScalarKind.DateTime64, 8, false, CheckUnit(unit));

    /// <summary>timedelta64 with a unit.</summary>
    public static DataType TimeDelta64(string unit) => new(ScalarKind.TimeDelta64, 8, false, CheckUnit(unit));

    /// <summary>Dates of a CF calendar (noleap, 360_day …) as int64 microseconds since that calendar's 1970-01-01.</summary>
    public static DataType CalendarDate(string calendar) => new(ScalarKind.CalendarDate, 8, false, calendar);

    /// <summary>A fixed-length byte string of <paramref name="length"/> bytes.</summary>
    public static DataType FixedBytes(int length) => new(ScalarKind.FixedBytes, length, false, null);

    /// <summary>A fixed-length unicode string of <paramref name="length"/> characters (4 bytes each).</summary>
    public static DataType FixedUnicode(int length, bool bigEndian = false) => new(ScalarKind.FixedUnicode, checked(length * 4), bigEndian, null);

    /// <summary>The same type stored with the given byte order (one-byte types ignore it).</summary>
    public DataType WithByteOrder(bool bigEndian)
    {
        if (ByteSwapUnit <= 1 || bigEndian == BigEndian) return this;
        return new DataType(Kind, ItemSize, bigEndian, Unit);
    }

    /// <summary>The same type in the machine's (little-endian) byte order.</summary>
    public DataType Native => WithByteOrder(!BitConverter.IsLittleEndian);

    /// <summary>The size of the unit a byte swap reverses: the item size, half of it for complex, 4 for unicode, 1 for bytes.</summary>
    public int ByteSwapUnit => Kind switch
    {
        ScalarKind.Bool or ScalarKind.Int8 or ScalarKind.UInt8 or ScalarKind.FixedBytes => 1,
        ScalarKind.Complex64 or ScalarKind.Complex128 => ItemSize / 2,
        ScalarKind.FixedUnicode => 4,
        _ => ItemSize,
    };

    /// <summary>True for the integer kinds (signed or not, not bool).</summary>
    public bool IsInteger => Kind is >= ScalarKind.Int8 and <= ScalarKind.UInt64;

    /// <summary>True for the signed integer kinds.</summary>
    public bool IsSignedInteger => Kind is >= ScalarKind.Int8 and <= ScalarKind.Int64;

    /// <summary>True for float16/32/64.</summary>
    public bool IsFloat => Kind is ScalarKind.Float16 or ScalarKind.Float32 or ScalarKind.Float64;

    /// <summary>True for complex64/128.</summary>
    public bool IsComplex => Kind is ScalarKind.Complex64 or ScalarKind.Complex128;

    /// <summary>True for numbers: integers, floats, complex and bool.</summary>
    public bool IsNumeric => Kind <= ScalarKind.Complex128;

    /// <summary>The .NET type of one element in memory (datetime64/timedelta64 are long; strings are byte[]/string).</summary>
    public Type ClrType => Kind switch
    {
        ScalarKind.Bool => typeof(bool),
        ScalarKind.Int8 => typeof(sbyte),
        ScalarKind.Int16 => typeof(short),
        ScalarKind.Int32 => typeof(int),
        ScalarKind.Int64 => typeof(long),
        ScalarKind.UInt8 => typeof(byte),
        ScalarKind.UInt16 => typeof(ushort),
        ScalarKind.UInt32 => typeof(uint),
        ScalarKind.UInt64 => typeof(ulong),
        ScalarKind.Float16 => typeof(Half),
        ScalarKind.Float32 => typeof(float),
        ScalarKind.Float64 => typeof(double),
        ScalarKind.Complex64 => typeof(ComplexFloat),
        ScalarKind.Complex128 => typeof(System.Numerics.Complex),
        ScalarKind.DateTime64 or ScalarKind.TimeDelta64 or ScalarKind.CalendarDate => typeof(long),
        ScalarKind.FixedBytes => typeof(byte[]),
        ScalarKind.FixedUnicode => typeof(string),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The numpy name: float32, int16, bool, datetime64[ns], |S10, &lt;U5.</summary>
    public string Name => Kind switch
    {
        ScalarKind.Bool => "bool",
        ScalarKind.Int8 => "int8",
        ScalarKind.Int16 => "int16",
        ScalarKind.Int32 => "int32",
        ScalarKind.Int64 => "int64",
        ScalarKind.UInt8 => "uint8",
        ScalarKind.UInt16 => "uint16",
        ScalarKind.UInt32 => "uint32",
        ScalarKind.UInt64 => "uint64",
        ScalarKind.Float16 => "float16",
        ScalarKind.Float32 => "float32",
        ScalarKind.Float64 => "float64",
        ScalarKind.Complex64 => "complex64",
        ScalarKind.Complex128 => "complex128",
        ScalarKind.DateTime64 => $"datetime64[{Unit}]",
        ScalarKind.TimeDelta64 => $"timedelta64[{Unit}]",
        ScalarKind.FixedBytes => $"|S{ItemSize}",
        ScalarKind.FixedUnicode => $"<U{ItemSize / 4}",
        ScalarKind.CalendarDate => $"cftime[{Unit}]",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>True for datetime64 and calendar dates: values that are points in time.</summary>
    public bool IsTime => Kind is ScalarKind.DateTime64 or ScalarKind.CalendarDate;

    /// <summary>The numpy type string with byte order, as Zarr v2 writes it: '&lt;f4', '|b1', '&gt;M8[ns]'.</summary>
    public string TypeString
    {
        get
        {
            char order = ByteSwapUnit == 1 ? '|' : BigEndian ? '>' : '<';
            return Kind switch
            {
                ScalarKind.Bool => "|b1",
                ScalarKind.Int8 or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64 => $"{order}i{ItemSize}",
                ScalarKind.UInt8 or ScalarKind.UInt16 or ScalarKind.UInt32 or ScalarKind.UInt64 => $"{order}u{ItemSize}",
                ScalarKind.Float16 or ScalarKind.Float32 or ScalarKind.Float64 => $"{order}f{ItemSize}",
                ScalarKind.Complex64 or ScalarKind.Complex128 => $"{order}c{ItemSize}",
                ScalarKind.DateTime64 => $"{order}M8[{Unit}]",
                ScalarKind.TimeDelta64 => $"{order}m8[{Unit}]",
                ScalarKind.FixedBytes => $"|S{ItemSize}",
                ScalarKind.FixedUnicode => $"{order}U{ItemSize / 4}",
                ScalarKind.CalendarDate => throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDataType", $"Calendar dates ({Unit}) have no numpy type; encode them with CF units first."),
                _ => throw new InvalidOperationException(),
            };
        }
    }

    /// <summary>The Zarr v3 data type name, or null when v3 has none for this type.</summary>
    public string? V3Name => Kind switch
    {
        ScalarKind.DateTime64 or ScalarKind.TimeDelta64 or ScalarKind.FixedBytes or ScalarKind.FixedUnicode or ScalarKind.CalendarDate => null,
        _ => Name,
    };

    private static readonly string[] TimeUnits = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"];

    private static string CheckUnit(string unit)
    {
        if (Array.IndexOf(TimeUnits, unit) < 0)
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidDataType", $"Unknown datetime unit '{unit}' (expected one of {string.Join(", ", TimeUnits)}).", unit);
        return unit;
    }

    /// <summary>Parses a numpy type string as Zarr v2 stores it ('&lt;f4', '|b1', '&gt;M8[ns]', '|S10', '&lt;U3').</summary>
    public static DataType ParseTypeString(string s)
    {
        if (TryParseTypeString(s, out var t, out string? why)) return t!;
        throw new ZarrPSException(ErrorKind.InvalidData, "InvalidDataType", $"Unsupported dtype '{s}': {why}.", s);
    }

    /// <summary>Parses a numpy type string; false with a reason when it is not one the engine reads.</summary>
    public static bool TryParseTypeString(string s, out DataType? type, out string? why)
    {
        type = null;
        why = null;
        if (string.IsNullOrEmpty(s) || s.Length < 3) { why = "expected a byte order ('<', '>', '|'), a kind letter and a size, like '<f4'"; return false; }
        char order = s[0];
        if (order is not ('<' or '>' or '|' or '=')) { why = $"'{order}' is not a byte order ('<', '>' or '|')"; return false; }
        bool big = order == '>';
        char kind = s[1];
        string rest = s[2..];
        string? unit = null;
        int br = rest.IndexOf('[');
        if (br >= 0)
        {
            if (!rest.EndsWith(']')) { why = "unclosed '[' in the unit"; return false; }
            unit = rest[(br + 1)..^1];
            rest = rest[..br];
        }
        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size <= 0)
        {
            why = $"'{rest}' is not an item size";
            return false;
        }
        DataType? t = (kind, size) switch
        {
            ('b', 1) => Bool,
            ('i', 1) => Int8,
            ('i', 2) => Int16,
            ('i', 4) => Int32,
            ('i', 8) => Int64,
            ('u', 1) => UInt8,
            ('u', 2) => UInt16,
            ('u', 4) => UInt32,
            ('u', 8) => UInt64,
            ('f', 2) => Float16,
            ('f', 4) => Float32,
            ('f', 8) => Float64,
            ('c', 8) => Complex64,
            ('c', 16) => Complex128,
            ('S', _) => FixedBytes(size),
            ('U', _) => FixedUnicode(size),
            ('M', 8) when unit is not null && Array.IndexOf(TimeUnits, unit) >= 0 => DateTime64(unit),
            ('m', 8) when unit is not null && Array.IndexOf(TimeUnits, unit) >= 0 => TimeDelta64(unit),
            _ => null,
        };
        if (t is null)
        {
            why = kind is 'M' or 'm' ? "datetime types need a size of 8 and a unit such as [ns]" : $"no {kind}-type of {size} bytes is supported";
            return false;
        }
        if (unit is not null && kind is not ('M' or 'm')) { why = "only datetime types take a unit"; return false; }
        type = t.WithByteOrder(big);
        return true;
    }

    /// <summary>Parses a numpy dtype name ('float32', 'int16', 'bool', 'datetime64[ns]') or a type string.</summary>
    public static DataType ParseName(string name)
    {
        var t = name switch
        {
            "bool" => Bool,
            "int8" => Int8,
            "int16" => Int16,
            "int32" => Int32,
            "int64" => Int64,
            "uint8" => UInt8,
            "uint16" => UInt16,
            "uint32" => UInt32,
            "uint64" => UInt64,
            "float16" => Float16,
            "float32" => Float32,
            "float64" => Float64,
            "complex64" => Complex64,
            "complex128" => Complex128,
            _ => null,
        };
        if (t is not null) return t;
        if (name.StartsWith("datetime64[", StringComparison.Ordinal) && name.EndsWith(']')) return DateTime64(name[11..^1]);
        if (name.StartsWith("timedelta64[", StringComparison.Ordinal) && name.EndsWith(']')) return TimeDelta64(name[12..^1]);
        if (TryParseTypeString(name, out var parsed, out _)) return parsed!;
        throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDataType",
            $"Unknown data type '{name}' (expected a numpy name such as bool, int8..int64, uint8..uint64, float16, float32, float64, complex64, complex128, datetime64[ns]).", name);
    }

    /// <summary>Parses a Zarr v3 data type name.</summary>
    public static DataType ParseV3(string name)
    {
        try
        {
            var t = ParseName(name);
            if (t.V3Name is null) throw new FormatException();
            return t;
        }
        catch (Exception e) when (e is ZarrPSException or FormatException)
        {
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidDataType", $"Unsupported Zarr v3 data_type '{name}'.", name);
        }
    }

    /// <summary>Swaps the byte order of every element in place (a no-op for one-byte units).</summary>
    public void SwapBytes(Span<byte> data)
    {
        switch (ByteSwapUnit)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data));
                break;
            case 8:
                BinaryPrimitives.ReverseEndianness(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data));
                break;
        }
    }

    /// <summary>True when data stored in this type must be byte-swapped to be read on this machine.</summary>
    public bool NeedsSwap => ByteSwapUnit > 1 && BigEndian == BitConverter.IsLittleEndian;

    /// <inheritdoc />
    public bool Equals(DataType? other) =>
        other is not null && Kind == other.Kind && ItemSize == other.ItemSize && BigEndian == other.BigEndian && Unit == other.Unit;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DataType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ItemSize, BigEndian, Unit);

    /// <summary>Equality.</summary>
    public static bool operator ==(DataType? a, DataType? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DataType? a, DataType? b) => !(a == b);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A complex number of two float32, as numpy's complex64.</summary>
/// <param name="Real">The real part.</param>
/// <param name="Imaginary">The imaginary part.</param>
public readonly record struct ComplexFloat(float Real, float Imaginary);
