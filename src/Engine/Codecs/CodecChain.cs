using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Codecs;

/// <summary>
/// A chunk's whole pipeline: array-to-array codecs, one array-to-bytes codec, bytes-to-bytes codecs.
/// Encoding runs them in that order; decoding in reverse. The chain is itself a codec of arrays to bytes.
/// </summary>
public sealed class CodecChain : IArrayToBytesCodec
{
    /// <summary>Builds a chain.</summary>
    public CodecChain(IReadOnlyList<IArrayToArrayCodec> arrayToArray, IArrayToBytesCodec arrayToBytes, IReadOnlyList<IBytesToBytesCodec> bytesToBytes)
    {
        ArrayToArray = arrayToArray;
        ArrayToBytes = arrayToBytes;
        BytesToBytes = bytesToBytes;
    }

    /// <summary>The array-to-array codecs, in encoding order.</summary>
    public IReadOnlyList<IArrayToArrayCodec> ArrayToArray { get; }

    /// <summary>The array-to-bytes codec.</summary>
    public IArrayToBytesCodec ArrayToBytes { get; }

    /// <summary>The bytes-to-bytes codecs, in encoding order.</summary>
    public IReadOnlyList<IBytesToBytesCodec> BytesToBytes { get; }

    /// <inheritdoc />
    public string Name => "chain";

    /// <summary>Every codec in encoding order.</summary>
    public IEnumerable<ICodec> All => ArrayToArray.Cast<ICodec>().Append(ArrayToBytes).Concat(BytesToBytes);

    /// <inheritdoc />
    public JsonObject ToV3Json() => throw new NotSupportedException("A codec chain is written as a list; use ToV3JsonArray.");

    /// <inheritdoc />
    public JsonObject? ToV2Json() => null;

    /// <summary>The chain as the v3 <c>codecs</c> list.</summary>
    public JsonArray ToV3JsonArray() => new(All.Select(c => (JsonNode)c.ToV3Json()).ToArray());

