using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>The table of compressors and filters: each numcodecs id and v3 name with its factory.</summary>
internal static class BuiltInCodecs
{
    public static void Register(Dictionary<string, CodecRegistry.V2Factory> v2, Dictionary<string, CodecRegistry.V3Factory> v3)
    {
        // Filled in by the codec implementations (blosc, zstd, zlib, gzip, lz4, bz2, crc32c, delta, ...).
        _ = v2;
        _ = v3;
    }
}
