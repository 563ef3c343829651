using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// A codec of a chunk's codec chain. There are three kinds (as in Zarr v3): array to array (filters,
/// transpose), array to bytes (byte order, sharding) and bytes to bytes (compressors, checksums).
/// Codecs are immutable and safe to use from many threads at once.
/// </summary>
public interface ICodec
{
    /// <summary>The Zarr v3 name, or the numcodecs id where v3 has none.</summary>
    string Name { get; }

    /// <summary>The codec as Zarr v3 metadata: <c>{"name": ..., "configuration": {...}}</c>.</summary>
    JsonObject ToV3Json();

    /// <summary>The codec as a numcodecs configuration for Zarr v2 (<c>{"id": ..., ...}</c>), or null when v2 cannot express it.</summary>
    JsonObject? ToV2Json();
}

/// <summary>A codec from array to array: delta, fixed scale/offset, quantize, bitround, astype, transpose.</summary>
public interface IArrayToArrayCodec : ICodec
{
    /// <summary>The shape and type of the encoded array for a decoded chunk of <paramref name="decoded"/>.</summary>
    ChunkSpec EncodedSpec(ChunkSpec decoded);

    /// <summary>Encodes a chunk. <paramref name="encoded"/> has <c>EncodedSpec(decodedSpec).ByteCount</c> bytes.</summary>
    void Encode(ReadOnlySpan<byte> decoded, ChunkSpec decodedSpec, Span<byte> encoded);

    /// <summary>Decodes a chunk. <paramref name="encoded"/> has <c>EncodedSpec(decodedSpec).ByteCount</c> bytes.</summary>
    void Decode(ReadOnlySpan<byte> encoded, ChunkSpec decodedSpec, Span<byte> decoded);
}

/// <summary>A codec from array to bytes: the byte order ("bytes" in v3) or sharding.</summary>
public interface IArrayToBytesCodec : ICodec
{
    /// <summary>Serialises a chunk.</summary>
    PooledBuffer Encode(ReadOnlySpan<byte> decoded, ChunkSpec spec);

    /// <summary>Deserialises a chunk into <paramref name="decoded"/> (exactly <c>spec.ByteCount</c> bytes).</summary>
    void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> decoded);
}

/// <summary>A codec from bytes to bytes: compressors and checksums.</summary>
public interface IBytesToBytesCodec : ICodec
{
    /// <summary>Encodes (compresses) <paramref name="data"/>.</summary>
    PooledBuffer Encode(ReadOnlySpan<byte> data);

    /// <summary>
    /// Decodes <paramref name="data"/>. <paramref name="decodedSizeHint"/> is the exact decoded size when the
    /// caller knows it, else -1.
    /// </summary>
    PooledBuffer Decode(ReadOnlySpan<byte> data, int decodedSizeHint);

    /// <summary>
    /// Decodes straight into <paramref name="destination"/>, whose length is the expected decoded size; returns the
    /// number of bytes written. A decoded size different from the destination's is an error (InvalidData).
    /// </summary>
    int DecodeInto(ReadOnlySpan<byte> data, Span<byte> destination);
}
