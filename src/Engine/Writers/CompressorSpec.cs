using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Writers;

/// <summary>Compressor names users type (blosc-zstd, zstd, none …) as numcodecs configurations and v3 codecs.</summary>
public static class CompressorSpec
{
    /// <summary>The names understood.</summary>
    public static readonly string[] Names = ["blosc-lz4", "blosc-zstd", "blosc-zlib", "blosc-lz4hc", "blosc-blosclz", "blosc-snappy", "zstd", "zlib", "gzip", "lz4", "bz2", "none"];

    /// <summary>
    /// The numcodecs configuration for a name (or a JSON object given as text); null for none. <paramref name="level"/>
    /// and <paramref name="shuffle"/> (byte, bit, none) override the defaults (level 5, byte shuffle for blosc).
    /// </summary>
    public static JsonObject? ToV2(string name, int? level = null, string? shuffle = null, int? typeSize = null)
    {
        string n = name.Trim();
        if (n.StartsWith('{'))
            return JsonNode.Parse(n) as JsonObject ?? throw Bad(name);
        n = n.ToLowerInvariant();
        if (n.StartsWith("blosc-", StringComparison.Ordinal) || n == "blosc")
        {
            string cname = n == "blosc" ? "lz4" : n[6..];
            if (cname is not ("lz4" or "zstd" or "zlib" or "lz4hc" or "blosclz" or "snappy")) throw Bad(name);
            int sh = (shuffle?.ToLowerInvariant()) switch
            {
                null or "byte" or "shuffle" => 1,
                "bit" or "bitshuffle" => 2,
                "none" or "noshuffle" => 0,
                _ => throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidShuffle", $"Unknown shuffle '{shuffle}' (expected byte, bit or none).", shuffle),
            };
            return new JsonObject { ["id"] = "blosc", ["cname"] = cname, ["clevel"] = level ?? 5, ["shuffle"] = sh, ["blocksize"] = 0 };
        }
        return n switch
        {
            "none" or "" => null,
            "zstd" => new JsonObject { ["id"] = "zstd", ["level"] = level ?? 3 },
            "zlib" => new JsonObject { ["id"] = "zlib", ["level"] = level ?? 1 },
            "gzip" => new JsonObject { ["id"] = "gzip", ["level"] = level ?? 1 },
            "lz4" => new JsonObject { ["id"] = "lz4", ["acceleration"] = 1 },
            "bz2" => new JsonObject { ["id"] = "bz2", ["level"] = level ?? 1 },
            _ => throw Bad(name),
        };
    }

    /// <summary>The v3 bytes-to-bytes codecs for a name.</summary>
    public static JsonArray ToV3(string name, int itemSize, int? level = null, string? shuffle = null)
    {
        var v2 = ToV2(name, level, shuffle);
        var codecs = new JsonArray();
        if (v2 is null) return codecs;
        string id = v2["id"]!.GetValue<string>();
        switch (id)
        {
            case "blosc":
                codecs.Add(new JsonObject
                {
                    ["name"] = "blosc",
                    ["configuration"] = new JsonObject
                    {
                        ["cname"] = v2["cname"]!.GetValue<string>(),
                        ["clevel"] = v2["clevel"]!.GetValue<int>(),
                        ["shuffle"] = v2["shuffle"]!.GetValue<int>() switch { 0 => "noshuffle", 2 => "bitshuffle", _ => "shuffle" },
                        ["typesize"] = itemSize,
                        ["blocksize"] = 0,
                    },
                });
                break;
            case "zstd":
                codecs.Add(new JsonObject { ["name"] = "zstd", ["configuration"] = new JsonObject { ["level"] = v2["level"]!.GetValue<int>(), ["checksum"] = false } });
                break;
            case "gzip":
            case "zlib":
                codecs.Add(new JsonObject { ["name"] = "gzip", ["configuration"] = new JsonObject { ["level"] = v2["level"]!.GetValue<int>() } });
                break;
            default:
                codecs.Add(new JsonObject { ["name"] = "numcodecs." + id, ["configuration"] = (JsonObject)v2.DeepClone() });
                break;
        }
        return codecs;
    }

    private static ZarrPSException Bad(string name) =>
        new(ErrorKind.InvalidArgument, "UnknownCompressor", $"Unknown compressor '{name}' (expected one of {string.Join(", ", Names)}, or a numcodecs JSON object).", name);
}
