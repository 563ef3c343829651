using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Codecs;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Formats.Zarr;

namespace ZarrPS.Engine.Writers;

/// <summary>
/// Rechunks every array of a Zarr group into a new store in bounded memory (rechunker's algorithm, <see cref="RechunkPlan"/>):
/// stored values are copied as they are (no decoding of CF attributes), block by block on the scheduler, through an
/// intermediate store only when read and write blocks differ. The destination is marked incomplete until its
/// metadata and consolidated metadata are written, last.
/// </summary>
public static class ZarrRechunker
{
    private sealed record Job(ZarrArray From, ZarrArray To, long[] Start, long[] Count);

    /// <summary>Rechunks the group at <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static RechunkResult Rechunk(string source, string destination, RechunkOptions options)
    {
        if (options.Mode is not ("w" or "w-"))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidMode", $"Unknown mode '{options.Mode}' for a rechunk (expected w or w-).", options.Mode);
        var srcStore = StoreFactory.Open(source, baseDirectory: options.BaseDirectory);
        var group = ZarrGroup.Open(srcStore, "");
        var names = options.Variables ?? group.ArrayNames;
        var arrays = names.Select(n => group.OpenArray(n)).ToArray();
        if (options.Chunks?.Keys.FirstOrDefault(k => !arrays.Any(a => a.DimensionNames?.Contains(k) == true)) is { } unknown)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                $"-Chunks names dimension '{unknown}', which no array of '{srcStore.Location}' has.", unknown);

        int workers = Math.Max(1, options.MaxParallelism ?? ComputeSession.MaxParallelism);
        long budget = options.MaxMemory ?? ComputeSession.MaxMemory;
        var plans = new Dictionary<string, RechunkPlan>(StringComparer.Ordinal);
        foreach (var a in arrays)
        {
            if (a.ShardShape is not null)
                throw new ZarrPSException(ErrorKind.NotImplemented, "ShardedRechunk", $"Array '{a.Path}' is sharded; rechunking sharded arrays is not supported yet.", a.Path);
            var target = new int[a.Shape.Length];
            for (int d = 0; d < target.Length; d++)
            {
                string? dim = a.DimensionNames?[d];
                target[d] = dim is not null && options.Chunks?.TryGetValue(dim, out long c) == true
                    ? (int)Math.Min(c <= 0 ? a.Shape[d] : c, int.MaxValue) : a.ChunkShape[d];
            }
            // Each task holds its block plus a decoded source chunk and an encoded target chunk (twice, for codec scratch).
            int item = a.DType.ItemSize;
            long overhead = 2 * (Product(a.ChunkShape) + Product(target)) * item;
            // Blocks stay under 1 GiB (spans are int-indexed; bigger blocks gain nothing).
            long perTask = Math.Min(budget / workers - overhead, 1L << 30);
            plans[a.Path] = RechunkPlan.Create(a.Shape, a.ChunkShape, target, item, perTask, $"'{a.Path}'");
        }

        var store = StoreFactory.OpenWritable(destination, options.BaseDirectory);
        if (ZarrNode.Exists(store, "") || IncompleteMarker.IsIncomplete(store))
        {
            if (options.Mode == "w-")
                throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreExists", $"'{store.Location}' exists; use -Mode w (or -Force) to replace it.", store.Location);
            store.DeletePrefix("");
        }
        else if (store.List().Any())
        {
            throw new ZarrPSException(ErrorKind.InvalidOperation, "NotAZarrStore", $"'{store.Location}' holds files but no Zarr store; refusing to write into it.", store.Location);
        }

        var targets = new Dictionary<string, ZarrArray>(StringComparer.Ordinal);
        foreach (var a in arrays)
        {
            var p = plans[a.Path];
            targets[a.Path] = ZarrArray.Create(store, a.Path, WithChunks(a.Metadata, p.Target, a.Metadata.Codecs), overwrite: true, writeMetadata: false);
            targets[a.Path].MaxParallelism = 1;
            a.MaxParallelism = 1;
        }
        IncompleteMarker.Write(store, IncompleteMarker.Fingerprint(targets.Select(t => (t.Key, t.Value.Metadata))));

        bool intermediate = plans.Values.Any(p => p.NeedsIntermediate);
        string tempPath = options.TempStore is { } t ? StoreFactory.ResolvePath(t, options.BaseDirectory) : store.Location.TrimEnd('/') + ".rechunk-tmp";
        IWritableStore? temp = null;
        var readJobs = new List<Job>();
        var writeJobs = new List<Job>();
        foreach (var a in arrays)
        {
            var p = plans[a.Path];
            var dst = targets[a.Path];
            if (!p.NeedsIntermediate)
            {
                writeJobs.AddRange(Blocks(p.Shape, p.Write).Select(b => new Job(a, dst, b.Start, b.Count)));
                continue;
            }
            temp ??= NewTemp(tempPath);
            // The intermediate holds stored values uncompressed: it is written once and read once, soon after.
            var md = WithChunks(a.Metadata, p.Intermediate, CodecChain.FromV2(a.Metadata.DType, 'C', null, null), v2: true);
            var mid = ZarrArray.Create(temp, a.Path, md, overwrite: true);
            mid.MaxParallelism = 1;
            readJobs.AddRange(Blocks(p.Shape, p.Read).Select(b => new Job(a, mid, b.Start, b.Count)));
            writeJobs.AddRange(Blocks(p.Shape, p.Write).Select(b => new Job(mid, dst, b.Start, b.Count)));
        }

