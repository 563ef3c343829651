using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Writers;

/// <summary>
/// NetCDF (or any dataset <see cref="DatasetOpener"/> reads) to Zarr with one compressor and chunking for every variable:
/// the seed's conversion step. The writing itself is <see cref="ZarrWriter"/>'s (chunks first, metadata last, the store
/// marked incomplete until done); this adds the choice of encoding and the compression table.
/// </summary>
public static class ZarrConverter
{
    /// <summary>Converts <paramref name="sources"/> (one file, or several joined along a dimension) into <paramref name="destination"/>.</summary>
    public static ConversionResult Convert(IReadOnlyList<string> sources, string destination, ConvertOptions options)
    {
        if (sources.Count == 0)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NoSource", "Convert-ToZarr needs at least one source file.", null);
        var open = new OpenOptions { Variables = options.Variables, BaseDirectory = options.BaseDirectory };
        using var ds = sources.Count == 1
            ? DatasetOpener.Open(sources[0], open)
            : MultiFileOpener.Open(sources, open, options.ConcatDim, options.MaxParallelism);
        return Convert(ds, sources, destination, options);
    }

    /// <summary>Converts an opened dataset; <paramref name="sources"/> only feeds the result's byte count.</summary>
    public static ConversionResult Convert(Dataset ds, IReadOnlyList<string> sources, string destination, ConvertOptions options)
    {
        var compressorDoc = CompressorSpec.ToV2(options.Compressor, options.Level, options.Shuffle);
        string compressor = compressorDoc?.ToJsonString() ?? "none";
        foreach (var dims in new[] { options.Chunks, options.Shards })
            if (dims?.Keys.FirstOrDefault(k => !ds.Dims.ContainsKey(k)) is { } unknown)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                    $"-{(dims == options.Chunks ? "Chunks" : "Shards")} names dimension '{unknown}', which the dataset does not have (dimensions: {string.Join(", ", ds.Dims.Keys)}).", unknown);
        var encoding = new Dictionary<string, VariableEncoding>(StringComparer.Ordinal);
        foreach (var (name, v) in ds.Variables)
        {
            encoding[name] = new VariableEncoding
            {
                Compressor = compressor,
                Chunks = Restrict(options.Chunks, v),
                Shards = Restrict(options.Shards, v),
            };
        }
        var save = (options.Writer ?? ZarrWriter.Save)(ds, destination, new SaveOptions
        {
            Mode = options.Mode,
            AppendDim = options.AppendDim,
            Encoding = encoding,
            ZarrVersion = options.ZarrVersion,
            DefaultCompressor = compressor,
            Resume = options.Resume,
            MaxMemory = options.MaxMemory,
            MaxParallelism = options.MaxParallelism,
            BaseDirectory = options.BaseDirectory,
            Progress = options.Progress,
            Cancellation = options.Cancellation,
        });

        var store = StoreFactory.Open(save.Path, baseDirectory: options.BaseDirectory);
        var group = ZarrGroup.Open(store, "", consolidated: false);
        var rows = new List<VariableCompression>();
        foreach (var name in group.ArrayNames)
        {
            var a = group.OpenArray(name);
            long raw = a.Metadata.Shape.Aggregate(1L, (p, s) => p * s) * a.Metadata.DType.ItemSize;
            rows.Add(new VariableCompression(name, a.DType.Name, a.Shape, a.ShardShape is null ? a.ChunkShape : a.Metadata.ChunkShape, raw, StoredBytes(store, name + "/")));
        }
        return new ConversionResult
        {
            Sources = sources,
            Destination = save.Path,
            Compressor = compressor,
            SourceBytes = sources.Sum(s => SourceSize(StoreFactory.ResolvePath(s, options.BaseDirectory))),
            BytesIn = rows.Sum(r => r.BytesIn),
            BytesOut = StoredBytes(store, ""),
            Variables = rows,
            Chunks = save.Chunks,
            ChunksSkipped = save.ChunksSkipped,
            Elapsed = save.Elapsed,
        };
    }

    /// <summary>The bytes of every stored value under <paramref name="prefix"/>.</summary>
    public static long StoredBytes(IReadableStore store, string prefix)
    {
        if (store is not IListableStore ls) return 0;
        long total = 0;
        foreach (var key in ls.List(prefix))
        {
            if (store is DirectoryStore ds) total += new FileInfo(ds.PathOf(key)).Length;
            else
            {
                using var b = store.Get(key);
                total += b?.Length ?? 0;
            }
        }
        return total;
    }

    private static long SourceSize(string path)
    {
        if (File.Exists(path)) return new FileInfo(path).Length;
        if (Directory.Exists(path)) return new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        return 0;
    }

    private static Dictionary<string, long>? Restrict(IReadOnlyDictionary<string, long>? dims, Variable v)
    {
        if (dims is null) return null;
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (k, n) in dims) if (v.AxisOf(k) >= 0) d[k] = n;
        return d.Count == 0 ? null : d;
    }
}
