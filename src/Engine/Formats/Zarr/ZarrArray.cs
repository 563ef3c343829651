using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>
/// A Zarr v2 or v3 array in a store: reads and writes of any region decode or encode the chunks involved in
/// parallel (bounded by <see cref="MaxParallelism"/>), straight into or out of the caller's buffer.
/// </summary>
public sealed class ZarrArray : IChunkedSource
{
    private readonly int[] _readChunk;         // the unit of decoding: the chunk, or the inner chunk of a shard
    private readonly CodecChain _readChain;    // the chain that decodes one read unit
    private readonly ShardingCodec? _sharding;

    /// <summary>Wraps an array whose metadata is already known.</summary>
    public ZarrArray(IReadableStore store, string path, ArrayMetadata metadata)
    {
        Store = store;
        Path = path.Trim('/');
        Metadata = metadata;
        if (metadata.Codecs.ArrayToBytes is ShardingCodec sc && metadata.Codecs.ArrayToArray.Count == 0 && metadata.Codecs.BytesToBytes.Count == 0)
        {
            sc.CheckShardShape(metadata.ChunkShape, Describe);
            _sharding = sc;
            _readChunk = sc.InnerChunkShape;
            _readChain = sc.InnerCodecs;
        }
        else
        {
            _readChunk = metadata.ChunkShape;
            _readChain = metadata.Codecs;
        }
    }

    /// <summary>The store holding the array.</summary>
    public IReadableStore Store { get; }

    /// <summary>The array's path inside the store ("" for an array at the root).</summary>
    public string Path { get; }

    /// <summary>The metadata.</summary>
    public ArrayMetadata Metadata { get; }

    /// <summary>How many chunks are decoded or encoded at once (default: the number of processors).</summary>
    public int MaxParallelism { get; set; } = Environment.ProcessorCount;

    /// <inheritdoc />
    public string Name => Path.Length == 0 ? System.IO.Path.GetFileName(Store.Location.TrimEnd('/')) : Path;

    /// <inheritdoc />
    public string Location => Store.Location;

    /// <inheritdoc />
    public long[] Shape => Metadata.Shape;

    /// <inheritdoc />
    public DataType DType => Metadata.DType.Native;

    /// <summary>The decoding unit: the chunk shape, or the inner chunk shape of a sharded array.</summary>
    public int[] ChunkShape => _readChunk;

    /// <summary>The shard shape of a sharded array, else null.</summary>
    public int[]? ShardShape => _sharding is null ? null : Metadata.ChunkShape;

    /// <inheritdoc />
    public IReadOnlyList<string>? DimensionNames =>
        Metadata.DimensionNames is { } d && d.All(n => n is not null) ? d.Select(n => n!).ToArray() : null;

    /// <inheritdoc />
    public OrderedDictionary<string, object?> Attributes => Metadata.Attributes;

    /// <inheritdoc />
    public byte[]? FillValue => Metadata.FillValue;

    private string Describe => $"array '{Name}' in '{Store.Location}'";

    /// <summary>The store key of a chunk (a shard, for sharded arrays).</summary>
    public string ChunkKey(ReadOnlySpan<long> index) => StoreKey.Join(Path, Metadata.KeyEncoding.Key(index));

    // ---------------------------------------------------------------- opening and creating

    /// <summary>Opens the array at <paramref name="path"/>: v3 zarr.json, else v2 .zarray (+ .zattrs).</summary>
    public static ZarrArray Open(IReadableStore store, string path = "")
    {
        path = path.Trim('/');
        var found = ZarrNode.TryReadArrayMetadata(store, path);
        if (found is null)
            throw new ZarrPSException(ErrorKind.NotFound, "ArrayNotFound",
                $"No Zarr array at '{(path.Length == 0 ? "/" : path)}' in '{store.Location}' (no zarr.json or .zarray).", path);
        return new ZarrArray(store, path, found);
    }

