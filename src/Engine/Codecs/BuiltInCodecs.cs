using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs.Filters;

namespace ZarrPS.Engine.Codecs;

/// <summary>The table of compressors and filters: each numcodecs id and v3 name with its factory.</summary>
internal static class BuiltInCodecs
{
    public static void Register(Dictionary<string, CodecRegistry.V2Factory> v2, Dictionary<string, CodecRegistry.V3Factory> v3)
    {
        v2["blosc"] = (c, t) => BloscCodec.FromV2(c, t);
        v2["zstd"] = (c, _) => ZstdCodec.FromV2(c);
        v2["zlib"] = (c, _) => ZlibCodec.FromV2(c);
        v2["gzip"] = (c, _) => GzipCodec.FromV2(c);
        v2["lz4"] = (c, _) => Lz4Codec.FromV2(c);
        v2["bz2"] = (c, _) => Bz2Codec.FromV2(c);
        v2["delta"] = (c, _) => DeltaFilter.FromV2(c);
        v2["fixedscaleoffset"] = (c, _) => FixedScaleOffsetFilter.FromV2(c);
        v2["quantize"] = (c, _) => QuantizeFilter.FromV2(c);
        v2["bitround"] = (c, t) => BitRoundFilter.FromV2(c, t);
        v2["astype"] = (c, t) => AsTypeFilter.FromV2(c, t);

        v3["blosc"] = (c, t) => BloscCodec.FromV3(c, t);
        v3["zstd"] = (c, _) => ZstdCodec.FromV3(c);
        v3["gzip"] = (c, _) => GzipCodec.FromV2(c);
        v3["crc32c"] = (_, _) => Crc32cCodec.Instance;

        // zarr-python 3 writes numcodecs codecs in v3 arrays as "numcodecs.<id>" with the numcodecs configuration.
        foreach (var (id, factory) in v2.ToArray())
        {
            var f = factory;
            string codecId = id;
            v3["numcodecs." + id] = (c, t) =>
            {
                var config = c is null ? new JsonObject() : (JsonObject)c.DeepClone();
                config["id"] = codecId;
                return f(config, t);
            };
        }
    }
}
