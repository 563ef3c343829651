using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>gzip (RFC 1952) compression: numcodecs id "gzip", v3 "gzip". Python's gzip module reads what it writes.</summary>
public sealed class GzipCodec : CompressionCodec
{
    private const string CodecName = "gzip";

    /// <summary>Creates the codec with a level of 0 (store) to 9 (smallest).</summary>
    public GzipCodec(int level = 1)
    {
        if (level is < 0 or > 9) throw CodecErrors.BadConfig(CodecName, $"level must be 0..9, not {level}");
        Level = level;
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <inheritdoc />
    public override string Name => CodecName;

    /// <summary>Parses numcodecs or v3 configuration {level}.</summary>
    public static GzipCodec FromV2(JsonObject? config) => new(CodecConfig.Int(config, "level", 1, CodecName));

    /// <inheritdoc />
    public override JsonObject ToV3Json() => new()
    {
        ["name"] = CodecName,
        ["configuration"] = new JsonObject { ["level"] = Level },
    };

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = CodecName, ["level"] = Level };

    /// <inheritdoc />
    public override PooledBuffer Encode(ReadOnlySpan<byte> data) => DeflateFormat.Encode(data, Level, gzip: true);

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination) => DeflateFormat.DecodeInto(data, destination, gzip: true, CodecName);

    /// <inheritdoc />
    protected override PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data) => DeflateFormat.DecodeUnknownSize(data, gzip: true, CodecName);
}
