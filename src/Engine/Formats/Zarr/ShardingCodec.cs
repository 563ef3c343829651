using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>The v3 sharding_indexed codec (work in progress).</summary>
public sealed class ShardingCodec
{
    /// <summary>Parses v3 configuration.</summary>
    public static ICodec FromV3(JsonObject? configuration, DataType dtype) =>
        throw new ZarrPSException(ErrorKind.NotImplemented, "UnknownCodec", "sharding_indexed is not implemented yet.");
}
