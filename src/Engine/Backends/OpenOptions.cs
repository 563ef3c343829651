namespace ZarrPS.Engine.Backends;

/// <summary>How to open a dataset (the parameters of Open-XDataset and xr.open_dataset).</summary>
public sealed class OpenOptions
{
    /// <summary>"auto" (by magic bytes and extension), "zarr" or "netcdf".</summary>
    public string Engine { get; init; } = "auto";

    /// <summary>A group path inside a Zarr store.</summary>
    public string? Group { get; init; }

    /// <summary>Consolidated metadata: null uses it when present, true requires it, false ignores it.</summary>
    public bool? Consolidated { get; init; }

    /// <summary>Chunk length per dimension; dimensions not named keep the stored chunks. Null: stored chunks.</summary>
    public IReadOnlyDictionary<string, long>? Chunks { get; init; }

    /// <summary>"auto" chunking: about <see cref="AutoChunkBytes"/> per chunk, in multiples of the stored chunks.</summary>
    public bool AutoChunks { get; init; }

    /// <summary>Target chunk size for <see cref="AutoChunks"/> (dask's default is 128 MiB).</summary>
    public long AutoChunkBytes { get; init; } = 128L << 20;

    /// <summary>Only these variables (plus the coordinates they need); null for all.</summary>
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>Decode CF times to dates.</summary>
    public bool DecodeTimes { get; init; } = true;

    /// <summary>Apply scale_factor/add_offset and mask _FillValue/missing_value.</summary>
    public bool MaskAndScale { get; init; } = true;

    /// <summary>The directory relative paths are resolved against (PowerShell's current location).</summary>
    public string? BaseDirectory { get; init; }
}