    /// <summary>
    /// Creates an array: writes its metadata (unless <paramref name="writeMetadata"/> is false, for writers that
    /// write metadata last). With <paramref name="overwrite"/>, an existing node's chunks are deleted first.
    /// </summary>
    public static ZarrArray Create(IWritableStore store, string path, ArrayMetadata metadata, bool overwrite = false, bool writeMetadata = true)
    {
        path = path.Trim('/');
        if (ZarrNode.Exists(store, path))
        {
            if (!overwrite)
                throw new ZarrPSException(ErrorKind.InvalidOperation, "NodeExists",
                    $"A Zarr node already exists at '{(path.Length == 0 ? "/" : path)}' in '{store.Location}'; use overwrite to replace it.", path);
            store.DeletePrefix(path.Length == 0 ? "" : path + "/");
        }
        var a = new ZarrArray(store, path, metadata);
        if (writeMetadata) a.WriteMetadata();
        return a;
    }

    /// <summary>Writes this array's metadata documents (.zarray + .zattrs, or zarr.json).</summary>
    public void WriteMetadata()
    {
        var ws = Writable();
        if (Metadata.ZarrFormat == 2)
        {
            ws.Set(StoreKey.Join(Path, ".zarray"), ZarrJson.WriteDocument(Metadata.ToV2ArrayJson()));
            ws.Set(StoreKey.Join(Path, ".zattrs"), ZarrJson.WriteDocument(Metadata.ToV2AttrsJson()));
        }
        else
        {
            ws.Set(StoreKey.Join(Path, "zarr.json"), ZarrJson.WriteDocument(Metadata.ToV3Json()));
        }
    }

    private IWritableStore Writable() => Store as IWritableStore
        ?? throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreReadOnly", $"Cannot write {Describe}: the store is read-only.", Store.Location);

    // ---------------------------------------------------------------- reading

    /// <summary>Reads the whole array into a new .NET array of its element type and shape (a scalar for rank 0).</summary>
    public Array ReadAll() => ArrayValues.ReadAll(new SourceArray(this));

    /// <inheritdoc />
    public unsafe void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        CheckRegion(start, count, "read");
        int item = DType.ItemSize;
        long n = StridedCopy.Product(count);
        if (destination.Length != n * item)
            throw new ArgumentException($"Destination holds {destination.Length} bytes; the region needs {n * item}.", nameof(destination));
        if (n == 0) return;

