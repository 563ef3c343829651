using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs.Native;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// Zstandard through the system libzstd (numcodecs id "zstd", v3 "zstd"). Decodes frames with or without a content
/// size and several concatenated frames; each thread keeps its own native contexts.
/// </summary>
public sealed class ZstdCodec : CompressionCodec
{
    private const string CodecName = "zstd";

    [ThreadStatic] private static ContextHandle? t_compressor;
    [ThreadStatic] private static ContextHandle? t_decompressor;

    /// <summary>Creates a Zstandard codec.</summary>
    /// <param name="level">Compression level (negative for faster, up to 22; 0 means zstd's default).</param>
    /// <param name="checksum">Whether frames carry a content checksum.</param>
    public ZstdCodec(int level = 1, bool checksum = false)
    {
        if (level is < -131072 or > 22) throw CodecErrors.BadConfig(CodecName, $"level must be -131072..22, not {level}");
        Level = level;
        Checksum = checksum;
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <summary>Whether encoded frames carry a checksum.</summary>
    public bool Checksum { get; }

    /// <inheritdoc />
    public override string Name => CodecName;

    /// <summary>Parses numcodecs configuration {level, checksum}.</summary>
    public static ZstdCodec FromV2(JsonObject config) =>
        new(CodecConfig.Int(config, "level", 1, CodecName), CodecConfig.Bool(config, "checksum", false, CodecName));

    /// <summary>Parses v3 configuration {level, checksum}.</summary>
    public static ZstdCodec FromV3(JsonObject? configuration) =>
        new(CodecConfig.Int(configuration, "level", 0, CodecName), CodecConfig.Bool(configuration, "checksum", false, CodecName));

    /// <inheritdoc />
    public override JsonObject ToV3Json() => new()
    {
        ["name"] = CodecName,
        ["configuration"] = new JsonObject { ["level"] = Level, ["checksum"] = Checksum },
    };

    /// <inheritdoc />
    public override JsonObject? ToV2Json()
    {
        var o = new JsonObject { ["id"] = CodecName, ["level"] = Level };
        // numcodecs before 0.12 rejects an unknown "checksum" argument, so it is written only when set.
        if (Checksum) o["checksum"] = true;
        return o;
    }

    /// <inheritdoc />
    public override unsafe PooledBuffer Encode(ReadOnlySpan<byte> data)
    {
        NativeLibraries.ThrowIfMissing(ZstdNative.LoadError, CodecName);
        var cctx = t_compressor ??= new ContextHandle(compress: true);
        nuint bound = ZstdNative.ZSTD_compressBound((nuint)data.Length);
        if (bound > (nuint)Array.MaxLength)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "ChunkTooLarge", $"zstd: a chunk of {data.Length} bytes is too large to compress into one buffer");
        var output = PooledBuffer.Rent((int)bound);
        try
        {
            nint h = cctx.DangerousGetHandle();
            CheckEncode(ZstdNative.ZSTD_CCtx_reset(h, ZstdNative.ResetSessionAndParameters), "reset");
            CheckEncode(ZstdNative.ZSTD_CCtx_setParameter(h, ZstdNative.CompressionLevelParam, Level), "set the level");
            CheckEncode(ZstdNative.ZSTD_CCtx_setParameter(h, ZstdNative.ChecksumFlagParam, Checksum ? 1 : 0), "set the checksum flag");
            nuint n;
            fixed (byte* src = &NativeSpan.Ref(data))
            fixed (byte* dst = output.Span)
            {
                n = ZstdNative.ZSTD_compress2(h, dst, bound, src, (nuint)data.Length);
            }
            CheckEncode(n, "compress");
            output.Truncate((int)n);
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
        NativeLibraries.ThrowIfMissing(ZstdNative.LoadError, CodecName);
        if (data.IsEmpty) throw CodecErrors.Corrupt(CodecName, "the chunk is empty (no zstd frame)");
        var dctx = t_decompressor ??= new ContextHandle(compress: false);
        nuint n;
        fixed (byte* src = data)
        fixed (byte* dst = &NativeSpan.Ref(destination))
        {
            n = ZstdNative.ZSTD_decompressDCtx(dctx.DangerousGetHandle(), dst, (nuint)destination.Length, src, (nuint)data.Length);
        }
        if (ZstdNative.IsError(n))
        {
            // A destination that is too small means the data decodes to more than the chunk holds.
            ulong declared = DeclaredSize(data);
            if (declared < ZstdNative.ContentSizeError && declared != (ulong)destination.Length)
                throw CodecErrors.WrongSize(CodecName, destination.Length, (long)Math.Min(declared, long.MaxValue));
            if (ZstdNative.ZSTD_getErrorCode(n) == ZstdNative.ErrorDestinationTooSmall)
                throw new ZarrPSException(ErrorKind.InvalidData, "ChunkWrongSize", $"zstd: the data decodes to more than the expected {destination.Length} bytes");
            throw CodecErrors.Corrupt(CodecName, $"cannot decompress: {ZstdNative.ErrorName(n)}");
        }
        if ((int)n != destination.Length) throw CodecErrors.WrongSize(CodecName, destination.Length, (long)n);
        return (int)n;
    }

    /// <inheritdoc />
    protected override unsafe PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data)
    {
        NativeLibraries.ThrowIfMissing(ZstdNative.LoadError, CodecName);
        if (data.IsEmpty) throw CodecErrors.Corrupt(CodecName, "the chunk is empty (no zstd frame)");
        ulong declared = DeclaredSize(data);
        if (declared == ZstdNative.ContentSizeError) throw CodecErrors.Corrupt(CodecName, "the data is not a sequence of zstd frames");
        if (declared != ZstdNative.ContentSizeUnknown)
        {
            if (declared > (ulong)Array.MaxLength) throw CodecErrors.Corrupt(CodecName, $"the frames declare {declared} decoded bytes, more than one buffer can hold");
            return Decode(data, (int)declared);
        }
        return DecodeStreaming(data);
    }

