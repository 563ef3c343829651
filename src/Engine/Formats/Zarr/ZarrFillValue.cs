using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>Converts Zarr fill values between metadata JSON, one element's bytes and .NET values.</summary>
public static class ZarrFillValue
{
    /// <summary>
    /// Parses a fill value from metadata into one element's bytes in machine byte order; null for JSON null
    /// (v2: no fill value, unwritten chunks read as zeros).
    /// </summary>
    public static byte[]? Parse(JsonNode? node, DataType dtype, string what)
    {
        if (node is null) return null;
        try
        {
            var bytes = new byte[dtype.ItemSize];
            switch (dtype.Kind)
            {
                case ScalarKind.Bool:
                    bytes[0] = node.GetValue<bool>() ? (byte)1 : (byte)0;
                    break;
                case ScalarKind.Int8: bytes[0] = (byte)checked((sbyte)Integer(node)); break;
                case ScalarKind.UInt8: bytes[0] = checked((byte)Integer(node)); break;
                case ScalarKind.Int16: Write(bytes, checked((short)Integer(node))); break;
                case ScalarKind.UInt16: Write(bytes, checked((ushort)Integer(node))); break;
                case ScalarKind.Int32: Write(bytes, checked((int)Integer(node))); break;
                case ScalarKind.UInt32: Write(bytes, checked((uint)Integer(node))); break;
                case ScalarKind.Int64: Write(bytes, (long)Integer(node)); break;
                case ScalarKind.UInt64: Write(bytes, checked((ulong)Integer(node))); break;
                case ScalarKind.DateTime64:
                case ScalarKind.TimeDelta64:
                    if (node is JsonValue nat && nat.TryGetValue<string>(out var ns) && ns == "NaT") Write(bytes, long.MinValue);
                    else Write(bytes, (long)Integer(node));
                    break;
                case ScalarKind.Float16: Write(bytes, (Half)Float(node, 2)); break;
                case ScalarKind.Float32: Write(bytes, (float)Float(node, 4)); break;
                case ScalarKind.Float64: Write(bytes, Float(node, 8)); break;
                case ScalarKind.Complex64:
                    {
                        var a = (JsonArray)node;
                        Write(bytes.AsSpan(0, 4), (float)Float(a[0], 4));
                        Write(bytes.AsSpan(4, 4), (float)Float(a[1], 4));
                        break;
                    }
                case ScalarKind.Complex128:
                    {
                        var a = (JsonArray)node;
                        Write(bytes.AsSpan(0, 8), Float(a[0], 8));
                        Write(bytes.AsSpan(8, 8), Float(a[1], 8));
                        break;
                    }
                case ScalarKind.FixedBytes:
                    {
                        var s = node.GetValue<string>();
                        byte[] raw;
                        try { raw = Convert.FromBase64String(s); }
                        catch (FormatException) { raw = Encoding.ASCII.GetBytes(s); }
                        raw.AsSpan(0, Math.Min(raw.Length, bytes.Length)).CopyTo(bytes);
                        break;
                    }
                case ScalarKind.FixedUnicode:
                    {
                        var s = node.GetValue<string>();
                        var runes = s.EnumerateRunes().Take(bytes.Length / 4).ToArray();
                        for (int i = 0; i < runes.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), runes[i].Value);
                        break;
                    }
            }
            return bytes;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or InvalidCastException or NullReferenceException or ArgumentException)
        {
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidMetadata",
                $"{what}: fill_value {node.ToJsonString()} is not a valid {dtype.Name}.", what, e);
        }
    }

    private static decimal Integer(JsonNode node)
    {
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == System.Text.Json.JsonValueKind.Number &&
                decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal m) && m == decimal.Floor(m)) return m;
            if (v.TryGetValue<bool>(out bool b)) return b ? 1 : 0;
        }
        throw new FormatException("not an integer");
    }

    private static double Float(JsonNode? node, int size)
    {
        if (ZarrJson.TryGetDouble(node, out double d)) return d;
        // v3 allows the raw bit pattern as a hex string.
        if (node is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            ulong bits = ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return size switch
            {
                2 => (double)BitConverter.UInt16BitsToHalf((ushort)bits),
                4 => BitConverter.UInt32BitsToSingle((uint)bits),
                _ => BitConverter.UInt64BitsToDouble(bits),
            };
        }
        throw new FormatException("not a number");
    }

    private static void Write<T>(Span<byte> dest, T value) where T : unmanaged => MemoryMarshal.Write(dest, in value);

    /// <summary>The fill value bytes as a .NET scalar (double NaN for float NaN, long for datetimes, string for strings).</summary>
    public static object? ToObject(ReadOnlySpan<byte> bytes, DataType dtype)
    {
        if (bytes.Length == 0) return null;
        return dtype.Kind switch
        {
            ScalarKind.Bool => bytes[0] != 0,
            ScalarKind.Int8 => (sbyte)bytes[0],
            ScalarKind.UInt8 => bytes[0],
            ScalarKind.Int16 => MemoryMarshal.Read<short>(bytes),
            ScalarKind.UInt16 => MemoryMarshal.Read<ushort>(bytes),
            ScalarKind.Int32 => MemoryMarshal.Read<int>(bytes),
            ScalarKind.UInt32 => MemoryMarshal.Read<uint>(bytes),
            ScalarKind.Int64 or ScalarKind.DateTime64 or ScalarKind.TimeDelta64 => MemoryMarshal.Read<long>(bytes),
            ScalarKind.UInt64 => MemoryMarshal.Read<ulong>(bytes),
            ScalarKind.Float16 => MemoryMarshal.Read<Half>(bytes),
            ScalarKind.Float32 => MemoryMarshal.Read<float>(bytes),
            ScalarKind.Float64 => MemoryMarshal.Read<double>(bytes),
            ScalarKind.Complex64 => new ComplexFloat(MemoryMarshal.Read<float>(bytes), MemoryMarshal.Read<float>(bytes[4..])),
            ScalarKind.Complex128 => new System.Numerics.Complex(MemoryMarshal.Read<double>(bytes), MemoryMarshal.Read<double>(bytes[8..])),
            ScalarKind.FixedBytes => bytes.ToArray(),
            ScalarKind.FixedUnicode => DecodeUtf32(bytes),
            _ => null,
        };
    }

    private static string DecodeUtf32(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        for (int i = 0; i + 4 <= bytes.Length; i += 4)
        {
            int cp = BinaryPrimitives.ReadInt32LittleEndian(bytes[i..]);
            if (cp == 0) break;
            sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    /// <summary>Converts a .NET value (number, bool, string; null) to one element's bytes of <paramref name="dtype"/>.</summary>
    public static byte[]? FromObject(object? value, DataType dtype)
    {
        if (value is null) return null;
        JsonNode? node = value switch
        {
            double d when !double.IsFinite(d) => JsonValue.Create(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"),
            float f when !float.IsFinite(f) => JsonValue.Create(float.IsNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity"),
            _ => ZarrJson.FromValue(value),
        };
        if (dtype.Kind == ScalarKind.FixedBytes && value is string s) node = Convert.ToBase64String(Encoding.ASCII.GetBytes(s));
        if (dtype.IsInteger && value is double dd && dd == Math.Floor(dd)) node = JsonValue.Create((long)dd);
        return Parse(node, dtype, "fill value");
    }

    /// <summary>The fill value as metadata JSON (v2 or v3 rules); null bytes give JSON null.</summary>
    public static JsonNode? ToJson(byte[]? bytes, DataType dtype, int zarrFormat)
    {
        if (bytes is null) return null;
        object? o = ToObject(bytes, dtype);
        switch (o)
        {
            case bool b: return JsonValue.Create(b);
            case float f: return FloatNode(f);
            case double d: return FloatNode(d);
            case Half h: return FloatNode((double)h);
            case ComplexFloat c: return new JsonArray(FloatNode(c.Real), FloatNode(c.Imaginary));
            case System.Numerics.Complex c: return new JsonArray(FloatNode(c.Real), FloatNode(c.Imaginary));
            case byte[] raw: return JsonValue.Create(Convert.ToBase64String(raw));
            case string s: return JsonValue.Create(s);
            case ulong ul: return JsonValue.Create(ul);
            case null: return null;
            default: return JsonValue.Create(Convert.ToInt64(o, CultureInfo.InvariantCulture));
        }

        static JsonNode FloatNode(double d) => double.IsNaN(d) ? JsonValue.Create("NaN")
            : double.IsPositiveInfinity(d) ? JsonValue.Create("Infinity")
            : double.IsNegativeInfinity(d) ? JsonValue.Create("-Infinity")
            : JsonValue.Create(d);
    }
}