        int rank = Shape.Length;
        var st = start.ToArray();
        var cn = count.ToArray();
        var first = new long[rank];
        var span = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            first[i] = st[i] / _readChunk[i];
            span[i] = (st[i] + cn[i] - 1) / _readChunk[i] - first[i] + 1;
        }
        long units = StridedCopy.Product(span);
        var shardCache = _sharding is null ? null : new ConcurrentDictionary<string, ShardReader>();
        fixed (byte* p = destination)
        {
            nint ptr = (nint)p;
            int len = destination.Length;
            void One(long j)
            {
                var idx = new long[rank];
                long rem = j;
                for (int i = rank - 1; i >= 0; i--)
                {
                    idx[i] = first[i] + rem % span[i];
                    rem /= span[i];
                }
                ReadUnit(idx, st, cn, new Span<byte>((void*)ptr, len), shardCache);
            }
            try
            {
                RunParallel(units, One);
            }
            finally
            {
                if (shardCache is not null) foreach (var r in shardCache.Values) r.Release();
            }
        }
    }

    private void RunParallel(long count, Action<long> body)
    {
        // Inside a scheduler task the scheduler's workers are the parallelism: decode this region serially.
        if (count == 1 || MaxParallelism <= 1 || Compute.Scheduler.InsideTask)
        {
            for (long j = 0; j < count; j++) body(j);
            return;
        }
        try
        {
            Parallel.For(0L, count, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism }, body);
        }
        catch (AggregateException ae)
        {
            // Report the first engine error as is; the others are usually the same fault in more chunks.
            var z = ae.Flatten().InnerExceptions.OfType<ZarrPSException>().FirstOrDefault();
            if (z is not null) throw z;
            throw ae.Flatten().InnerExceptions[0];
        }
    }

    // Decodes one read unit (chunk, or inner chunk of a shard) and places its part of the region.
    private void ReadUnit(long[] idx, long[] start, long[] count, Span<byte> dest, ConcurrentDictionary<string, ShardReader>? shards)
    {
        int rank = idx.Length;
        int item = DType.ItemSize;
        Span<long> unitStart = stackalloc long[rank];
        Span<long> interStart = stackalloc long[rank];
        Span<long> extent = stackalloc long[rank];
        Span<long> srcOff = stackalloc long[rank];
        Span<long> dstOff = stackalloc long[rank];
        bool whole = true;       // the unit lies entirely inside the region and the array
        for (int i = 0; i < rank; i++)
        {
            unitStart[i] = idx[i] * _readChunk[i];
            long unitEnd = Math.Min(unitStart[i] + _readChunk[i], Shape[i]);
            interStart[i] = Math.Max(unitStart[i], start[i]);
            long interEnd = Math.Min(unitEnd, start[i] + count[i]);
            extent[i] = interEnd - interStart[i];
            srcOff[i] = interStart[i] - unitStart[i];
            dstOff[i] = interStart[i] - start[i];
            if (extent[i] != _readChunk[i]) whole = false;
        }

        string key = "";
        PooledBuffer? encoded = null;
        var stats = Compute.ComputeStats.Current;
        try
        {
            bool listened = Compute.ComputeSession.HasListeners;
            bool timed = stats is not null || listened;
            long t0 = timed ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            encoded = FetchUnit(idx, start, count, shards, out key);
            long t1 = timed ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            stats?.AddRead(encoded?.Length ?? 0, t1 - t0);
            if (listened) Compute.ComputeSession.Phase(Compute.TaskKind.Read, t0, encoded?.Length ?? 0);
            var spec = new ChunkSpec(_readChunk, DType, Metadata.FillValue ?? []);
            if (encoded is null)
            {
                StridedCopy.Fill(dest, count, dstOff, extent, spec.FillValue, item);
                return;
            }
            if (whole && IsContiguousIn(extent, count))
            {
                long off = 0, stride = item;
                for (int i = rank - 1; i >= 0; i--)
                {
                    off += dstOff[i] * stride;
                    stride *= count[i];
                }
                _readChain.Decode(encoded.Span, spec, dest.Slice((int)off, spec.ByteCount));
                stats?.AddDecode(spec.ByteCount, System.Diagnostics.Stopwatch.GetTimestamp() - t1);
                if (listened) Compute.ComputeSession.Phase(Compute.TaskKind.Decode, t1, spec.ByteCount);
                return;
            }
            using var scratch = PooledBuffer.Rent(spec.ByteCount);
            _readChain.Decode(encoded.Span, spec, scratch.Span);
            stats?.AddDecode(spec.ByteCount, System.Diagnostics.Stopwatch.GetTimestamp() - t1);
            if (listened) Compute.ComputeSession.Phase(Compute.TaskKind.Decode, t1, spec.ByteCount);
            Span<long> unitShape = stackalloc long[rank];
            for (int i = 0; i < rank; i++) unitShape[i] = _readChunk[i];
            StridedCopy.Copy(scratch.Span, unitShape, srcOff, dest, count, dstOff, extent, item);
        }
        catch (ZarrPSException e)
        {
            throw e.WithContext($"{Describe}, chunk '{key}': ");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ZarrPSException(ErrorKind.InvalidData, "ChunkDecodeFailed", $"{Describe}, chunk '{key}': {e.Message}", key, e);
        }
        finally
        {
            encoded?.Dispose();
        }
    }

    // A unit's data is one contiguous run of the destination when every axis after the first one it
    // does not span fully is complete, and every axis before it has extent 1.
    private static bool IsContiguousIn(ReadOnlySpan<long> extent, ReadOnlySpan<long> regionShape)
    {
        int rank = extent.Length;
        int k = rank - 1;
        while (k >= 0 && extent[k] == regionShape[k]) k--;
        for (int i = k - 1; i >= 0; i--) if (extent[i] != 1) return false;
        return true;
    }

    private PooledBuffer? FetchUnit(long[] idx, long[] start, long[] count, ConcurrentDictionary<string, ShardReader>? shards, out string key)
    {
        if (_sharding is null)
        {
            key = ChunkKey(idx);
            return Store.Get(key);
        }
        int rank = idx.Length;
        var shardIdx = new long[rank];
        var inner = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            int per = Metadata.ChunkShape[i] / _readChunk[i];
            shardIdx[i] = idx[i] / per;
            inner[i] = idx[i] % per;
        }
        key = ChunkKey(shardIdx);
        string k = key;
        var reader = shards!.GetOrAdd(k, kk =>
        {
            // Read the whole shard at once when the region needs all of it (clipped to the array).
            bool whole = true;
            for (int i = 0; i < rank; i++)
            {
                long s0 = shardIdx[i] * Metadata.ChunkShape[i];
                long s1 = Math.Min(s0 + Metadata.ChunkShape[i], Shape[i]);
                if (s0 < start[i] || s1 > start[i] + count[i]) whole = false;
            }
            return new ShardReader(Store, kk, _sharding, Metadata.ChunkShape, whole);
        });
        key = $"{k}[{string.Join(',', inner)}]";
        return reader.Get(inner);
    }

    private void CheckRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, string verb)
    {
        int rank = Shape.Length;
        if (start.Length != rank || count.Length != rank)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionRankMismatch",
                $"Cannot {verb} {Describe}: it has {rank} dimensions, the region has {start.Length}.", Name);
        for (int i = 0; i < rank; i++)
        {
            if (start[i] < 0 || count[i] < 0 || start[i] + count[i] > Shape[i])
            {
                string dim = DimensionNames is { } d ? $"dimension '{d[i]}'" : $"axis {i}";
                throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionOutOfBounds",
                    $"Cannot {verb} {Describe}: {dim} has {Shape[i]} elements, the region asks for {start[i]}..{start[i] + count[i] - 1}.", Name);
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /// <summary>
    /// Writes <paramref name="source"/> (C order, machine byte order, prod(count) elements) to the box at
    /// <paramref name="start"/>. Chunks only partly covered are read, updated and rewritten. Each chunk is
    /// replaced atomically by the store.
    /// </summary>
    public unsafe void WriteRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, ReadOnlySpan<byte> source)
    {
        CheckRegion(start, count, "write");
        Writable();
        int item = DType.ItemSize;
        long n = StridedCopy.Product(count);
        if (source.Length != n * item)
            throw new ArgumentException($"Source holds {source.Length} bytes; the region needs {n * item}.", nameof(source));
        if (n == 0) return;
        int rank = Shape.Length;
        var grid = Metadata.ChunkShape;   // writes go by whole chunks (whole shards)
        var st = start.ToArray();
        var cn = count.ToArray();
        var first = new long[rank];
        var span = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            first[i] = st[i] / grid[i];
            span[i] = (st[i] + cn[i] - 1) / grid[i] - first[i] + 1;
        }
        fixed (byte* p = source)
        {
            nint ptr = (nint)p;
            int len = source.Length;
            void One(long j)
            {
                var idx = new long[rank];
                long rem = j;
                for (int i = rank - 1; i >= 0; i--)
                {
                    idx[i] = first[i] + rem % span[i];
                    rem /= span[i];
                }
                WriteChunk(idx, st, cn, new ReadOnlySpan<byte>((void*)ptr, len));
            }
            RunParallel(StridedCopy.Product(span), One);
        }
    }

    /// <summary>When true, chunks that hold only the fill value are deleted instead of written (zarr's write_empty_chunks=False).</summary>
    public bool SkipEmptyChunks { get; set; }

    private void WriteChunk(long[] idx, long[] start, long[] count, ReadOnlySpan<byte> src)
    {
        int rank = idx.Length;
        int item = DType.ItemSize;
        var grid = Metadata.ChunkShape;
        var spec = Metadata.ChunkSpec;
        Span<long> chunkShape = stackalloc long[rank];
        Span<long> interStart = stackalloc long[rank];
        Span<long> extent = stackalloc long[rank];
        Span<long> dstOff = stackalloc long[rank];
        Span<long> srcOff = stackalloc long[rank];
        bool covered = true;    // every in-bounds element of the chunk is written by this region
        for (int i = 0; i < rank; i++)
        {
            chunkShape[i] = grid[i];
            long cs = idx[i] * grid[i];
            long ce = Math.Min(cs + grid[i], Shape[i]);
            interStart[i] = Math.Max(cs, start[i]);
            long ie = Math.Min(ce, start[i] + count[i]);
            extent[i] = ie - interStart[i];
            dstOff[i] = interStart[i] - cs;
            srcOff[i] = interStart[i] - start[i];
            if (interStart[i] != cs || ie != ce) covered = false;
        }
        string key = ChunkKey(idx);
        var ws = (IWritableStore)Store;
        try
        {
            using var chunk = PooledBuffer.Rent(spec.ByteCount);
            if (!covered)
            {
                using var old = ws.Get(key);
                if (old is null) spec.Fill(chunk.Span);
                else Metadata.Codecs.Decode(old.Span, spec, chunk.Span);
            }
            else
            {
                // Padding of edge chunks holds the fill value, as zarr-python writes it.
                bool edge = false;
                for (int i = 0; i < rank; i++) if (extent[i] != grid[i]) edge = true;
                if (edge) spec.Fill(chunk.Span);
            }
            StridedCopy.Copy(src, count, srcOff, chunk.Span, chunkShape, dstOff, extent, item);
            if (SkipEmptyChunks && IsAllFill(chunk.Span, spec))
            {
                ws.Delete(key);
                return;
            }
            bool listened = Compute.ComputeSession.HasListeners;
            long t0 = listened ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            using var encoded = Metadata.Codecs.Encode(chunk.Span, spec);
            if (listened)
            {
                Compute.ComputeSession.Phase(Compute.TaskKind.Encode, t0, spec.ByteCount);
                t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            }
            ws.Set(key, encoded.Span);
            if (listened) Compute.ComputeSession.Phase(Compute.TaskKind.Write, t0, encoded.Length);
        }
        catch (ZarrPSException e)
        {
            throw e.WithContext($"{Describe}, chunk '{key}': ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ZarrPSException(ErrorKind.WriteError, "ChunkWriteFailed", $"{Describe}, chunk '{key}': {e.Message}", key, e);
        }
    }

    private static bool IsAllFill(ReadOnlySpan<byte> data, ChunkSpec spec)
    {
        int item = spec.DType.ItemSize;
        if (spec.FillIsZero) return data.IndexOfAnyExcept((byte)0) < 0;
        bool nanFill = spec.DType.IsFloat && double.IsNaN(Convert.ToDouble(ZarrFillValue.ToObject(spec.FillValue, spec.DType)));
        for (int off = 0; off < data.Length; off += item)
        {
            var e = data.Slice(off, item);
            if (e.SequenceEqual(spec.FillValue)) continue;
            if (nanFill && double.IsNaN(Convert.ToDouble(ZarrFillValue.ToObject(e, spec.DType)))) continue;
            return false;
        }
        return true;
    }

    /// <summary>Replaces the array's attributes and rewrites its metadata.</summary>
    public ZarrArray WithAttributes(OrderedDictionary<string, object?> attributes)
    {
        var meta = new ArrayMetadata
        {
            ZarrFormat = Metadata.ZarrFormat,
            Shape = Metadata.Shape,
            ChunkShape = Metadata.ChunkShape,
            DType = Metadata.DType,
            FillValue = Metadata.FillValue,
            Codecs = Metadata.Codecs,
            KeyEncoding = Metadata.KeyEncoding,
            DimensionNames = Metadata.DimensionNames,
            Attributes = attributes,
            Order = Metadata.Order,
            V2Compressor = Metadata.V2Compressor,
            V2Filters = Metadata.V2Filters,
        };
        var a = new ZarrArray(Store, Path, meta) { MaxParallelism = MaxParallelism, SkipEmptyChunks = SkipEmptyChunks };
        a.WriteMetadata();
        return a;
    }

    /// <summary>The metadata documents as JSON (for consolidated metadata).</summary>
    internal IEnumerable<(string Key, JsonObject Doc)> MetadataDocuments()
    {
        if (Metadata.ZarrFormat == 2)
        {
            yield return (StoreKey.Join(Path, ".zarray"), Metadata.ToV2ArrayJson());
            yield return (StoreKey.Join(Path, ".zattrs"), Metadata.ToV2AttrsJson());
        }
        else
        {
            yield return (StoreKey.Join(Path, "zarr.json"), Metadata.ToV3Json());
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"<zarr v{Metadata.ZarrFormat} array '{Name}' {DType.Name} ({string.Join(", ", Shape)})>";
}