    // Frames written without a content size (streaming writers) decode into a growing buffer.
    private static unsafe PooledBuffer DecodeStreaming(ReadOnlySpan<byte> data)
    {
        var dctx = t_decompressor ??= new ContextHandle(compress: false);
        nint h = dctx.DangerousGetHandle();
        nuint reset = ZstdNative.ZSTD_DCtx_reset(h, ZstdNative.ResetSessionOnly);
        if (ZstdNative.IsError(reset)) throw CodecErrors.Corrupt(CodecName, $"cannot reset the decoder: {ZstdNative.ErrorName(reset)}");
        var output = PooledBuffer.Rent((int)Math.Clamp(data.Length * 4L, 1 << 16, Array.MaxLength / 2));
        int written = 0;
        try
        {
            fixed (byte* src = data)
            {
                var input = new ZstdNative.InBuffer { Src = src, Size = (nuint)data.Length, Pos = 0 };
                while (true)
                {
                    nuint r;
                    fixed (byte* dst = output.Array)
                    {
                        var outBuf = new ZstdNative.OutBuffer { Dst = dst, Size = (nuint)output.Length, Pos = (nuint)written };
                        r = ZstdNative.ZSTD_decompressStream(h, &outBuf, &input);
                        written = (int)outBuf.Pos;
                    }
                    if (ZstdNative.IsError(r)) throw CodecErrors.Corrupt(CodecName, $"cannot decompress: {ZstdNative.ErrorName(r)}");
                    if (input.Pos == input.Size && r == 0) break;
                    if (written == output.Length)
                    {
                        if (output.Length >= Array.MaxLength) throw CodecErrors.Corrupt(CodecName, "the data decodes to more than one buffer can hold");
                        var bigger = PooledBuffer.Rent((int)Math.Min(output.Length * 2L, Array.MaxLength));
                        output.Span[..written].CopyTo(bigger.Span);
                        output.Dispose();
                        output = bigger;
                    }
                    else if (input.Pos == input.Size)
                    {
                        throw CodecErrors.Corrupt(CodecName, "the data ends inside a zstd frame (truncated)");
                    }
                }
            }
            output.Truncate(written);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private static unsafe ulong DeclaredSize(ReadOnlySpan<byte> data)
    {
        fixed (byte* src = data) return ZstdNative.ZSTD_findDecompressedSize(src, (nuint)data.Length);
    }

    private static void CheckEncode(nuint code, string step)
    {
        if (ZstdNative.IsError(code))
            throw new ZarrPSException(ErrorKind.WriteError, "ChunkEncodeFailed", $"zstd: cannot {step}: {ZstdNative.ErrorName(code)}");
    }

    // One native compression or decompression context; freed by the finalizer when its thread ends.
    private sealed class ContextHandle : SafeHandle
    {
        private readonly bool _compress;

        public ContextHandle(bool compress) : base(0, ownsHandle: true)
        {
            _compress = compress;
            SetHandle(compress ? ZstdNative.ZSTD_createCCtx() : ZstdNative.ZSTD_createDCtx());
            if (IsInvalid) throw new OutOfMemoryException("zstd: cannot create a context");
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            if (_compress) ZstdNative.ZSTD_freeCCtx(handle);
            else ZstdNative.ZSTD_freeDCtx(handle);
            return true;
        }
    }
}