    /// <summary>Encodes a chunk (C-order, machine byte order) to its stored bytes.</summary>
    public PooledBuffer Encode(ReadOnlySpan<byte> decoded, ChunkSpec spec)
    {
        PooledBuffer? owned = null;
        try
        {
            ReadOnlySpan<byte> current = decoded;
            var curSpec = spec;
            foreach (var c in ArrayToArray)
            {
                var encSpec = c.EncodedSpec(curSpec);
                var next = PooledBuffer.Rent(encSpec.ByteCount);
                c.Encode(current, curSpec, next.Span);
                owned?.Dispose();
                owned = next;
                current = next.Span;
                curSpec = encSpec;
            }
            var bytes = ArrayToBytes.Encode(current, curSpec);
            owned?.Dispose();
            owned = bytes;
            foreach (var c in BytesToBytes)
            {
                var next = c.Encode(owned.Span);
                owned.Dispose();
                owned = next;
            }
            var result = owned;
            owned = null;
            return result;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>Decodes stored bytes into <paramref name="decoded"/> (exactly <c>spec.ByteCount</c> bytes, C order, machine byte order).</summary>
    public void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> decoded)
    {
        if (decoded.Length != spec.ByteCount) throw new ArgumentException("Destination length does not match the chunk.", nameof(decoded));

        // Specs of each array-to-array stage, so decoding can run backwards.
        var specs = new ChunkSpec[ArrayToArray.Count + 1];
        specs[0] = spec;
        for (int i = 0; i < ArrayToArray.Count; i++) specs[i + 1] = ArrayToArray[i].EncodedSpec(specs[i]);
        var bytesSpec = specs[^1];

        PooledBuffer? bytes = null;
        PooledBuffer? arr = null;
        try
        {
            ReadOnlySpan<byte> current = encoded;
            // Bytes-to-bytes, last one first. When it is the only stage before a plain byte-order codec
            // with no array filters, the last decompression writes straight into the caller's buffer.
            bool direct = ArrayToArray.Count == 0 && ArrayToBytes is BytesCodec;
            for (int i = BytesToBytes.Count - 1; i >= 0; i--)
            {
                var c = BytesToBytes[i];
                if (i == 0 && direct)
                {
                    int n = c.DecodeInto(current, decoded);
                    if (n != decoded.Length) throw CodecErrors.WrongSize(c.Name, decoded.Length, n);
                    ((BytesCodec)ArrayToBytes).FixByteOrderInPlace(decoded, spec);
                    return;
                }
                var next = c.Decode(current, i == 0 && ArrayToBytes is BytesCodec ? bytesSpec.ByteCount : -1);
                bytes?.Dispose();
                bytes = next;
                current = next.Span;
            }

            if (ArrayToArray.Count == 0)
            {
                ArrayToBytes.Decode(current, spec, decoded);
                return;
            }
            arr = PooledBuffer.Rent(bytesSpec.ByteCount);
            ArrayToBytes.Decode(current, bytesSpec, arr.Span);
            bytes?.Dispose();
            bytes = null;
            for (int i = ArrayToArray.Count - 1; i >= 0; i--)
            {
                if (i == 0)
                {
                    ArrayToArray[i].Decode(arr.Span, specs[i], decoded);
                }
                else
                {
                    var next = PooledBuffer.Rent(specs[i].ByteCount);
                    ArrayToArray[i].Decode(arr.Span, specs[i], next.Span);
                    arr.Dispose();
                    arr = next;
                }
            }
        }
        finally
        {
            bytes?.Dispose();
            arr?.Dispose();
        }
    }

    /// <summary>Builds a chain from Zarr v3 <c>codecs</c> metadata.</summary>
    public static CodecChain FromV3(JsonArray codecs, DataType dtype)
    {
        var a2a = new List<IArrayToArrayCodec>();
        IArrayToBytesCodec? a2b = null;
        var b2b = new List<IBytesToBytesCodec>();
        foreach (var node in codecs)
        {
            var codec = CodecRegistry.FromV3(node, dtype);
            switch (codec)
            {
                case IArrayToArrayCodec x when a2b is null && b2b.Count == 0:
                    a2a.Add(x);
                    break;
                case IArrayToBytesCodec x when a2b is null:
                    a2b = x;
                    break;
                case IBytesToBytesCodec x when a2b is not null:
                    b2b.Add(x);
                    break;
                default:
                    throw CodecErrors.BadConfig(codec.Name, "codecs must be ordered array-to-array, then one array-to-bytes codec, then bytes-to-bytes");
            }
        }
        if (a2b is null)
        {
            if (dtype.ItemSize > 1) throw CodecErrors.BadConfig("codecs", "the chain has no array-to-bytes codec (such as \"bytes\")");
            a2b = new BytesCodec(null);
        }
        return new CodecChain(a2a, a2b, b2b);
    }

    /// <summary>
    /// Builds a chain from Zarr v2 metadata: the stored dtype (its byte order decides the byte-order codec),
    /// memory order 'C' or 'F', numcodecs filters and compressor.
    /// </summary>
    public static CodecChain FromV2(DataType storedType, char order, JsonArray? filters, JsonObject? compressor)
    {
        var a2a = new List<IArrayToArrayCodec>();
        if (order == 'F') a2a.Add(TransposeCodec.Reversed);
        var currentType = storedType;
        if (filters is not null)
        {
            foreach (var f in filters)
            {
                if (f is not JsonObject fo) throw CodecErrors.BadConfig("filters", "each filter must be an object with an \"id\"");
                var codec = CodecRegistry.FromV2(fo, currentType);
                if (codec is not IArrayToArrayCodec x)
                    throw CodecErrors.BadConfig(codec.Name, "is a compressor, not a filter");
                a2a.Add(x);
                currentType = V2EncodedType(x, currentType);
            }
        }
        var b2b = new List<IBytesToBytesCodec>();
        if (compressor is not null)
        {
            var codec = CodecRegistry.FromV2(compressor, currentType);
            if (codec is not IBytesToBytesCodec x)
                throw CodecErrors.BadConfig(codec.Name, "is a filter, not a compressor");
            b2b.Add(x);
        }
        return new CodecChain(a2a, new BytesCodec(currentType.ByteSwapUnit > 1 ? currentType.BigEndian : null), b2b);
    }

    // The stored byte order after a v2 filter is the byte order of the filter's encoded dtype.
    private static DataType V2EncodedType(IArrayToArrayCodec codec, DataType input)
    {
        var spec = codec.EncodedSpec(new ChunkSpec([1], input.Native, []));
        return codec is IV2TypedFilter t ? t.EncodedStoredType : spec.DType.WithByteOrder(input.BigEndian);
    }
}

/// <summary>A v2 filter that knows the byte order its encoded values are stored in (from its 'astype' or 'dtype').</summary>
public interface IV2TypedFilter
{
    /// <summary>The encoded dtype with its stored byte order.</summary>
    DataType EncodedStoredType { get; }
}
