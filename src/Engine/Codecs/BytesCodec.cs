using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// The v3 "bytes" codec: a chunk's elements in C order with a fixed byte order. Zarr v2 expresses the same
/// thing through the byte order of its dtype ('&lt;f4', '&gt;i2').
/// </summary>
public sealed class BytesCodec : IArrayToBytesCodec
{
    /// <summary>Creates the codec; <paramref name="bigEndian"/> is null for one-byte types, where order does not apply.</summary>
    public BytesCodec(bool? bigEndian) => BigEndian = bigEndian;

    /// <summary>True for big-endian, false for little, null when unspecified (one-byte types).</summary>
    public bool? BigEndian { get; }

    /// <inheritdoc />
    public string Name => "bytes";

    /// <summary>Parses v3 configuration <c>{"endian": "little"|"big"}</c>.</summary>
    public static BytesCodec FromV3(JsonObject? configuration, DataType dtype)
    {
        string? endian = configuration?["endian"]?.GetValue<string>();
        bool? big = endian switch
        {
            null => null,
            "little" => false,
            "big" => true,
            _ => throw CodecErrors.BadConfig("bytes", $"endian must be \"little\" or \"big\", not \"{endian}\""),
        };
        if (big is null && dtype.ByteSwapUnit > 1)
            throw CodecErrors.BadConfig("bytes", $"endian is required for {dtype.Name}");
        return new BytesCodec(big);
    }

    /// <inheritdoc />
    public JsonObject ToV3Json()
    {
        var o = new JsonObject { ["name"] = "bytes" };
        if (BigEndian is bool b) o["configuration"] = new JsonObject { ["endian"] = b ? "big" : "little" };
        return o;
    }

    /// <inheritdoc />
    public JsonObject? ToV2Json() => null;

    private bool Swaps(ChunkSpec spec) => BigEndian is bool b && spec.DType.ByteSwapUnit > 1 && b == BitConverter.IsLittleEndian;

    /// <inheritdoc />
    public PooledBuffer Encode(ReadOnlySpan<byte> decoded, ChunkSpec spec)
    {
        var buf = PooledBuffer.CopyOf(decoded);
        if (Swaps(spec)) spec.DType.SwapBytes(buf.Span);
        return buf;
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> decoded)
    {
        if (encoded.Length != decoded.Length) throw CodecErrors.WrongSize("bytes", decoded.Length, encoded.Length);
        encoded.CopyTo(decoded);
        FixByteOrderInPlace(decoded, spec);
    }

    /// <summary>Converts stored bytes already in place to the machine's byte order.</summary>
    public void FixByteOrderInPlace(Span<byte> data, ChunkSpec spec)
    {
        if (Swaps(spec)) spec.DType.SwapBytes(data);
    }
}
