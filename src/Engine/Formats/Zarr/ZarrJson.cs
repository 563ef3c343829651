using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>
/// JSON as Zarr stores meet it: Python's json module writes bare NaN, Infinity and -Infinity, which
/// System.Text.Json refuses; attribute values map to and from plain .NET values.
/// </summary>
public static class ZarrJson
{
    // Bare non-finite literals are rewritten to these marker strings before parsing.
    private const string NaNMarker = "\u0001NaN";
    private const string PosInfMarker = "\u0001Infinity";
    private const string NegInfMarker = "\u0001-Infinity";

    /// <summary>Parses a JSON document that may contain bare NaN/Infinity; throws InvalidData naming <paramref name="what"/>.</summary>
    public static JsonNode Parse(ReadOnlySpan<byte> utf8, string what)
    {
        try
        {
            var text = Encoding.UTF8.GetString(utf8);
            return JsonNode.Parse(ReplaceBareNonFinite(text)) ?? throw new JsonException("the document is empty (null)");
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException or InvalidOperationException)
        {
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidMetadata", $"{what} is not valid JSON: {e.Message}", what, e);
        }
    }

    /// <summary>Parses a JSON object; throws InvalidData naming <paramref name="what"/> when it is not one.</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8, string what) =>
        Parse(utf8, what) as JsonObject
        ?? throw new ZarrPSException(ErrorKind.InvalidData, "InvalidMetadata", $"{what} must hold a JSON object.", what);

