using System.Buffers.Binary;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs.Native;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// LZ4 as numcodecs frames it (id "lz4"): the decoded size as a 4-byte little-endian integer, then one LZ4 block.
/// </summary>
public sealed class Lz4Codec : CompressionCodec
{
    private const string CodecName = "lz4";
    private const int HeaderSize = 4;

    /// <summary>Creates the codec; a higher <paramref name="acceleration"/> is faster and compresses less (values below 1 mean 1).</summary>
    public Lz4Codec(int acceleration = 1) => Acceleration = acceleration;

    /// <summary>LZ4's acceleration factor.</summary>
    public int Acceleration { get; }

    /// <inheritdoc />
    public override string Name => CodecName;

    /// <summary>Parses numcodecs configuration {acceleration}.</summary>
    public static Lz4Codec FromV2(JsonObject? config) => new(CodecConfig.Int(config, "acceleration", 1, CodecName));

    /// <inheritdoc />
    public override JsonObject ToV3Json() => new()
    {
        ["name"] = "numcodecs.lz4",
        ["configuration"] = new JsonObject { ["acceleration"] = Acceleration },
    };

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = CodecName, ["acceleration"] = Acceleration };

    /// <inheritdoc />
    public override unsafe PooledBuffer Encode(ReadOnlySpan<byte> data)
    {
        NativeLibraries.ThrowIfMissing(Lz4Native.LoadError, CodecName);
        if (data.Length > Lz4Native.MaxInputSize)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "ChunkTooLarge", $"lz4: a chunk of {data.Length} bytes exceeds LZ4's limit of {Lz4Native.MaxInputSize} bytes");
        int bound = Lz4Native.LZ4_compressBound(data.Length);
        var output = PooledBuffer.Rent(HeaderSize + bound);
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(output.Span, data.Length);
            int n;
            fixed (byte* src = &NativeSpan.Ref(data))
            fixed (byte* dst = output.Span)
            {
                n = Lz4Native.LZ4_compress_fast(src, dst + HeaderSize, data.Length, bound, Acceleration);
            }
            if (n <= 0) throw new ZarrPSException(ErrorKind.WriteError, "ChunkEncodeFailed", $"lz4: compression failed (LZ4_compress_fast returned {n})");
            output.Truncate(HeaderSize + n);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override unsafe int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int size = DeclaredSize(data);
        if (size != destination.Length) throw CodecErrors.WrongSize(CodecName, destination.Length, size);
        var block = data[HeaderSize..];
        if (block.IsEmpty) throw CodecErrors.Corrupt(CodecName, "the chunk has a size header but no LZ4 block");
        int n;
        fixed (byte* src = block)
        fixed (byte* dst = &NativeSpan.Ref(destination))
        {
            n = Lz4Native.LZ4_decompress_safe(src, dst, block.Length, destination.Length);
        }
        if (n < 0) throw CodecErrors.Corrupt(CodecName, $"the LZ4 block is malformed or truncated (LZ4_decompress_safe returned {n})");
        if (n != size) throw CodecErrors.WrongSize(CodecName, size, n);
        return n;
    }

    /// <inheritdoc />
    protected override PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data) => Decode(data, DeclaredSize(data));

    private static int DeclaredSize(ReadOnlySpan<byte> data)
    {
        NativeLibraries.ThrowIfMissing(Lz4Native.LoadError, CodecName);
        if (data.Length < HeaderSize) throw CodecErrors.Corrupt(CodecName, $"the chunk has {data.Length} bytes, fewer than the 4-byte size header");
        int size = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (size < 0) throw CodecErrors.Corrupt(CodecName, $"the size header holds a negative size ({size})");
        // An LZ4 sequence expands to at most about 255 bytes per input byte; a larger claim is a corrupt header.
        if (size > 256L * (data.Length - HeaderSize) + 64)
            throw CodecErrors.Corrupt(CodecName, $"the size header claims {size} bytes, more than an LZ4 block of {data.Length - HeaderSize} bytes can hold");
        return size;
    }
}
