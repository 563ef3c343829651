using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// Shared shape of the compressors: decoding with a known size goes through <see cref="DecodeInto"/>; codecs whose
/// format records the decoded size, or that can stream, implement <see cref="DecodeUnknownSize"/>.
/// </summary>
public abstract class CompressionCodec : IBytesToBytesCodec
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract JsonObject ToV3Json();

    /// <inheritdoc />
    public abstract JsonObject? ToV2Json();

    /// <inheritdoc />
    public abstract PooledBuffer Encode(ReadOnlySpan<byte> data);

    /// <inheritdoc />
    public abstract int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination);

    /// <inheritdoc />
    public PooledBuffer Decode(ReadOnlySpan<byte> data, int decodedSizeHint)
    {
        if (decodedSizeHint < 0) return DecodeUnknownSize(data);
        var buffer = PooledBuffer.Rent(decodedSizeHint);
        try
        {
            int n = DecodeInto(data, buffer.Span);
            if (n != decodedSizeHint) throw CodecErrors.WrongSize(Name, decodedSizeHint, n);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Decodes when the caller does not know the decoded size.</summary>
    protected abstract PooledBuffer DecodeUnknownSize(ReadOnlySpan<byte> data);

    /// <inheritdoc />
    public override string ToString() => ToV2Json()?.ToJsonString() ?? ToV3Json().ToJsonString();
}
