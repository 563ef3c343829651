namespace ZarrPS.Engine.Formats.NetCdf3;

/// <summary>The external types of the classic formats, by their tag in the header.</summary>
internal enum NcType
{
    Byte = 1,
    Char = 2,
    Short = 3,
    Int = 4,
    Float = 5,
    Double = 6,
    // The five below exist only in CDF-5 (64-bit data).
    UByte = 7,
    UShort = 8,
    UInt = 9,
    Int64 = 10,
    UInt64 = 11,
}

/// <summary>Sizes, names and engine types of <see cref="NcType"/>.</summary>
internal static class NcTypes
{
    /// <summary>True when <paramref name="tag"/> is a type the given format version may use.</summary>
    public static bool IsValid(int tag, int version) => tag >= 1 && tag <= (version == 5 ? 11 : 6);

    /// <summary>Bytes per value in the file.</summary>
    public static int Size(this NcType t) => t switch
    {
        NcType.Byte or NcType.Char or NcType.UByte => 1,
        NcType.Short or NcType.UShort => 2,
        NcType.Int or NcType.UInt or NcType.Float => 4,
        _ => 8,
    };

    /// <summary>The name netCDF's own tools print (NC_FLOAT ...).</summary>
    public static string Name(this NcType t) => t switch
    {
        NcType.Byte => "NC_BYTE",
        NcType.Char => "NC_CHAR",
        NcType.Short => "NC_SHORT",
        NcType.Int => "NC_INT",
        NcType.Float => "NC_FLOAT",
        NcType.Double => "NC_DOUBLE",
        NcType.UByte => "NC_UBYTE",
        NcType.UShort => "NC_USHORT",
        NcType.UInt => "NC_UINT",
        NcType.Int64 => "NC_INT64",
        NcType.UInt64 => "NC_UINT64",
        _ => $"nc_type {(int)t}",
    };

    /// <summary>The element type in memory (machine byte order); characters stay single bytes ('|S1').</summary>
    public static DataType ToDataType(this NcType t) => t switch
    {
        NcType.Byte => DataType.Int8,
        NcType.Char => DataType.FixedBytes(1),
        NcType.Short => DataType.Int16,
        NcType.Int => DataType.Int32,
        NcType.Float => DataType.Float32,
        NcType.Double => DataType.Float64,
        NcType.UByte => DataType.UInt8,
        NcType.UShort => DataType.UInt16,
        NcType.UInt => DataType.UInt32,
        NcType.Int64 => DataType.Int64,
        NcType.UInt64 => DataType.UInt64,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };
}
