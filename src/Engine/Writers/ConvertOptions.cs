namespace ZarrPS.Engine.Writers;

/// <summary>Options of <see cref="ZarrConverter"/>: NetCDF (or any readable dataset) to Zarr.</summary>
public sealed class ConvertOptions
{
    /// <summary>Chunk length per dimension (0 or less: the whole dimension); dimensions not named keep the source's chunks.</summary>
    public IReadOnlyDictionary<string, long>? Chunks { get; init; }

    /// <summary>Zarr v3 shard length per dimension (a multiple of the chunk length).</summary>
    public IReadOnlyDictionary<string, long>? Shards { get; init; }

    /// <summary>Compressor name: blosc-zstd (default), blosc-lz4, blosc-zlib, zstd, zlib, gzip, none, or a numcodecs JSON object.</summary>
    public string Compressor { get; init; } = "blosc-zstd";

    /// <summary>Compression level (default: the compressor's).</summary>
    public int? Level { get; init; }

    /// <summary>Blosc shuffle: byte, bit or none (default byte).</summary>
    public string? Shuffle { get; init; }

    /// <summary>Variables to convert (with the coordinates they need); all when null.</summary>
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>w, w- (default) or a.</summary>
    public string Mode { get; init; } = "w-";

    /// <summary>With mode a: the dimension to append along.</summary>
    public string? AppendDim { get; init; }

    /// <summary>With several files: the dimension to join them along (default: the record/time dimension).</summary>
    public string? ConcatDim { get; init; }

    /// <summary>2 or 3.</summary>
    public int ZarrVersion { get; init; } = 2;

    /// <summary>Continue an interrupted conversion into the same destination.</summary>
    public bool Resume { get; init; }

    /// <summary>Bytes the conversion's tasks may hold at once.</summary>
    public long? MaxMemory { get; init; }

    /// <summary>Worker threads.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The directory relative paths resolve against.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Called after each chunk with (chunks done, chunks in all, bytes read so far).</summary>
    public Action<long, long, long>? Progress { get; init; }

    /// <summary>Stops the conversion between chunks (the destination stays marked incomplete).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Writes the converted dataset (default <see cref="ZarrWriter.Save"/>; the cluster passes its own).</summary>
    public Func<Model.Dataset, string, SaveOptions, SaveResult>? Writer { get; init; }
}
