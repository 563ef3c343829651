using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>
/// The v3 "sharding_indexed" codec: a shard holds a grid of inner chunks, each encoded by the inner codecs, and
/// an index of (offset, length) pairs (uint64, 2^64-1 for an absent chunk), encoded by the index codecs, at the
/// start or end of the shard.
/// </summary>
public sealed class ShardingCodec : IArrayToBytesCodec
{
    private readonly ConcurrentDictionary<long, int> _indexSizes = new();

    private ShardingCodec(int[] innerChunkShape, CodecChain innerCodecs, CodecChain indexCodecs, bool indexAtEnd)
    {
        InnerChunkShape = innerChunkShape;
        InnerCodecs = innerCodecs;
        IndexCodecs = indexCodecs;
        IndexAtEnd = indexAtEnd;
    }

    /// <summary>The shape of the chunks inside a shard.</summary>
    public int[] InnerChunkShape { get; }

    /// <summary>The codecs of each inner chunk.</summary>
    public CodecChain InnerCodecs { get; }

    /// <summary>The codecs of the index.</summary>
    public CodecChain IndexCodecs { get; }

    /// <summary>True when the index is at the end of the shard (the default), false at the start.</summary>
    public bool IndexAtEnd { get; }

    /// <inheritdoc />
    public string Name => "sharding_indexed";

    /// <summary>The marker of an absent inner chunk.</summary>
    public const ulong Missing = ulong.MaxValue;

    /// <summary>Creates a sharding codec.</summary>
    public static ShardingCodec Create(int[] innerChunkShape, CodecChain innerCodecs, CodecChain? indexCodecs = null, bool indexAtEnd = true) =>
        new(innerChunkShape, innerCodecs,
            indexCodecs ?? new CodecChain([], new BytesCodec(false), [CodecRegistry.FromV3(new JsonObject { ["name"] = "crc32c" }, DataType.UInt64) as IBytesToBytesCodec ?? throw new InvalidOperationException()]),
            indexAtEnd);

    /// <summary>Parses v3 configuration.</summary>
    public static ShardingCodec FromV3(JsonObject? configuration, DataType dtype)
    {
        if (configuration is null) throw CodecErrors.BadConfig("sharding_indexed", "configuration is required");
        if (configuration["chunk_shape"] is not JsonArray cs || cs.Count == 0)
            throw CodecErrors.BadConfig("sharding_indexed", "configuration.chunk_shape must be a list of integers");
        var inner = cs.Select(n => ZarrJson.TryGetLong(n, out long i) && i > 0 && i <= int.MaxValue ? (int)i : throw CodecErrors.BadConfig("sharding_indexed", "chunk_shape entries must be positive integers")).ToArray();
        if (configuration["codecs"] is not JsonArray codecs) throw CodecErrors.BadConfig("sharding_indexed", "configuration.codecs must be a list");
        var innerChain = CodecChain.FromV3(codecs, dtype);
        var indexChain = configuration["index_codecs"] is JsonArray ic ? CodecChain.FromV3(ic, DataType.UInt64) : new CodecChain([], new BytesCodec(false), []);
        string loc = configuration["index_location"]?.GetValue<string>() ?? "end";
        if (loc is not ("end" or "start")) throw CodecErrors.BadConfig("sharding_indexed", $"index_location must be \"start\" or \"end\", not \"{loc}\"");
        if (indexChain.ArrayToArray.Count > 0 || indexChain.ArrayToBytes is not BytesCodec)
            throw CodecErrors.BadConfig("sharding_indexed", "index_codecs must be \"bytes\" followed by fixed-size codecs such as \"crc32c\"");
        return new ShardingCodec(inner, innerChain, indexChain, loc == "end");
    }

    /// <inheritdoc />
    public JsonObject ToV3Json() => new()
    {
        ["name"] = "sharding_indexed",
        ["configuration"] = new JsonObject
        {
            ["chunk_shape"] = new JsonArray(InnerChunkShape.Select(c => (JsonNode)c).ToArray()),
            ["codecs"] = InnerCodecs.ToV3JsonArray(),
            ["index_codecs"] = IndexCodecs.ToV3JsonArray(),
            ["index_location"] = IndexAtEnd ? "end" : "start",
        },
    };

    /// <inheritdoc />
    public JsonObject? ToV2Json() => null;

    /// <summary>Checks that a shard shape is a whole multiple of the inner chunk shape.</summary>
    public void CheckShardShape(int[] shardShape, string describe)
    {
        if (shardShape.Length != InnerChunkShape.Length)
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidMetadata", $"{describe}: sharding chunk_shape has {InnerChunkShape.Length} dimensions, the array has {shardShape.Length}.");
        for (int i = 0; i < shardShape.Length; i++)
            if (shardShape[i] % InnerChunkShape[i] != 0)
                throw new ZarrPSException(ErrorKind.InvalidData, "InvalidMetadata",
                    $"{describe}: the shard shape ({string.Join(", ", shardShape)}) is not a multiple of the inner chunk shape ({string.Join(", ", InnerChunkShape)}).");
    }

    /// <summary>Inner chunks per axis in a shard.</summary>
    public int[] InnerGrid(int[] shardShape)
    {
        var g = new int[shardShape.Length];
        for (int i = 0; i < g.Length; i++) g[i] = shardShape[i] / InnerChunkShape[i];
        return g;
    }

