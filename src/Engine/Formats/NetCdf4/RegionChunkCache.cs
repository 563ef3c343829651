using PureHDF.VOL.Native;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// The chunk cache of one region read. PureHDF walks a region row by row in C order, so a row crosses every chunk
/// the region touches along the inner axes before the next row comes back to the first of them; its default cache
/// (1 MiB per read) then decompresses each chunk once per row when a few chunks exceed it. This cache holds as many
/// chunks as one row of the region crosses, which is exactly what the walk revisits: every chunk is decoded once.
/// Used by one thread for one read; chunks it drops, and all it holds at <see cref="ReturnAll"/>, go back to the
/// <see cref="ChunkBufferLedger"/> pool.
/// </summary>
internal sealed class RegionChunkCache(int capacity) : IReadingChunkCache
{
    private readonly Dictionary<ulong, (Memory<byte> Chunk, long Used)> _chunks = new(Math.Min(capacity, 64));
    private long _clock;

    /// <summary>The number of chunks to keep for a read of the box start..start+count of a dataset chunked as <paramref name="chunkShape"/>.</summary>
    public static int CapacityFor(ReadOnlySpan<long> start, ReadOnlySpan<long> count, ReadOnlySpan<int> chunkShape)
    {
        long chunks = 1;
        for (int i = 1; i < chunkShape.Length; i++)
        {
            long first = start[i] / chunkShape[i];
            long last = (start[i] + Math.Max(count[i], 1) - 1) / chunkShape[i];
            chunks *= last - first + 1;
            if (chunks >= int.MaxValue) return int.MaxValue;
        }
        return (int)Math.Max(chunks, 1);
    }

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkReader)
    {
        if (_chunks.TryGetValue(chunkIndex, out var cached))
        {
            _chunks[chunkIndex] = (cached.Chunk, ++_clock);
            return cached.Chunk;
        }
        var chunk = chunkReader();
        if (_chunks.Count >= capacity) EvictLeastRecentlyUsed();
        _chunks[chunkIndex] = (chunk, ++_clock);
        return chunk;
    }

    private void EvictLeastRecentlyUsed()
    {
        ulong oldest = 0;
        long stamp = long.MaxValue;
        foreach (var (index, entry) in _chunks)
        {
            if (entry.Used < stamp)
            {
                stamp = entry.Used;
                oldest = index;
            }
        }
        if (_chunks.Remove(oldest, out var evicted)) ChunkBufferLedger.Return(evicted.Chunk);
    }

    /// <summary>Hands every cached chunk back to the pool; the read that used them is over.</summary>
    public void ReturnAll()
    {
        foreach (var (_, entry) in _chunks) ChunkBufferLedger.Return(entry.Chunk);
        _chunks.Clear();
    }
}
