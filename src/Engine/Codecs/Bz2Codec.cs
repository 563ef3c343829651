using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs.Native;

namespace ZarrPS.Engine.Codecs;

/// <summary>bzip2 compression through the system libbz2 (numcodecs id "bz2"). Decodes concatenated streams.</summary>
public sealed class Bz2Codec : CompressionCodec
{
    private const string CodecName = "bz2";

    /// <summary>Creates the codec with a level (block size in 100 kB) of 1..9.</summary>
    public Bz2Codec(int level = 1)
    {
        if (level is < 1 or > 9) throw CodecErrors.BadConfig(CodecName, $"level must be 1..9, not {level}");
        Level = level;
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <inheritdoc />
    public override string Name => CodecName;

    /// <summary>Parses numcodecs configuration {level}.</summary>
    public static Bz2Codec FromV2(JsonObject? config) => new(CodecConfig.Int(config, "level", 1, CodecName));

    /// <inheritdoc />
    public override JsonObject ToV3Json() => new()
    {
        ["name"] = "numcodecs.bz2",
        ["configuration"] = new JsonObject { ["level"] = Level },
    };

    /// <inheritdoc />
    public override JsonObject? ToV2Json() => new() { ["id"] = CodecName, ["level"] = Level };

    /// <inheritdoc />
    public override unsafe PooledBuffer Encode(ReadOnlySpan<byte> data)
    {
        NativeLibraries.ThrowIfMissing(Bz2Native.LoadError, CodecName);
        // bzip2's documented worst case: 1% larger plus 600 bytes.
        long bound = data.Length + data.Length / 100L + 601;
        if (bound > Array.MaxLength) throw new ZarrPSException(ErrorKind.InvalidArgument, "ChunkTooLarge", $"bz2: a chunk of {data.Length} bytes is too large to compress into one buffer");
        var output = PooledBuffer.Rent((int)bound);
        try
        {
            uint destLen = (uint)bound;
            int rc;
            fixed (byte* src = &NativeSpan.Ref(data))
            fixed (byte* dst = output.Span)
            {
                rc = Bz2Native.BZ2_bzBuffToBuffCompress(dst, &destLen, src, (uint)data.Length, Level, 0, 0);
            }
            if (rc != Bz2Native.BZ_OK) throw new ZarrPSException(ErrorKind.WriteError, "ChunkEncodeFailed", $"bz2: compression failed (libbz2 error {rc})");
            output.Truncate((int)destLen);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var d = new Decoder(data);
        try
        {
            int n = d.Run(destination, out bool finished);
            if (!finished)
            {
                if (n == destination.Length)
                    throw new ZarrPSException(ErrorKind.InvalidData, "ChunkWrongSize", $"bz2: the data decodes to more than the expected {destination.Length} bytes");
                throw CodecErrors.Corrupt(CodecName, "the data ends inside a bzip2 stream (truncated)");
            }
            if (n != destination.Length) throw CodecErrors.WrongSize(CodecName, destination.Length, n);
            return n;
        }
        finally
        {
            d.Dispose();
        }
    }

    /// <inheritdoc />
    protected override PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data)
    {
        var output = PooledBuffer.Rent((int)Math.Clamp(data.Length * 5L, 4096, Array.MaxLength / 2));
        int written = 0;
        var d = new Decoder(data);
        try
        {
            while (true)
            {
                written += d.Run(output.Span[written..], out bool finished);
                if (finished) break;
                if (written < output.Length) throw CodecErrors.Corrupt(CodecName, "the data ends inside a bzip2 stream (truncated)");
                if (output.Length >= Array.MaxLength) throw CodecErrors.Corrupt(CodecName, "the data decodes to more than one buffer can hold");
                var bigger = PooledBuffer.Rent((int)Math.Min(output.Length * 2L, Array.MaxLength));
                output.Span[..written].CopyTo(bigger.Span);
                output.Dispose();
                output = bigger;
            }
            output.Truncate(written);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
        finally
        {
            d.Dispose();
        }
    }

    // The streaming decompressor over one chunk: several concatenated streams, output in as many pieces as the caller wants.
    private unsafe ref struct Decoder
    {
        private readonly ReadOnlySpan<byte> _data;
        private Bz2Native.Stream* _stream;
        private int _consumed;
        private bool _active;

        public Decoder(ReadOnlySpan<byte> data)
        {
            NativeLibraries.ThrowIfMissing(Bz2Native.LoadError, CodecName);
            if (data.IsEmpty) throw CodecErrors.Corrupt(CodecName, "the chunk is empty (no bzip2 stream)");
            _data = data;
            _stream = (Bz2Native.Stream*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)sizeof(Bz2Native.Stream));
        }

        // Decodes into output until it is full or the input ends; finished is true when every stream ended cleanly at the end of the input.
        public int Run(Span<byte> output, out bool finished)
        {
            finished = false;
            int produced = 0;
            fixed (byte* src = _data)
            fixed (byte* dst = &NativeSpan.Ref(output))
            {
                while (true)
                {
                    if (!_active)
                    {
                        if (_consumed == _data.Length) { finished = true; return produced; }
                        *_stream = default;
                        int init = Bz2Native.BZ2_bzDecompressInit(_stream, 0, 0);
                        if (init != Bz2Native.BZ_OK) throw CodecErrors.Corrupt(CodecName, $"cannot start a bzip2 stream (libbz2 error {init})");
                        _active = true;
                    }
                    _stream->NextIn = src + _consumed;
                    _stream->AvailIn = (uint)(_data.Length - _consumed);
                    _stream->NextOut = dst + produced;
                    _stream->AvailOut = (uint)(output.Length - produced);
                    int rc = Bz2Native.BZ2_bzDecompress(_stream);
                    _consumed = (int)(_stream->NextIn - src);
                    produced = (int)(_stream->NextOut - dst);
                    if (rc == Bz2Native.BZ_STREAM_END)
                    {
                        Bz2Native.BZ2_bzDecompressEnd(_stream);
                        _active = false;
                        continue;
                    }
                    if (rc != Bz2Native.BZ_OK) throw CodecErrors.Corrupt(CodecName, $"the bzip2 data is corrupt (libbz2 error {rc})");
                    // BZ_OK with room left and no input left: the stream is cut short.
                    if (produced == output.Length || _consumed == _data.Length) return produced;
                }
            }
        }

        public void Dispose()
        {
            if (_stream is null) return;
            if (_active) Bz2Native.BZ2_bzDecompressEnd(_stream);
            System.Runtime.InteropServices.NativeMemory.Free(_stream);
            _stream = null;
        }
    }
}