    private static string ReplaceBareNonFinite(string s)
    {
        if (s.IndexOf("NaN", StringComparison.Ordinal) < 0 && s.IndexOf("Infinity", StringComparison.Ordinal) < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        bool inString = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < s.Length) sb.Append(s[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; sb.Append(c); continue; }
            // The marker's control character goes in escaped: JSON strings cannot hold it raw.
            if (string.CompareOrdinal(s, i, "NaN", 0, 3) == 0) { sb.Append("\"\\u0001NaN\""); i += 2; continue; }
            if (string.CompareOrdinal(s, i, "-Infinity", 0, 9) == 0) { sb.Append("\"\\u0001-Infinity\""); i += 8; continue; }
            if (string.CompareOrdinal(s, i, "Infinity", 0, 8) == 0) { sb.Append("\"\\u0001Infinity\""); i += 7; continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>True when a node is a bare non-finite literal from Python (see <see cref="Parse"/>), with its value.</summary>
    public static bool TryGetNonFinite(JsonNode? node, out double value)
    {
        value = 0;
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            switch (s)
            {
                case NaNMarker: value = double.NaN; return true;
                case PosInfMarker: value = double.PositiveInfinity; return true;
                case NegInfMarker: value = double.NegativeInfinity; return true;
            }
        }
        return false;
    }

    /// <summary>Reads a number node (also a bare or quoted NaN/Infinity) as a double.</summary>
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        if (TryGetNonFinite(node, out value)) return true;
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number)
                return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            if (v.TryGetValue<string>(out var s))
            {
                switch (s)
                {
                    case "NaN": value = double.NaN; return true;
                    case "Infinity": value = double.PositiveInfinity; return true;
                    case "-Infinity": value = double.NegativeInfinity; return true;
                }
            }
        }
        value = 0;
        return false;
    }

    /// <summary>Reads an integer number node however it was made (parsed or built from an int, long, double).</summary>
    public static bool TryGetLong(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return false;
        string text = v.ToJsonString();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    /// <summary>Converts attributes JSON to .NET values, in stored order.</summary>
    public static OrderedDictionary<string, object?> ToAttributes(JsonObject? obj)
    {
        var d = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        if (obj is null) return d;
        foreach (var (k, v) in obj) d[k] = ToValue(v);
        return d;
    }

    /// <summary>
    /// Converts a JSON value to .NET: integers to long, other numbers to double, strings, bools, null; arrays of
    /// one kind to long[], double[], string[] or bool[], mixed arrays to object?[]; objects to ordered dictionaries.
    /// </summary>
    public static object? ToValue(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                return ToAttributes(o);
            case JsonArray a:
                {
                    var items = a.Select(ToValue).ToArray();
                    if (items.Length > 0 && items.All(x => x is long)) return items.Select(x => (long)x!).ToArray();
                    if (items.Length > 0 && items.All(x => x is long or double)) return items.Select(x => Convert.ToDouble(x, CultureInfo.InvariantCulture)).ToArray();
                    if (items.Length > 0 && items.All(x => x is string)) return items.Select(x => (string)x!).ToArray();
                    if (items.Length > 0 && items.All(x => x is bool)) return items.Select(x => (bool)x!).ToArray();
                    return items;
                }
            case JsonValue v:
                if (TryGetNonFinite(v, out double nf)) return nf;
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: return v.GetValue<string>();
                    case JsonValueKind.True: return true;
                    case JsonValueKind.False: return false;
                    case JsonValueKind.Null: return null;
                    case JsonValueKind.Number:
                        {
                            string text = v.ToJsonString();
                            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return l;
                            if (ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong ul)) return ul;
                            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                        }
                }
                break;
        }
        return node.ToJsonString();
    }

    /// <summary>Converts a .NET attribute value to JSON (arrays, dictionaries, numbers, strings, bools, dates).</summary>
    public static JsonNode? FromValue(object? value)
    {
        switch (value)
        {
            case null: return null;
            case JsonNode n: return n.DeepClone();
            case string s: return JsonValue.Create(s);
            case bool b: return JsonValue.Create(b);
            case sbyte or short or int or long or byte or ushort or uint: return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong ul: return JsonValue.Create(ul);
            case float f: return NumberNode(f);
            case double d: return NumberNode(d);
            case Half h: return NumberNode((double)h);
            case decimal m: return JsonValue.Create(m);
            case DateTime dt: return JsonValue.Create(dt.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            case System.Collections.IDictionary dict:
                {
                    var o = new JsonObject();
                    foreach (System.Collections.DictionaryEntry e in dict) o[Convert.ToString(e.Key, CultureInfo.InvariantCulture)!] = FromValue(e.Value);
                    return o;
                }
            case System.Collections.IEnumerable seq:
                {
                    var a = new JsonArray();
                    foreach (var item in seq) a.Add(FromValue(item));
                    return a;
                }
            default:
                return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    // Non-finite numbers become the bare literals Python writes and reads (see WriteDocument).
    private static JsonNode NumberNode(double d) =>
        double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(double.IsNaN(d) ? NaNMarker : d > 0 ? PosInfMarker : NegInfMarker);

    /// <summary>Converts attributes to a JSON object.</summary>
    public static JsonObject FromAttributes(IEnumerable<KeyValuePair<string, object?>> attrs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in attrs) o[k] = FromValue(v);
        return o;
    }

    /// <summary>Serialises a document with two-space indentation, writing non-finite markers as bare NaN/Infinity as Python does.</summary>
    public static byte[] WriteDocument(JsonNode node)
    {
        var text = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 4, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (text.Contains('\u0001') || text.Contains("\\u0001", StringComparison.Ordinal))
        {
            text = text.Replace("\"\\u0001NaN\"", "NaN", StringComparison.Ordinal)
                       .Replace("\"\\u0001Infinity\"", "Infinity", StringComparison.Ordinal)
                       .Replace("\"\\u0001-Infinity\"", "-Infinity", StringComparison.Ordinal)
                       .Replace("\"\u0001NaN\"", "NaN", StringComparison.Ordinal)
                       .Replace("\"\u0001Infinity\"", "Infinity", StringComparison.Ordinal)
                       .Replace("\"\u0001-Infinity\"", "-Infinity", StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetBytes(text);
    }
}
