using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>Reads typed values out of numcodecs and v3 codec configurations, naming the codec and key on error.</summary>
internal static class CodecConfig
{
    /// <summary>An integer value, or <paramref name="fallback"/> when the key is absent or null.</summary>
    public static int Int(JsonObject? config, string key, int fallback, string codec)
    {
        var node = config?[key];
        if (node is null) return fallback;
        if (node is JsonValue v)
        {
            if (v.TryGetValue<int>(out int i)) return i;
            if (v.TryGetValue<double>(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue) return (int)d;
        }
        throw CodecErrors.BadConfig(codec, $"{key} must be an integer, not {node.ToJsonString()}");
    }

    /// <summary>A required integer value.</summary>
    public static int RequiredInt(JsonObject? config, string key, string codec)
    {
        if (config?[key] is null) throw CodecErrors.BadConfig(codec, $"{key} is required");
        return Int(config, key, 0, codec);
    }

    /// <summary>A string value, or <paramref name="fallback"/> when absent.</summary>
    public static string? String(JsonObject? config, string key, string? fallback, string codec)
    {
        var node = config?[key];
        if (node is null) return fallback;
        if (node is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        throw CodecErrors.BadConfig(codec, $"{key} must be a string, not {node.ToJsonString()}");
    }

    /// <summary>A boolean value, or <paramref name="fallback"/> when absent.</summary>
    public static bool Bool(JsonObject? config, string key, bool fallback, string codec)
    {
        var node = config?[key];
        if (node is null) return fallback;
        if (node is JsonValue v)
        {
            if (v.TryGetValue<bool>(out bool b)) return b;
            if (v.TryGetValue<int>(out int i) && i is 0 or 1) return i == 1;
        }
        throw CodecErrors.BadConfig(codec, $"{key} must be true or false, not {node.ToJsonString()}");
    }

    /// <summary>A number, remembering whether it was written as an integer (numpy's casting depends on it).</summary>
    public static (double Value, bool Integral) Number(JsonObject? config, string key, string codec)
    {
        var node = config?[key] ?? throw CodecErrors.BadConfig(codec, $"{key} is required");
        if (node is JsonValue v)
        {
            if (v.TryGetValue<long>(out long l)) return (l, true);
            if (v.TryGetValue<double>(out double d)) return (d, false);
            if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number)
            {
                if (e.TryGetInt64(out long el)) return (el, true);
                return (e.GetDouble(), false);
            }
        }
        throw CodecErrors.BadConfig(codec, $"{key} must be a number, not {node.ToJsonString()}");
    }

    /// <summary>A required numpy dtype string such as '&lt;i4'.</summary>
    public static DataType DType(JsonObject? config, string key, string codec) =>
        OptionalDType(config, key, codec) ?? throw CodecErrors.BadConfig(codec, $"{key} is required");

    /// <summary>A numpy dtype string, or null when absent.</summary>
    public static DataType? OptionalDType(JsonObject? config, string key, string codec)
    {
        string? s = String(config, key, null, codec);
        if (s is null) return null;
        if (DataType.TryParseTypeString(s, out var t, out string? why)) return t!;
        try
        {
            return DataType.ParseName(s);
        }
        catch (ZarrPSException)
        {
            throw CodecErrors.BadConfig(codec, $"{key} '{s}' is not a numpy dtype: {why}");
        }
    }
}
