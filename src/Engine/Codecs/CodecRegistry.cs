using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// The one registry of codecs: numcodecs ids for Zarr v2 (<c>{"id": "blosc", ...}</c>) and codec names for
/// Zarr v3 (<c>{"name": "blosc", "configuration": {...}}</c>).
/// </summary>
public static class CodecRegistry
{
    /// <summary>Builds a codec from a numcodecs configuration; <paramref name="dtype"/> is the stored type of its input.</summary>
    public delegate ICodec V2Factory(JsonObject config, DataType dtype);

    /// <summary>Builds a codec from v3 configuration; <paramref name="dtype"/> is the array's data type.</summary>
    public delegate ICodec V3Factory(JsonObject? configuration, DataType dtype);

    private static readonly Dictionary<string, V2Factory> V2 = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, V3Factory> V3 = new(StringComparer.Ordinal);

    static CodecRegistry()
    {
        V3["bytes"] = (c, t) => BytesCodec.FromV3(c, t);
        V3["transpose"] = (c, _) => TransposeCodec.FromV3(c);
        V3["sharding_indexed"] = (c, t) => Formats.Zarr.ShardingCodec.FromV3(c, t);
        BuiltInCodecs.Register(V2, V3);
    }

    /// <summary>The numcodecs ids the registry knows.</summary>
    public static IReadOnlyCollection<string> V2Ids => V2.Keys;

    /// <summary>The v3 codec names the registry knows.</summary>
    public static IReadOnlyCollection<string> V3Names => V3.Keys;

    /// <summary>Builds a codec from a numcodecs configuration object.</summary>
    public static ICodec FromV2(JsonObject config, DataType dtype)
    {
        string? id = config["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (id is null) throw CodecErrors.BadConfig("?", "a numcodecs configuration needs an \"id\"");
        if (!V2.TryGetValue(id, out var f))
            throw new ZarrPSException(ErrorKind.NotImplemented, "UnknownCodec",
                $"Unknown codec id '{id}' (known: {string.Join(", ", V2.Keys.Order())}).", id);
        return f(config, dtype);
    }

    /// <summary>Builds a codec from a v3 codec object (or a bare name string).</summary>
    public static ICodec FromV3(JsonNode? node, DataType dtype)
    {
        string? name;
        JsonObject? configuration = null;
        if (node is JsonValue v && v.TryGetValue<string>(out var bare)) name = bare;
        else if (node is JsonObject o)
        {
            name = o["name"] is JsonValue nv && nv.TryGetValue<string>(out var s) ? s : null;
            configuration = o["configuration"] as JsonObject;
            if (o["must_understand"] is JsonValue mu && mu.TryGetValue<bool>(out bool must) && !must && name is not null && !V3.ContainsKey(name))
                throw new ZarrPSException(ErrorKind.NotImplemented, "UnknownCodec", $"Optional codec '{name}' is not supported.", name);
        }
        else name = null;
        if (name is null) throw CodecErrors.BadConfig("?", "a codec needs a \"name\"");
        if (!V3.TryGetValue(name, out var f))
            throw new ZarrPSException(ErrorKind.NotImplemented, "UnknownCodec",
                $"Unknown codec '{name}' (known: {string.Join(", ", V3.Keys.Order())}).", name);
        return f(configuration, dtype);
    }
}
