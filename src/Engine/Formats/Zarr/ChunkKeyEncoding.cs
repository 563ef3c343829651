using System.Text;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>
/// How a chunk's grid index becomes a store key: v2 style ("0.1.2", or "0/1/2" with '/'), v3 default
/// ("c/0/1/2", or "c.0.1.2" with '.').
/// </summary>
public sealed record ChunkKeyEncoding(bool V3Default, char Separator)
{
    /// <summary>Zarr v2 with '.' (the default of v2).</summary>
    public static readonly ChunkKeyEncoding V2Dot = new(false, '.');

    /// <summary>Zarr v3's default encoding with '/'.</summary>
    public static readonly ChunkKeyEncoding V3Slash = new(true, '/');

    /// <summary>The key of a chunk relative to its array's folder.</summary>
    public string Key(ReadOnlySpan<long> index)
    {
        var sb = new StringBuilder(16);
        if (V3Default)
        {
            sb.Append('c');
            foreach (long i in index) sb.Append(Separator).Append(i);
            return sb.ToString();
        }
        if (index.Length == 0) return "0";
        for (int k = 0; k < index.Length; k++)
        {
            if (k > 0) sb.Append(Separator);
            sb.Append(index[k]);
        }
        return sb.ToString();
    }

    /// <summary>Parses v3 <c>chunk_key_encoding</c> metadata.</summary>
    public static ChunkKeyEncoding FromV3(JsonNode? node, string what)
    {
        if (node is null) return V3Slash;
        string? name = (node as JsonObject)?["name"]?.GetValue<string>();
        string? sep = (node as JsonObject)?["configuration"]?["separator"]?.GetValue<string>();
        bool v3 = name switch
        {
            "default" => true,
            "v2" => false,
            _ => throw new ZarrPSException(ErrorKind.NotImplemented, "InvalidMetadata", $"{what}: unknown chunk_key_encoding '{name}'.", what),
        };
        char s = sep switch
        {
            null => v3 ? '/' : '.',
            "/" => '/',
            "." => '.',
            _ => throw new ZarrPSException(ErrorKind.InvalidData, "InvalidMetadata", $"{what}: chunk_key_encoding separator must be '/' or '.', not '{sep}'.", what),
        };
        return new ChunkKeyEncoding(v3, s);
    }

    /// <summary>The v3 <c>chunk_key_encoding</c> metadata.</summary>
    public JsonObject ToV3Json() => new()
    {
        ["name"] = V3Default ? "default" : "v2",
        ["configuration"] = new JsonObject { ["separator"] = Separator.ToString() },
    };
}
