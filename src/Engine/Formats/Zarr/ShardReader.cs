using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>
/// Reads inner chunks of one shard for the span of one region read: the index is fetched once (a ranged read),
/// then each inner chunk by its byte range — or, when the region covers the whole shard, the shard is read once.
/// </summary>
internal sealed class ShardReader
{
    private readonly IReadableStore _store;
    private readonly string _key;
    private readonly ShardingCodec _codec;
    private readonly int[] _grid;
    private readonly bool _loadWhole;
    private readonly Lock _lock = new();
    private bool _loaded;
    private ulong[]? _index;          // null when the shard does not exist
    private PooledBuffer? _whole;

    public ShardReader(IReadableStore store, string key, ShardingCodec codec, int[] shardShape, bool loadWhole)
    {
        _store = store;
        _key = key;
        _codec = codec;
        _grid = codec.InnerGrid(shardShape);
        _loadWhole = loadWhole;
    }

    private void Load()
    {
        lock (_lock)
        {
            if (_loaded) return;
            int indexSize = _codec.IndexByteSize(_grid);
            if (_loadWhole)
            {
                _whole = _store.Get(_key);
                if (_whole is not null)
                {
                    if (_whole.Length < indexSize) throw CodecErrors.Corrupt(_codec.Name, $"the shard has {_whole.Length} bytes, less than its index ({indexSize})");
                    var ib = _codec.IndexAtEnd ? _whole.Span[^indexSize..] : _whole.Span[..indexSize];
                    _index = _codec.DecodeIndex(ib, _grid);
                }
            }
            else
            {
                using var ib = _store.Get(_key, _codec.IndexAtEnd ? ByteRange.Suffix(indexSize) : new ByteRange(0, indexSize));
                if (ib is not null)
                {
                    if (ib.Length != indexSize) throw CodecErrors.Corrupt(_codec.Name, $"the shard index has {ib.Length} bytes, expected {indexSize}");
                    _index = _codec.DecodeIndex(ib.Span, _grid);
                }
            }
            _loaded = true;
        }
    }

    /// <summary>The encoded bytes of an inner chunk, or null when it (or the shard) is absent.</summary>
    public PooledBuffer? Get(ReadOnlySpan<long> inner)
    {
        if (!_loaded) Load();
        if (_index is null) return null;
        long j = 0;
        for (int i = 0; i < _grid.Length; i++) j = j * _grid[i] + inner[i];
        ulong off = _index[2 * j], len = _index[2 * j + 1];
        if (off == ShardingCodec.Missing && len == ShardingCodec.Missing) return null;
        if (len > int.MaxValue) throw CodecErrors.Corrupt(_codec.Name, $"inner chunk {j} claims {len} bytes");
        if (_whole is not null)
        {
            if (off > (ulong)_whole.Length || len > (ulong)_whole.Length - off)
                throw CodecErrors.Corrupt(_codec.Name, $"inner chunk {j} lies at bytes {off}+{len}, outside the shard of {_whole.Length} bytes");
            return PooledBuffer.CopyOf(_whole.Span.Slice((int)off, (int)len));
        }
        var b = _store.Get(_key, new ByteRange((long)off, (long)len));
        if (b is null || b.Length != (int)len)
        {
            b?.Dispose();
            throw CodecErrors.Corrupt(_codec.Name, $"inner chunk {j} at bytes {off}+{len} is past the end of the shard");
        }
        return b;
    }

    /// <summary>Releases a whole-shard buffer.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _whole?.Dispose();
            _whole = null;
        }
    }
}