        long total = readJobs.Count + writeJobs.Count, done = 0;
        var compute = new ComputeOptions
        {
            MaxParallelism = workers,
            MaxMemory = budget,
            Cancellation = options.Cancellation,
            Operation = $"rechunk {srcStore.Location} to {store.Location}",
            Progress = pr => options.Progress?.Invoke(Interlocked.Increment(ref done), total, pr.BytesRead),
        };
        long Need(Job j) => Product(j.Count) * j.From.DType.ItemSize + 2 * (Product(j.From.ChunkShape) + Product(j.To.ChunkShape)) * j.From.DType.ItemSize;
        // Blocks are hundreds of MB: native memory, one block per running task, reused by the tasks that follow (fresh
        // pages cost a page fault each) and given back to the OS at the end — not pooled arrays that stay resident.
        long blockBytes = readJobs.Concat(writeJobs).Select(j => Product(j.Count) * j.From.DType.ItemSize).DefaultIfEmpty(0).Max();
        var blocks = new System.Collections.Concurrent.ConcurrentBag<nint>();
        unsafe void Copy(Job j)
        {
            int bytes = checked((int)(Product(j.Count) * j.From.DType.ItemSize));
            if (!blocks.TryTake(out nint p)) p = (nint)NativeMemory.Alloc((nuint)Math.Max(1, blockBytes));
            try
            {
                var span = new Span<byte>((void*)p, bytes);
                j.From.ReadRegion(j.Start, j.Count, span);
                j.To.WriteRegion(j.Start, j.Count, span);
            }
            finally
            {
                blocks.Add(p);
            }
        }
        ComputeStats stats;
        try
        {
            stats = Scheduler.Measure(compute.Operation!, compute, () =>
            {
                if (readJobs.Count > 0) Scheduler.Run(readJobs, Need, Copy, compute, compute.Operation!, TaskKind.Write, j => $"{j.From.Path} to intermediate [{string.Join(",", j.Start)}]");
                Scheduler.Run(writeJobs, Need, Copy, compute, compute.Operation!, TaskKind.Write, j => $"{j.To.Path}[{string.Join(",", j.Start)}]");
            });
        }
        finally
        {
            unsafe
            {
                while (blocks.TryTake(out nint p)) NativeMemory.Free((void*)p);
            }
            if (temp is not null) DeleteTemp(tempPath);
        }

        // Metadata last: arrays, the group, the consolidated document; then the store is complete.
        foreach (var a in targets.Values) a.WriteMetadata();
        ZarrGroup.Create(store, "", group.ZarrFormat, new OrderedDictionary<string, object?>(group.Attributes, StringComparer.Ordinal), overwrite: false);
        ZarrGroup.Open(store, "", consolidated: false).WriteConsolidatedMetadata();
        store.Delete(IncompleteMarker.Key);
        return new RechunkResult(srcStore.Location, store.Location, plans, intermediate, total, stats);
    }

    private static IWritableStore NewTemp(string path)
    {
        DeleteTemp(path);
        return StoreFactory.OpenWritable(path);
    }

    private static void DeleteTemp(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    private static long Product(ReadOnlySpan<int> s)
    {
        long n = 1;
        foreach (var x in s) n *= x;
        return n;
    }

    private static long Product(long[] s) => StridedCopy.Product(s);

    private static IEnumerable<(long[] Start, long[] Count)> Blocks(long[] shape, int[] block)
    {
        var layout = ChunkLayout.Regular(shape, block);
        var grid = layout.GridShape;
        long n = layout.Count;
        if (shape.Length == 0)
        {
            yield return ([], []);
            yield break;
        }
        var idx = new long[grid.Length];
        for (long j = 0; j < n; j++)
        {
            long rem = j;
            for (int d = grid.Length - 1; d >= 0; d--) { idx[d] = rem % grid[d]; rem /= grid[d]; }
            yield return layout.Box(idx);
        }
    }

    private static ArrayMetadata WithChunks(ArrayMetadata md, int[] chunks, CodecChain codecs, bool v2 = false) => new()
    {
        ZarrFormat = v2 ? 2 : md.ZarrFormat,
        Shape = md.Shape,
        ChunkShape = chunks,
        DType = md.DType,
        FillValue = md.FillValue,
        Codecs = codecs,
        KeyEncoding = v2 ? ChunkKeyEncoding.V2Dot : md.KeyEncoding,
        DimensionNames = md.DimensionNames,
        Attributes = v2 ? new OrderedDictionary<string, object?>(StringComparer.Ordinal) : md.Attributes,
        Order = v2 ? 'C' : md.Order,
        V2Compressor = v2 ? null : md.V2Compressor,
        V2Filters = v2 ? null : md.V2Filters,
    };
}
