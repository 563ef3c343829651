using System.IO.Compression;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// zlib (RFC 1950) and gzip (RFC 1952) through System.IO.Compression, whose bundled zlib-ng decodes about a quarter
/// faster than the system libz and compresses faster too (measured on 4 MiB float32 chunks).
/// </summary>
internal static class DeflateFormat
{
    public static PooledBuffer Encode(ReadOnlySpan<byte> data, int level, bool gzip)
    {
        var output = new PooledBufferStream(data.Length / 2 + 64);
        try
        {
            var options = new ZLibCompressionOptions { CompressionLevel = level };
            using (Stream z = gzip ? new GZipStream(output, options, leaveOpen: true) : new ZLibStream(output, options, leaveOpen: true))
                z.Write(data);
            return output.Detach();
        }
        finally
        {
            output.Dispose();
        }
    }

    public static unsafe int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination, bool gzip, string codec)
    {
        fixed (byte* src = &NativeSpan.Ref(data))
        {
            using var input = new UnmanagedMemoryStream(src, data.Length);
            using Stream z = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
            try
            {
                int n = z.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
                if (n < destination.Length) throw CodecErrors.WrongSize(codec, destination.Length, n);
                Span<byte> one = stackalloc byte[1];
                if (z.Read(one) != 0)
                    throw new ZarrPSException(ErrorKind.InvalidData, "ChunkWrongSize", $"{codec}: the data decodes to more than the expected {destination.Length} bytes");
                return n;
            }
            catch (InvalidDataException e)
            {
                throw CodecErrors.Corrupt(codec, $"cannot decompress: {e.Message}");
            }
        }
    }

    public static unsafe PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data, bool gzip, string codec)
    {
        var output = PooledBuffer.Rent((int)Math.Clamp(data.Length * 4L, 4096, Array.MaxLength / 2));
        int written = 0;
        try
        {
            fixed (byte* src = &NativeSpan.Ref(data))
            {
                using var input = new UnmanagedMemoryStream(src, data.Length);
                using Stream z = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
                while (true)
                {
                    if (written == output.Length)
                    {
                        if (output.Length >= Array.MaxLength) throw CodecErrors.Corrupt(codec, "the data decodes to more than one buffer can hold");
                        var bigger = PooledBuffer.Rent((int)Math.Min(output.Length * 2L, Array.MaxLength));
                        output.Span[..written].CopyTo(bigger.Span);
                        output.Dispose();
                        output = bigger;
                    }
                    int n = z.Read(output.Span[written..]);
                    if (n == 0) break;
                    written += n;
                }
            }
            output.Truncate(written);
            return output;
        }
        catch (InvalidDataException e)
        {
            output.Dispose();
            throw CodecErrors.Corrupt(codec, $"cannot decompress: {e.Message}");
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
