using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Codecs;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Model.Cf;

namespace ZarrPS.Engine.Writers;

/// <summary>
/// Writes a Dataset to a Zarr store the way xarray's to_zarr does (CF-encoded times and packing, _ARRAY_DIMENSIONS,
/// coordinates attributes), chunk by chunk on a bounded number of workers: chunks first, then each array's metadata,
/// then the group's and the consolidated metadata — so a store is never readable half-written.
/// </summary>
public static class ZarrWriter
{
    internal sealed record Plan(string Name, ILazyArray Data, ArrayMetadata Metadata, long[] Offset, bool Existing, bool Region = false);

    /// <summary>Saves <paramref name="ds"/> to <paramref name="path"/>.</summary>
    public static SaveResult Save(Dataset ds, string path, SaveOptions options)
    {
        var sw = Stopwatch.StartNew();
        var job = Begin(ds, path, options);
        long bytesIn = 0;
        var compute = new ComputeOptions
        {
            MaxParallelism = Math.Max(1, options.MaxParallelism),
            MaxMemory = options.MaxMemory,
            Cancellation = options.Cancellation,
            Operation = $"save to {job.Location}",
            Progress = p => options.Progress?.Invoke(p.Done, p.Total, Interlocked.Read(ref bytesIn)),
        };
        Scheduler.Measure(compute.Operation!, compute, () =>
        {
            // Small reductions the variables depend on (climatologies) are computed once, before the chunks that read them.
            job.Prepare(compute);
            Scheduler.Run(job.Pending, job.TaskBytes, t => Interlocked.Add(ref bytesIn, job.WriteChunk(t)),
                compute, compute.Operation!, TaskKind.Write, t => $"{t.Variable}[{string.Join(",", t.Start)}]");
        }, job.Roots);
        return job.Finish(bytesIn, sw.Elapsed);
    }

