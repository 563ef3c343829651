using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>zlib (RFC 1950) compression: numcodecs id "zlib" (zarr-python 3 calls it "numcodecs.zlib").</summary>
public sealed class ZlibCodec : CompressionCodec
{
    private const string CodecName = "zlib";

    /// <summary>Creates the codec with a level of 0 (store) to 9 (smallest).</summary>
    public ZlibCodec(int level = 1)
    {
        if (level is < 0 or > 9) throw CodecErrors.BadConfig(CodecName, $"level must be 0..9, not {level}");
        Level = level;
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <inheritdoc />
    public override string Name => CodecName;

    /// <summary>Parses numcodecs configuration {level}.</summary>
    public static ZlibCodec FromV2(JsonObject? config) => new(CodecConfig.Int(config, "level", 1, CodecName));

    /// <inheritdoc />
    public override JsonObject ToV3Json() => new()
    {
        ["name"] = "numcodecs.zlib",
        ["configuration"] = new JsonObject { ["level"] = Level },
    };

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = CodecName, ["level"] = Level };

    /// <inheritdoc />
    public override PooledBuffer Encode(ReadOnlySpan<byte> data) => DeflateFormat.Encode(data, Level, gzip: false);

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination) => DeflateFormat.DecodeInto(data, destination, gzip: false, CodecName);

    /// <inheritdoc />
    protected override PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data) => DeflateFormat.DecodeUnknownSize(data, gzip: false, CodecName);
}
