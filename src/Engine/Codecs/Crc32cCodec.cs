using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>The v3 "crc32c" codec: appends the CRC-32C (Castagnoli) of the data as 4 little-endian bytes; decoding checks and strips it.</summary>
public sealed class Crc32cCodec : CompressionCodec
{
    private const string CodecName = "crc32c";
    private const int ChecksumSize = 4;

    /// <summary>The one instance (the codec has no configuration).</summary>
    public static Crc32cCodec Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => CodecName;

    /// <inheritdoc />
    public override JsonObject ToV3Json() => new() { ["name"] = CodecName };

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => null;

    /// <summary>The CRC-32C of <paramref name="data"/> (hardware CRC32 instructions where the CPU has them).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (ulong w in words) crc = BitOperations.Crc32C(crc, BitConverter.IsLittleEndian ? w : BinaryPrimitives.ReverseEndianness(w));
        foreach (byte b in data[(words.Length * sizeof(ulong))..]) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    /// <inheritdoc />
    public override PooledBuffer Encode(ReadOnlySpan<byte> data)
    {
        var output = PooledBuffer.Rent(checked(data.Length + ChecksumSize));
        data.CopyTo(output.Span);
        BinaryPrimitives.WriteUInt32LittleEndian(output.Span[data.Length..], Compute(data));
        return output;
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var payload = Verify(data);
        if (payload.Length != destination.Length) throw CodecErrors.WrongSize(CodecName, destination.Length, payload.Length);
        payload.CopyTo(destination);
        return payload.Length;
    }

    /// <inheritdoc />
    protected override PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data) => PooledBuffer.CopyOf(Verify(data));

    private static ReadOnlySpan<byte> Verify(ReadOnlySpan<byte> data)
    {
        if (data.Length < ChecksumSize) throw CodecErrors.Corrupt(CodecName, $"the chunk has {data.Length} bytes, fewer than its 4-byte checksum");
        var payload = data[..^ChecksumSize];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^ChecksumSize..]);
        uint actual = Compute(payload);
        if (stored != actual) throw CodecErrors.Corrupt(CodecName, $"checksum mismatch: stored 0x{stored:x8}, computed 0x{actual:x8} over {payload.Length} bytes");
        return payload;
    }
}