    private static ChunkSpec IndexSpec(int[] innerGrid) =>
        new([.. innerGrid, 2], DataType.UInt64, BitConverter.GetBytes(Missing));

    /// <summary>The encoded size of the index of a shard with <paramref name="innerGrid"/> inner chunks per axis.</summary>
    public int IndexByteSize(int[] innerGrid)
    {
        long n = 1;
        foreach (int g in innerGrid) n *= g;
        return _indexSizes.GetOrAdd(n, _ =>
        {
            var spec = IndexSpec(innerGrid);
            var zeros = new byte[spec.ByteCount];
            using var enc = IndexCodecs.Encode(zeros, spec);
            return enc.Length;
        });
    }

    /// <summary>Decodes an index into (offset, length) pairs in C order of the inner grid.</summary>
    public ulong[] DecodeIndex(ReadOnlySpan<byte> encoded, int[] innerGrid)
    {
        var spec = IndexSpec(innerGrid);
        var result = new ulong[spec.ElementCount];
        IndexCodecs.Decode(encoded, spec, MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <inheritdoc />
    public PooledBuffer Encode(ReadOnlySpan<byte> decoded, ChunkSpec spec)
    {
        int rank = spec.Shape.Length;
        var grid = InnerGrid(spec.Shape);
        long nInner = 1;
        foreach (int g in grid) nInner *= g;
        var innerSpec = spec with { Shape = InnerChunkShape };
        var index = new ulong[nInner * 2];
        var parts = new PooledBuffer?[nInner];
        var shardShape = spec.Shape.Select(s => (long)s).ToArray();
        var innerShape = InnerChunkShape.Select(s => (long)s).ToArray();
        var zero = new long[rank];
        try
        {
            using var scratch = PooledBuffer.Rent(innerSpec.ByteCount);
            var idx = new long[rank];
            for (long j = 0; j < nInner; j++)
            {
                long rem = j;
                for (int i = rank - 1; i >= 0; i--)
                {
                    idx[i] = (rem % grid[i]) * InnerChunkShape[i];
                    rem /= grid[i];
                }
                StridedCopy.Copy(decoded, shardShape, idx, scratch.Span, innerShape, zero, innerShape, spec.DType.ItemSize);
                parts[j] = InnerCodecs.Encode(scratch.Span, innerSpec);
            }
            int indexSize = IndexByteSize(grid);
            long total = indexSize;
            foreach (var p in parts) total += p!.Length;
            var result = PooledBuffer.Rent(checked((int)total));
            long pos = IndexAtEnd ? 0 : indexSize;
            for (long j = 0; j < nInner; j++)
            {
                var p = parts[j]!;
                p.Span.CopyTo(result.Span[(int)pos..]);
                index[2 * j] = (ulong)pos;
                index[2 * j + 1] = (ulong)p.Length;
                pos += p.Length;
            }
            var ispec = IndexSpec(grid);
            using var encIndex = IndexCodecs.Encode(MemoryMarshal.AsBytes(index.AsSpan()), ispec);
            encIndex.Span.CopyTo(result.Span[(IndexAtEnd ? (int)(total - indexSize) : 0)..]);
            return result;
        }
        finally
        {
            foreach (var p in parts) p?.Dispose();
        }
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> decoded)
    {
        int rank = spec.Shape.Length;
        var grid = InnerGrid(spec.Shape);
        int indexSize = IndexByteSize(grid);
        if (encoded.Length < indexSize) throw CodecErrors.Corrupt(Name, $"the shard has {encoded.Length} bytes, less than its index ({indexSize})");
        var indexBytes = IndexAtEnd ? encoded[^indexSize..] : encoded[..indexSize];
        var index = DecodeIndex(indexBytes, grid);
        var innerSpec = spec with { Shape = InnerChunkShape };
        var shardShape = spec.Shape.Select(s => (long)s).ToArray();
        var innerShape = InnerChunkShape.Select(s => (long)s).ToArray();
        var zero = new long[rank];
        using var scratch = PooledBuffer.Rent(innerSpec.ByteCount);
        var idx = new long[rank];
        for (long j = 0; j < index.Length / 2; j++)
        {
            long rem = j;
            for (int i = rank - 1; i >= 0; i--)
            {
                idx[i] = (rem % grid[i]) * InnerChunkShape[i];
                rem /= grid[i];
            }
            ulong off = index[2 * j], len = index[2 * j + 1];
            if (off == Missing && len == Missing)
            {
                StridedCopy.Fill(decoded, shardShape, idx, innerShape, spec.FillValue, spec.DType.ItemSize);
                continue;
            }
            if (off > (ulong)encoded.Length || len > (ulong)encoded.Length - off)
                throw CodecErrors.Corrupt(Name, $"inner chunk {j} lies at bytes {off}+{len}, outside the shard of {encoded.Length} bytes");
            InnerCodecs.Decode(encoded.Slice((int)off, (int)len), innerSpec, scratch.Span);
            StridedCopy.Copy(scratch.Span, innerShape, zero, decoded, shardShape, idx, innerShape, spec.DType.ItemSize);
        }
    }
}