    /// <summary>
    /// Starts a write: checks the mode against the store, clears it for mode w, marks a new store incomplete, and
    /// plans every variable's chunks. The chunks (<see cref="ZarrWriteJob.Pending"/>) are then written by
    /// <see cref="ZarrWriteJob.WriteChunk"/> — here, or by workers elsewhere that <see cref="Attach"/> to the same
    /// write — and <see cref="ZarrWriteJob.Finish"/> writes the metadata last and removes the marker.
    /// </summary>
    public static ZarrWriteJob Begin(Dataset ds, string path, SaveOptions options)
    {
        string mode = options.Mode;
        if (mode is not ("w" or "w-" or "a"))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidMode", $"Unknown mode '{mode}' (expected w, w- or a).", mode);
        if (options.AppendDim is not null && mode != "a")
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidMode", $"-AppendDim needs -Mode a (the mode is '{mode}').", mode);
        if (options.Region is { Count: > 0 } && (mode != "a" || options.AppendDim is not null))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidMode", "-Region writes into an existing store: use it with -Mode a and without -AppendDim.", "Region");
        var store = StoreFactory.Open(path, writable: true, baseDirectory: options.BaseDirectory) as IWritableStore
            ?? throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreReadOnly", $"'{path}' cannot be written.", path);
        bool exists = ZarrNode.Exists(store, "");
        bool incomplete = mode != "a" && store.Exists(IncompleteMarker.Key);
        bool resuming = options.Resume && incomplete;
        switch (mode)
        {
            case "w" or "w-" when resuming:
                break;
            case "w-" when incomplete:
                throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreIncomplete",
                    $"'{store.Location}' holds an interrupted write (it has the marker '{IncompleteMarker.Key}'); use -Resume to continue it or -Mode w to replace it.", store.Location);
            case "w-" when exists:
                throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreExists",
                    $"A Zarr store already exists at '{store.Location}'; use -Mode w to replace it or -Mode a to append.", store.Location);
            case "w" when exists || incomplete:
                store.DeletePrefix("");
                break;
            case "w" or "w-" when store.List().Any():
                throw new ZarrPSException(ErrorKind.InvalidOperation, "NotAZarrStore",
                    $"'{store.Location}' holds files but no Zarr store; refusing to write into it.", store.Location);
            case "a" when !exists:
                throw new ZarrPSException(ErrorKind.NotFound, "StoreNotFound", $"There is no Zarr store at '{store.Location}' to append to.", store.Location);
            case "a" when store.Exists(IncompleteMarker.Key):
                throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreIncomplete",
                    $"'{store.Location}' holds an interrupted write (marker '{IncompleteMarker.Key}'); finish it with -Resume before appending.", store.Location);
        }
        return PlanJob(ds, store, options, creating: true, resuming);
    }

    /// <summary>
    /// Joins a write another process began with <see cref="Begin"/> on the same dataset and options: the same plan
    /// and task list, without touching the store until chunks are written (the metadata is still the old one, or none).
    /// </summary>
    public static ZarrWriteJob Attach(Dataset ds, string path, SaveOptions options)
    {
        var store = StoreFactory.Open(path, writable: true, baseDirectory: options.BaseDirectory) as IWritableStore
            ?? throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreReadOnly", $"'{path}' cannot be written.", path);
        return PlanJob(ds, store, options, creating: false, resuming: false);
    }

    private static ZarrWriteJob PlanJob(Dataset ds, IWritableStore store, SaveOptions options, bool creating, bool resuming)
    {
        string mode = options.Mode;
        ZarrGroup? existing = mode == "a" ? ZarrGroup.Open(store, "", consolidated: false) : null;
        int version = existing?.ZarrFormat ?? options.ZarrVersion;
        var plans = new List<Plan>();
        Dictionary<string, (long Start, long Count)>? region = null;
        if (options.Region is { Count: > 0 } labels) region = ResolveRegion(store, labels, options);
        if (options.Encoding is { } enc && enc.Keys.FirstOrDefault(k => !ds.Variables.ContainsKey(k)) is { } unknown)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "VariableNotFound",
                $"-Encoding names variable '{unknown}', which the dataset does not have (variables: {string.Join(", ", ds.Variables.Keys)}).", unknown);
        if (options.AppendDim is { } appendDim && !ds.Dims.ContainsKey(appendDim))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                $"The dataset has no dimension '{appendDim}' to append along (dimensions: {string.Join(", ", ds.Dims.Keys)}).", appendDim);
        foreach (var (name, v) in ds.Variables)
            if (PlanVariable(ds, name, v, options, version, store, existing, region) is { } plan) plans.Add(plan);

        // Chunk tasks over every variable.
        var arrays = new List<(Plan Plan, ZarrArray Array)>();
        foreach (var p in plans)
        {
            var array = p.Existing || !creating || resuming ? new ZarrArray(store, p.Name, p.Metadata) : ZarrArray.Create(store, p.Name, p.Metadata, overwrite: true, writeMetadata: false);
            array.MaxParallelism = 1;
            arrays.Add((p, array));
        }
        var tasks = new List<ZarrWriteTask>();
        for (int a = 0; a < arrays.Count; a++)
        {
            var (p, _) = arrays[a];
            var shape = p.Data.Shape;
            var layout = ChunkLayout.Regular(shape, p.Metadata.ChunkShape);
            // Appends start mid-chunk when the old length is not a multiple of the chunk: align the first task.
            if (p.Offset.Any(o => o != 0))
                layout = AlignedLayout(shape, p.Metadata.ChunkShape, p.Offset);
            var grid = layout.GridShape;
            long n = layout.Count;
            var idx = new long[grid.Length];
            for (long j = 0; j < n; j++)
            {
                long rem = j;
                for (int d = grid.Length - 1; d >= 0; d--) { idx[d] = rem % grid[d]; rem /= grid[d]; }
                var (st, cn) = layout.Box(idx);
                tasks.Add(new ZarrWriteTask(tasks.Count, a, p.Name, st, cn));
            }
            if (shape.Length == 0) tasks.Add(new ZarrWriteTask(tasks.Count, a, p.Name, [], []));
        }

        // A new store is marked incomplete before its first chunk and unmarked after its last metadata document:
        // a killed write leaves no readable store, and -Resume can tell which settings it was written with.
        string? fingerprint = mode == "a" ? null : IncompleteMarker.Fingerprint(plans.Select(p => (p.Name, p.Metadata)));
        if (fingerprint is not null && creating)
        {
            if (resuming)
            {
                IncompleteMarker.Check(store, fingerprint);
                // The killed run may have left the temporary file of the chunk it was writing.
                if (store is DirectoryStore) DirectoryStore.DeleteTemporaryFiles(store.Location);
            }
            else IncompleteMarker.Write(store, fingerprint);
        }
        var pending = resuming
            ? tasks.Where(t => arrays[t.Array].Plan.Existing || !IncompleteMarker.ChunkDone(arrays[t.Array].Array, t.Start, t.Count)).ToList()
            : tasks;
        return new ZarrWriteJob(ds, store, options, existing is null, arrays, tasks, pending, creating ? fingerprint : null);
    }

    internal static IEnumerable<string> ChunkKeysOf(ZarrArray a) => ChunkKeys(a);

    internal static long SizeOfKey(IReadableStore store, string key) => SizeOf(store, key);

    // Labels (as Select-XData -Sel takes them) against the store's own coordinates, as contiguous position ranges.
    private static Dictionary<string, (long Start, long Count)> ResolveRegion(IWritableStore store, IReadOnlyDictionary<string, object?> labels, SaveOptions options)
    {
        using var target = DatasetOpener.Open(store.Location, new OpenOptions { BaseDirectory = options.BaseDirectory });
        var positions = new Dictionary<string, object?>(StringComparer.Ordinal);
        var byLabel = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (dim, spec) in labels)
        {
            if (!target.Dims.ContainsKey(dim))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                    $"-Region names dimension '{dim}', which the store does not have (dimensions: {string.Join(", ", target.Dims.Keys)}).", dim);
            // A range of positions (start..stop, stop exclusive) is taken as positions, as xarray's region slices.
            if (spec is Range) positions[dim] = spec;
            else byLabel[dim] = spec;
        }
        var sel = Sel.Resolve(byLabel, d => target.Variables.TryGetValue(d, out var v) && v.Rank == 1 && v.Dims[0] == d ? v : null, target.Dims.Keys, SelectMethod.Exact, null);
        var result = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var (dim, spec) in positions)
        {
            var r = (Range)spec!;
            long n = target.Dims[dim];
            long start = r.Start.IsFromEnd ? n - r.Start.Value : r.Start.Value, stop = r.End.IsFromEnd ? n - r.End.Value : r.End.Value;
            if (start < 0 || stop > n || stop <= start)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionOutOfBounds", $"-Region {start}:{stop} of '{dim}' is outside its {n} elements.", dim);
            result[dim] = (start, stop - start);
        }
        foreach (var (dim, s) in sel)
        {
            if (s.Count == 0)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionEmpty", $"-Region '{labels[dim]}' selects nothing of '{dim}' in the store.", dim);
            if (s.IsList || s.Step != 1)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionNotContiguous", $"-Region '{labels[dim]}' of '{dim}' is not one contiguous range of positions.", dim);
            result[dim] = (s.Start, s.Count);
        }
        return result;
    }

    private static IEnumerable<string> ChunkKeys(ZarrArray a)
    {
        if (a.Store is not IListableStore ls) yield break;
        foreach (var k in ls.List(a.Path + "/"))
        {
            var leaf = k[(a.Path.Length + 1)..];
            if (leaf is ".zarray" or ".zattrs" or "zarr.json") continue;
            yield return k;
        }
    }

    private static long SizeOf(IReadableStore store, string key)
    {
        if (store is DirectoryStore ds)
        {
            var fi = new FileInfo(ds.PathOf(key));
            return fi.Exists ? fi.Length : 0;
        }
        using var b = store.Get(key);
        return b?.Length ?? 0;
    }

    private static ChunkLayout AlignedLayout(long[] shape, int[] chunk, long[] offset)
    {
        var sizes = new long[shape.Length][];
        for (int d = 0; d < shape.Length; d++)
        {
            var s = new List<long>();
            long pos = 0;
            long firstLen = Math.Min(shape[d], (chunk[d] - offset[d] % chunk[d]) % chunk[d] is var r && r > 0 ? r : chunk[d]);
            if (firstLen > 0) { s.Add(firstLen); pos = firstLen; }
            while (pos < shape[d]) { long c = Math.Min(chunk[d], shape[d] - pos); s.Add(c); pos += c; }
            sizes[d] = s.ToArray();
        }
        return new ChunkLayout(sizes);
    }

    private static Plan? PlanVariable(Dataset ds, string name, Variable v, SaveOptions options, int version, IWritableStore store, ZarrGroup? existing,
        IReadOnlyDictionary<string, (long Start, long Count)>? region)
    {
        var user = options.Encoding?.GetValueOrDefault(name);
        var enc = v.Encoding;
        var attrs = new OrderedDictionary<string, object?>(v.Attrs, StringComparer.Ordinal);
        ILazyArray data = v.Data;
        DataType stored = v.DType;
        byte[]? fill = null;

        // Existing arrays when appending: their stored form decides the encoding of the new values.
        ArrayMetadata? old = null;
        long[] offset = new long[v.Rank];
        if (existing is not null)
        {
            old = ZarrNode.TryReadArrayMetadata(store, name);
            if (region is not null)
            {
                if (!region.Keys.Any(k => v.AxisOf(k) >= 0))
                {
                    // Variables without a region dimension (coordinates such as latitude) must equal the store's.
                    if (old is null)
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionMismatch",
                            $"Cannot write a region: variable '{name}' has none of the region's dimensions ({string.Join(", ", region.Keys)}) and is not in the store; drop it.", name);
                    CheckUnchanged(name, v, old, store);
                    return null;
                }
                if (old is null)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionMismatch", $"Cannot write a region of variable '{name}': the store has no such variable.", name);
                var oldDims = old.DimensionNames ?? [];
                if (!oldDims.SequenceEqual(v.Dims))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionMismatch",
                        $"Cannot write a region of variable '{name}': it has dimensions ({string.Join(", ", v.Dims)}) but the store has ({string.Join(", ", oldDims)}).", name);
                for (int d = 0; d < v.Rank; d++)
                {
                    string dim = v.Dims[d];
                    if (!region.TryGetValue(dim, out var r))
                    {
                        if (old.Shape[d] != v.Shape[d])
                            throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionMismatch",
                                $"Cannot write a region of variable '{name}': dimension '{dim}' has {v.Shape[d]} elements but {old.Shape[d]} in the store (only region dimensions may differ).", name);
                        continue;
                    }
                    if (r.Count != v.Shape[d])
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionMismatch",
                            $"Cannot write a region of variable '{name}': the region holds {r.Count} elements of '{dim}' ({r.Start}:{r.Start + r.Count}) but the data has {v.Shape[d]}.", name);
                    long chunk = old.ChunkShape[d], end = r.Start + r.Count;
                    // As xarray: a region must cover whole chunks, or two writers could rewrite one chunk and lose data.
                    if (r.Start % chunk != 0 || (end % chunk != 0 && end != old.Shape[d]))
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "RegionNotAligned",
                            $"The region {r.Start}:{end} of '{dim}' is not aligned to the chunks of variable '{name}' ({chunk} along '{dim}'): " +
                            $"it must start and end on a chunk boundary (multiples of {chunk}, or the end at {old.Shape[d]}).", dim);
                    offset[d] = r.Start;
                }
                enc = StoredEncoding(enc, old);
            }
            else if (old is not null)
            {
                if (options.AppendDim is { } ad && v.AxisOf(ad) is int axis && axis >= 0)
                {
                    var oldDims = old.DimensionNames ?? [];
                    if (!oldDims.SequenceEqual(v.Dims))
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "AppendMismatch",
                            $"Cannot append variable '{name}': it has dimensions ({string.Join(", ", v.Dims)}) but the store has ({string.Join(", ", oldDims)}).", name);
                    for (int d = 0; d < v.Rank; d++)
                        if (d != axis && old.Shape[d] != v.Shape[d])
                            throw new ZarrPSException(ErrorKind.InvalidArgument, "AppendMismatch",
                                $"Cannot append variable '{name}' along '{ad}': dimension '{v.Dims[d]}' has {v.Shape[d]} elements but {old.Shape[d]} in the store.", name);
                    offset[axis] = old.Shape[axis];
                    enc = StoredEncoding(enc, old);
                }
                else if (options.AppendDim is not null)
                {
                    CheckUnchanged(name, v, old, store);
                    return null;
                }
            }
            else if (options.AppendDim is { } ad2 && v.AxisOf(ad2) >= 0)
            {
                throw new ZarrPSException(ErrorKind.InvalidArgument, "AppendMismatch", $"Cannot append variable '{name}': the store has no such variable.", name);
            }
        }

        // Times: CF units and calendar, stored as integers where exact.
        if (v.DType.Kind == ScalarKind.DateTime64)
        {
            string? units = user?.Units ?? enc.GetValueOrDefault("units") as string;
            string? calendar = user?.Calendar ?? enc.GetValueOrDefault("calendar") as string;
            var encoded = TimeEncoding.Encode(data, units, calendar, name);
            data = encoded.Data;
            stored = encoded.Data.DType;
            attrs["units"] = encoded.Units;
            attrs["calendar"] = encoded.Calendar;
            if (encoded.FillValue is double tf) fill = ZarrFillValue.FromObject(tf, stored);
        }
        else
        {
            double? scale = user?.ScaleFactor ?? ToDouble(enc.GetValueOrDefault("scale_factor"));
            double? addOffset = user?.AddOffset ?? ToDouble(enc.GetValueOrDefault("add_offset"));
            string? dtypeName = user?.DType ?? (scale is not null || addOffset is not null ? enc.GetValueOrDefault("dtype") as string : null);
            object? fillObj = user is { HasFillValue: true } ? user.FillValue : enc.TryGetValue("_FillValue", out var ef) ? ef : v.DType.IsFloat ? double.NaN : null;
            if (dtypeName is not null)
            {
                stored = DataType.ParseName(dtypeName);
                if (stored != v.DType || scale is not null || addOffset is not null)
                {
                    if (!v.DType.IsFloat && (scale is not null || addOffset is not null))
                        throw new ZarrPSException(ErrorKind.InvalidArgument, "CfEncodeFailed", $"Variable '{name}' is {v.DType.Name}; only floating-point variables can be packed with scale_factor/add_offset.", name);
                    if (v.DType.IsFloat)
                    {
                        double? f = fillObj is null ? null : Convert.ToDouble(fillObj, CultureInfo.InvariantCulture);
                        data = new PackArray(data, stored, scale, addOffset, f);
                    }
                    else if (stored != v.DType)
                    {
                        throw new ZarrPSException(ErrorKind.NotImplemented, "CfEncodeFailed", $"Converting variable '{name}' from {v.DType.Name} to {stored.Name} on write is not supported.", name);
                    }
                }
                if (scale is not null) attrs["scale_factor"] = scale.Value;
                if (addOffset is not null) attrs["add_offset"] = addOffset.Value;
            }
            if (fillObj is not null && v.DType.Kind is not (ScalarKind.FixedBytes or ScalarKind.FixedUnicode))
            {
                if (stored.IsInteger && fillObj is double fd && double.IsNaN(fd)) fill = null;
                else fill = ZarrFillValue.FromObject(fillObj is Half h ? (double)h : fillObj, stored);
            }
        }
        if (enc.TryGetValue("missing_value", out var mv) && mv is not null) attrs["missing_value"] = mv;
        attrs.Remove("_FillValue");

        // Non-index coordinates this variable carries.
        if (!ds.CoordNames.Contains(name))
        {
            var coords = ds.Coords.Where(c => !(ds.Variables[c].Rank == 1 && ds.Variables[c].Dims[0] == c) && ds.Variables[c].Dims.All(d => v.AxisOf(d) >= 0)).ToArray();
            if (coords.Length > 0) attrs["coordinates"] = string.Join(" ", coords);
        }

        if (old is not null && region is not null)
            return new Plan(name, data, old, offset, Existing: true, Region: true);
        if (old is not null && offset.Any(o => o != 0))
        {
            var grown = old.Shape.Select((s, d) => s + (offset[d] > 0 ? v.Shape[d] : 0)).ToArray();
            var meta = new ArrayMetadata
            {
                ZarrFormat = old.ZarrFormat,
                Shape = grown,
                ChunkShape = old.ChunkShape,
                DType = old.DType,
                FillValue = old.FillValue,
                Codecs = old.Codecs,
                KeyEncoding = old.KeyEncoding,
                DimensionNames = old.DimensionNames,
                Attributes = old.Attributes,
                Order = old.Order,
                V2Compressor = old.V2Compressor,
                V2Filters = old.V2Filters,
            };
            return new Plan(name, data, meta, offset, Existing: true);
        }

        int[] chunks = ChunkShape(v, user);
        string compressor = user?.Compressor ?? options.DefaultCompressor;
        ArrayMetadata md;
        if (version == 3)
        {
            var codecs = new JsonArray { new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } } };
            foreach (var c in CompressorSpec.ToV3(compressor, stored.ItemSize)) codecs.Add(c!.DeepClone());
            if (user?.Shards is { Count: > 0 } shards)
            {
                // Shards hold whole chunks: each shard length is rounded up to a multiple of the chunk length.
                var inner = chunks;
                chunks = new int[v.Rank];
                for (int d = 0; d < v.Rank; d++)
                {
                    long want = shards.TryGetValue(v.Dims[d], out long s) ? (s <= 0 ? v.Shape[d] : s) : inner[d];
                    long k = Math.Max(1, (Math.Min(want, Math.Max(1, v.Shape[d])) + inner[d] - 1) / inner[d]);
                    chunks[d] = checked((int)(k * inner[d]));
                }
                codecs = new JsonArray
                {
                    new JsonObject
                    {
                        ["name"] = "sharding_indexed",
                        ["configuration"] = new JsonObject
                        {
                            ["chunk_shape"] = new JsonArray(inner.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                            ["codecs"] = codecs,
                            ["index_codecs"] = new JsonArray
                            {
                                new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } },
                                new JsonObject { ["name"] = "crc32c" },
                            },
                            ["index_location"] = "end",
                        },
                    },
                };
            }
            md = new ArrayMetadata
            {
                ZarrFormat = 3,
                Shape = v.Shape,
                ChunkShape = chunks,
                DType = stored.Native,
                FillValue = fill ?? new byte[stored.ItemSize],
                Codecs = CodecChain.FromV3(codecs, stored.Native),
                KeyEncoding = ChunkKeyEncoding.V3Slash,
                DimensionNames = v.Dims.ToArray(),
                Attributes = attrs,
            };
        }
        else
        {
            if (user?.Shards is { Count: > 0 })
                throw new ZarrPSException(ErrorKind.InvalidArgument, "ShardsNeedV3", $"Variable '{name}': shards exist only in Zarr v3; add -ZarrVersion 3.", name);
            var comp = CompressorSpec.ToV2(compressor);
            var st = stored.WithByteOrder(false);
            md = new ArrayMetadata
            {
                ZarrFormat = 2,
                Shape = v.Shape,
                ChunkShape = chunks,
                DType = st,
                FillValue = fill,
                Codecs = CodecChain.FromV2(st, 'C', null, comp),
                KeyEncoding = ChunkKeyEncoding.V2Dot,
                DimensionNames = v.Dims.ToArray(),
                Attributes = attrs,
                V2Compressor = comp,
            };
        }
        return new Plan(name, data, md, offset, Existing: false);
    }

    // The encoding an existing array was stored with decides how new values are encoded into it.
    private static Dictionary<string, object?> StoredEncoding(IReadOnlyDictionary<string, object?> enc, ArrayMetadata old)
    {
        var e = new Dictionary<string, object?>(enc);
        foreach (var key in new[] { "units", "calendar", "scale_factor", "add_offset" })
            if (old.Attributes.TryGetValue(key, out var ov)) e[key] = ov;
        e["dtype"] = old.DType.Native.Name;
        if (old.FillValue is { } of) e["_FillValue"] = ZarrFillValue.ToObject(of, old.DType.Native);
        return e;
    }

    private static void CheckUnchanged(string name, Variable v, ArrayMetadata old, IWritableStore store)
    {
        if (!old.Shape.SequenceEqual(v.Shape))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "AppendMismatch",
                $"Cannot append: variable '{name}' has shape ({string.Join(", ", v.Shape)}) but ({string.Join(", ", old.Shape)}) in the store.", name);
        if (v.Rank != 1 || v.Size > 1 << 20 || !v.DType.IsNumeric) return;
        var oldValues = Stats(ArrayValues.ReadAll(new SourceArray(new ZarrArray(store, name, old))));
        var newValues = Stats(ArrayValues.ReadAll(v.Data));
        for (int i = 0; i < oldValues.Length; i++)
            if (!(oldValues[i] == newValues[i] || (double.IsNaN(oldValues[i]) && double.IsNaN(newValues[i])) || Math.Abs(oldValues[i] - newValues[i]) <= 1e-9 * Math.Abs(oldValues[i])))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "AppendMismatch",
                    $"Cannot append: coordinate '{name}' differs from the store's at position {i} ({Repr.FormatValue(newValues[i])} vs {Repr.FormatValue(oldValues[i])}).", name);
    }

    private static double[] Stats(Array a) => a.Cast<object>().Select(o => Convert.ToDouble(o is Half h ? (double)h : o, CultureInfo.InvariantCulture)).ToArray();

    private static double? ToDouble(object? o) => o switch
    {
        null => null,
        Half h => (double)h,
        System.Collections.IEnumerable and not string => null,
        _ => Convert.ToDouble(o, CultureInfo.InvariantCulture),
    };

    private static int[] ChunkShape(Variable v, VariableEncoding? user)
    {
        var c = new int[v.Rank];
        var lazy = v.Chunks.ChunkSize;
        for (int d = 0; d < v.Rank; d++)
        {
            long want = lazy[d];
            if (user?.Chunks is { } uc && uc.TryGetValue(v.Dims[d], out long u)) want = u <= 0 ? v.Shape[d] : u;
            c[d] = (int)Math.Clamp(want, 1, Math.Max(1, Math.Min(v.Shape[d], int.MaxValue)));
        }
        return c;
    }
}
