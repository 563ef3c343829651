using System.Runtime.InteropServices;
using PureHDF;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>Reads the attributes of a group or variable the way netCDF-C presents them.</summary>
internal static class NetCdf4Attributes
{
    /// <summary>
    /// Attributes netCDF-C keeps to itself (dimension scale bookkeeping and file properties); netCDF4-python and
    /// xarray never show them.
    /// </summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME",
        "_Netcdf4Dimid", "_Netcdf4Coordinates", "_NCProperties", "_nc3_strict",
    };

    /// <summary>True for the internal attributes netCDF-C hides.</summary>
    public static bool IsHidden(string name) => Hidden.Contains(name);

    /// <summary>
    /// The visible attributes of <paramref name="obj"/> in creation order where the file records it. A single
    /// value becomes a scalar of its stored type, several a typed array; strings become string or string[].
    /// Attributes of types netCDF cannot express as such values (compounds, enums, references) are left out.
    /// </summary>
    public static OrderedDictionary<string, object?> Read(IH5Object obj, IEnumerable<IH5Attribute> all, string location, string owner)
    {
        var everything = all as IReadOnlyList<IH5Attribute> ?? [.. all];
        var order = PureHdfInternals.AttributeCreationOrder(obj, everything.Count);
        var indexed = new List<(long Order, int Position, IH5Attribute Attribute)>(everything.Count);
        for (int i = 0; i < everything.Count; i++)
            if (!Hidden.Contains(everything[i].Name))
                indexed.Add((order.Length == everything.Count && order[i] >= 0 ? order[i] : long.MaxValue, i, everything[i]));
        // Where the file records no creation order, PureHDF's order stands.
        indexed.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Position.CompareTo(b.Position));

        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (_, _, a) in indexed)
        {
            object? value;
            try
            {
                value = Decode(a);
            }
            catch (Exception e) when (e is not ZarrPSException)
            {
                throw new ZarrPSException(ErrorKind.InvalidData, "Hdf5AttributeUnreadable",
                    $"NetCDF-4 file '{location}': attribute '{a.Name}' of {owner} cannot be decoded: {e.Message}", a.Name, e);
            }
            if (value is not Unsupported) result[a.Name] = value;
        }
        return result;
    }

    /// <summary>A string attribute's value (the first one of several), or null when it is absent or not a string.</summary>
    public static string? ReadString(IH5Attribute? attribute)
    {
        if (attribute is null) return null;
        return Decode(attribute) switch
        {
            string s => s,
            string[] { Length: > 0 } a => a[0],
            _ => null,
        };
    }

    /// <summary>An integer attribute's values as int, or null when it is absent or not an integer.</summary>
    public static int[]? ReadInts(IH5Attribute? attribute)
    {
        if (attribute is null || attribute.Type.Class != H5DataTypeClass.FixedPoint) return null;
        return Decode(attribute) switch
        {
            int i => [i],
            int[] a => a,
            short i => [i],
            long i when i is >= int.MinValue and <= int.MaxValue => [(int)i],
            _ => null,
        };
    }

    /// <summary>The stored bytes of an attribute's values in machine byte order, or null when it is not numeric.</summary>
    public static byte[]? NumericBytes(IH5Attribute attribute)
    {
        if (attribute.Type.Class is not (H5DataTypeClass.FixedPoint or H5DataTypeClass.FloatingPoint)) return null;
        byte[] bytes = PureHdfInternals.RawData(attribute).ToArray();
        int size = attribute.Type.Size;
        if (PureHdfInternals.IsBigEndian(attribute) && size > 1)
            NumericType(attribute.Type)?.WithByteOrder(true).SwapBytes(bytes);
        return bytes;
    }

    /// <summary>The engine type of an HDF5 integer or float type, or null for anything else.</summary>
    public static DataType? NumericType(IH5DataType type) => type.Class switch
    {
        H5DataTypeClass.FixedPoint => (type.Size, type.FixedPoint.IsSigned) switch
        {
            (1, true) => DataType.Int8,
            (1, false) => DataType.UInt8,
            (2, true) => DataType.Int16,
            (2, false) => DataType.UInt16,
            (4, true) => DataType.Int32,
            (4, false) => DataType.UInt32,
            (8, true) => DataType.Int64,
            (8, false) => DataType.UInt64,
            _ => null,
        },
        H5DataTypeClass.FloatingPoint => type.Size switch
        {
            2 => DataType.Float16,
            4 => DataType.Float32,
            8 => DataType.Float64,
            _ => null,
        },
        _ => null,
    };

    private sealed class Unsupported
    {
        public static readonly Unsupported Instance = new();
    }

    private static object? Decode(IH5Attribute a)
    {
        var space = a.Space.Type;
        switch (a.Type.Class)
        {
            case H5DataTypeClass.FixedPoint or H5DataTypeClass.FloatingPoint:
                {
                    var type = NumericType(a.Type);
                    if (type is null) return Unsupported.Instance;
                    if (space == H5DataspaceType.Null) return Array.CreateInstance(type.ClrType, 0);
                    byte[] bytes = NumericBytes(a)!;
                    int count = space == H5DataspaceType.Scalar ? 1 : checked((int)ElementCount(a.Space.Dimensions));
                    if (bytes.Length < count * type.ItemSize)
                        throw new InvalidDataException($"it holds {bytes.Length} bytes for {count} values of {type.ItemSize} bytes");
                    return type.Kind switch
                    {
                        ScalarKind.Int8 => Values<sbyte>(bytes, count),
                        ScalarKind.UInt8 => Values<byte>(bytes, count),
                        ScalarKind.Int16 => Values<short>(bytes, count),
                        ScalarKind.UInt16 => Values<ushort>(bytes, count),
                        ScalarKind.Int32 => Values<int>(bytes, count),
                        ScalarKind.UInt32 => Values<uint>(bytes, count),
                        ScalarKind.Int64 => Values<long>(bytes, count),
                        ScalarKind.UInt64 => Values<ulong>(bytes, count),
                        ScalarKind.Float16 => Values<Half>(bytes, count),
                        ScalarKind.Float32 => Values<float>(bytes, count),
                        _ => Values<double>(bytes, count),
                    };
                }
            case H5DataTypeClass.String:
            case H5DataTypeClass.VariableLength when PureHdfInternals.IsVariableLengthString(a):
                {
                    if (space == H5DataspaceType.Null) return "";
                    if (space == H5DataspaceType.Scalar) return TrimNul(a.Read<string>());
                    string[] strings = a.Read<string[]>();
                    for (int i = 0; i < strings.Length; i++) strings[i] = TrimNul(strings[i]);
                    return strings.Length == 1 ? strings[0] : strings;
                }
            default:
                return Unsupported.Instance;
        }
    }

    private static object Values<T>(byte[] bytes, int count) where T : unmanaged
    {
        var values = MemoryMarshal.Cast<byte, T>(bytes.AsSpan(0, count * Marshal.SizeOf<T>()));
        return count == 1 ? values[0] : values.ToArray();
    }

    private static string TrimNul(string? s) => s is null ? "" : s.TrimEnd('\0');

    private static ulong ElementCount(ulong[] dims)
    {
        ulong n = 1;
        foreach (ulong d in dims) n *= d;
        return n;
    }
}
