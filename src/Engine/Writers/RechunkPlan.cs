namespace ZarrPS.Engine.Writers;

/// <summary>
/// How one array is rechunked (rechunker's algorithm): blocks of <see cref="Read"/> are copied from the source into an
/// intermediate array chunked <see cref="Intermediate"/>, then blocks of <see cref="Write"/> are copied from it into
/// the target. Without an intermediate (read and write blocks equal) write blocks are read from the source directly.
/// </summary>
/// <param name="Shape">The array's shape.</param>
/// <param name="Source">The source's chunks.</param>
/// <param name="Target">The target's chunks.</param>
/// <param name="Read">Read blocks: source chunks merged up to the memory limit (and never beyond the write blocks).</param>
/// <param name="Intermediate">The intermediate array's chunks (each lies in one read block).</param>
/// <param name="Write">Write blocks: target chunks merged up to the memory limit.</param>
/// <param name="ItemSize">Bytes per element.</param>
public sealed record RechunkPlan(long[] Shape, int[] Source, int[] Target, int[] Read, int[] Intermediate, int[] Write, int ItemSize)
{
    /// <summary>True when read and write blocks differ, so the copy goes through an intermediate store.</summary>
    public bool NeedsIntermediate => !Read.SequenceEqual(Write);

    /// <summary>Chunks of the source (N).</summary>
    public long SourceChunks => Blocks(Source);

    /// <summary>Chunks of the target (M).</summary>
    public long TargetChunks => Blocks(Target);

    /// <summary>Copy tasks: read blocks plus write blocks with an intermediate, else write blocks.</summary>
    public long Tasks => NeedsIntermediate ? Blocks(Read) + Blocks(Write) : Blocks(Write);

    /// <summary>Bytes of the largest block a task holds.</summary>
    public long BlockBytes => Math.Max(Bytes(Read), Bytes(Write));

    /// <summary>The number of blocks of <paramref name="chunks"/> over the shape.</summary>
    public long Blocks(int[] chunks)
    {
        long n = 1;
        for (int d = 0; d < Shape.Length; d++) n *= (Shape[d] + chunks[d] - 1) / chunks[d];
        return n;
    }

    /// <summary>Bytes of one block of <paramref name="chunks"/>.</summary>
    public long Bytes(int[] chunks) => chunks.Aggregate((long)ItemSize, (p, c) => p * c);

    /// <summary>
    /// Plans a rechunk under <paramref name="maxMem"/> bytes per block, as rechunker does: write blocks are target chunks
    /// merged from the last axis towards the first while they fit; read blocks are source chunks merged the same way,
    /// but only along axes where the write block is longer, and never beyond it; intermediate chunks are the smaller of
    /// the two per axis, shrunk where needed to a divisor of the read block so no two tasks write one chunk.
    /// </summary>
    public static RechunkPlan Create(long[] shape, int[] source, int[] target, int itemSize, long maxMem, string what = "array")
    {
        int rank = shape.Length;
        var src = Clamp(shape, source);
        var tgt = Clamp(shape, target);
        long srcBytes = src.Aggregate((long)itemSize, (p, c) => p * c), tgtBytes = tgt.Aggregate((long)itemSize, (p, c) => p * c);
        if (srcBytes > maxMem || tgtBytes > maxMem)
            throw new ZarrPSException(ErrorKind.LimitsExceeded, "RechunkMemoryTooSmall",
                $"Rechunking {what} needs blocks of at least {Math.Max(srcBytes, tgtBytes):N0} bytes (one {(srcBytes > tgtBytes ? "source" : "target")} chunk) but only {maxMem:N0} fit in -MaxMemory per task; give more memory or fewer workers.", what);
        var write = Consolidate(shape, tgt, itemSize, maxMem, tgt.Select((_, d) => (long?)shape[d]).ToArray());
        var limits = new long?[rank];
        for (int d = 0; d < rank; d++) limits[d] = write[d] > src[d] ? write[d] : null;
        var read = Consolidate(shape, src, itemSize, maxMem, limits);
        var inter = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int c = Math.Min(read[d], write[d]);
            // Read tasks write whole intermediate chunks only: the chunk must divide the read block (or the block is the whole axis).
            if (read[d] < shape[d]) while (read[d] % c != 0) c--;
            inter[d] = c;
        }
        return new RechunkPlan(shape, src, tgt, read, inter, write, itemSize);
    }

    private static int[] Clamp(long[] shape, int[] chunks) =>
        chunks.Select((c, d) => (int)Math.Clamp(c <= 0 ? shape[d] : c, 1, Math.Max(1, Math.Min(shape[d], int.MaxValue)))).ToArray();

    // Merges chunks along axes with a limit, last axis first, while the block stays within maxMem.
    private static int[] Consolidate(long[] shape, int[] chunks, int itemSize, long maxMem, long?[] limits)
    {
        var result = (int[])chunks.Clone();
        long mem = result.Aggregate((long)itemSize, (p, c) => p * c);
        long headroom = maxMem / mem;
        for (int d = shape.Length - 1; d >= 0 && headroom > 1; d--)
        {
            if (limits[d] is not long limit) continue;
            long grown = Math.Min(Math.Min((long)chunks[d] * headroom, Math.Max(1, shape[d])), Math.Max(limit, chunks[d]));
            result[d] = (int)grown;
            mem = result.Aggregate((long)itemSize, (p, c) => p * c);
            headroom = maxMem / mem;
        }
        return result;
    }
}
