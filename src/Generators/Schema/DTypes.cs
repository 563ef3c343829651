using System.Globalization;

namespace ZarrPS.Generators.Schema;

/// <summary>
/// Element types as the engine names them (numpy names: float32, datetime64[ns], |S10, &lt;U5; "cftime" for dates
/// of any CF calendar) and the C# type a typed wrapper gives their values.
/// </summary>
internal static class DTypes
{
    /// <summary>
    /// The engine's name for a Zarr v2 / numpy type string ('&lt;f4', '|b1', '&gt;M8[ns]', '|S10') or numpy / Zarr v3
    /// name ('float32', 'bool', 'datetime64[ns]'); null when ZarrPS cannot read the type.
    /// </summary>
    public static string? Canonical(string text)
    {
        string s = text.Trim();
        switch (s)
        {
            case "bool": case "int8": case "int16": case "int32": case "int64":
            case "uint8": case "uint16": case "uint32": case "uint64":
            case "float16": case "float32": case "float64": case "complex64": case "complex128":
                return s;
            case "cftime":
                return s;
        }
        if (s.StartsWith("cftime[", System.StringComparison.Ordinal) && s.EndsWith("]", System.StringComparison.Ordinal)) return "cftime";
        if (s.StartsWith("datetime64[", System.StringComparison.Ordinal) && s.EndsWith("]", System.StringComparison.Ordinal))
            return IsTimeUnit(s.Substring(11, s.Length - 12)) ? s : null;
        if (s.StartsWith("timedelta64[", System.StringComparison.Ordinal) && s.EndsWith("]", System.StringComparison.Ordinal))
            return IsTimeUnit(s.Substring(12, s.Length - 13)) ? s : null;
        return FromTypeString(s);
    }

    private static string? FromTypeString(string s)
    {
        int i = 0;
        if (i < s.Length && s[i] is '<' or '>' or '|' or '=') i++;
        if (i >= s.Length) return null;
        char kind = s[i++];
        int digitsStart = i;
        while (i < s.Length && char.IsDigit(s[i])) i++;
        if (i == digitsStart || !int.TryParse(s.Substring(digitsStart, i - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out int size)) return null;
        string? unit = null;
        if (i < s.Length)
        {
            if (s[i] != '[' || !s.EndsWith("]", System.StringComparison.Ordinal)) return null;
            unit = s.Substring(i + 1, s.Length - i - 2);
            if (!IsTimeUnit(unit)) return null;
        }
        if (unit is not null && kind is not ('M' or 'm')) return null;
        switch (kind)
        {
            case 'b': return size == 1 ? "bool" : null;
            case 'i': return size is 1 or 2 or 4 or 8 ? "int" + (size * 8) : null;
            case 'u': return size is 1 or 2 or 4 or 8 ? "uint" + (size * 8) : null;
            case 'f': return size is 2 or 4 or 8 ? "float" + (size * 8) : null;
            case 'c': return size is 8 or 16 ? "complex" + (size * 8) : null;
            case 'M': return size == 8 && unit is not null ? "datetime64[" + unit + "]" : null;
            case 'm': return size == 8 && unit is not null ? "timedelta64[" + unit + "]" : null;
            case 'S': return size > 0 ? "|S" + size : null;
            case 'U': return size > 0 ? "<U" + size : null;
            default: return null;
        }
    }

    private static bool IsTimeUnit(string unit) =>
        unit is "Y" or "M" or "W" or "D" or "h" or "m" or "s" or "ms" or "us" or "ns" or "ps" or "fs" or "as";

    /// <summary>The C# type of one value as the engine hands it out (DataArray.Values).</summary>
    public static string CSharpType(string canonical)
    {
        if (canonical.StartsWith("datetime64", System.StringComparison.Ordinal)) return "global::System.DateTime";
        if (canonical.StartsWith("timedelta64", System.StringComparison.Ordinal)) return "long";
        if (canonical.StartsWith("|S", System.StringComparison.Ordinal) || canonical.StartsWith("<U", System.StringComparison.Ordinal)) return "string";
        return canonical switch
        {
            "bool" => "bool",
            "int8" => "sbyte",
            "int16" => "short",
            "int32" => "int",
            "int64" => "long",
            "uint8" => "byte",
            "uint16" => "ushort",
            "uint32" => "uint",
            "uint64" => "ulong",
            "float16" => "global::System.Half",
            "float32" => "float",
            "float64" => "double",
            "complex64" => "global::ZarrPS.Engine.ComplexFloat",
            "complex128" => "global::System.Numerics.Complex",
            _ => "global::ZarrPS.Engine.Cf.CfDate",
        };
    }

    /// <summary>True for values that are points in time (selected with TimeLabel).</summary>
    public static bool IsTime(string canonical) => canonical.StartsWith("datetime64", System.StringComparison.Ordinal) || canonical == "cftime";

    /// <summary>What the runtime check compares: strings of any length match their kind.</summary>
    public static string Expected(string canonical) =>
        canonical.StartsWith("|S", System.StringComparison.Ordinal) ? "|S" : canonical.StartsWith("<U", System.StringComparison.Ordinal) ? "<U" : canonical;

    public static bool IsInteger(string c) => c is "int8" or "int16" or "int32" or "int64" or "uint8" or "uint16" or "uint32" or "uint64";

    public static bool IsSignedInteger(string c) => c is "int8" or "int16" or "int32" or "int64";

    public static bool IsFloat(string c) => c is "float16" or "float32" or "float64";

    public static bool IsComplex(string c) => c is "complex64" or "complex128";

    /// <summary>The engine's IsNumeric: bool, integers, floats and complex numbers.</summary>
    public static bool IsNumeric(string c) => c == "bool" || IsInteger(c) || IsFloat(c) || IsComplex(c);

    public static int ItemSize(string c) => c switch
    {
        "bool" or "int8" or "uint8" => 1,
        "int16" or "uint16" or "float16" => 2,
        "int32" or "uint32" or "float32" => 4,
        _ => 8,
    };
}
