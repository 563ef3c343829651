namespace ZarrPS.Engine.Writers;

/// <summary>How one variable is stored (xarray's encoding= of to_zarr); null members keep what the variable's own encoding says.</summary>
public sealed class VariableEncoding
{
    /// <summary>A compressor: a numcodecs configuration object as JSON, or a short name (blosc-lz4, blosc-zstd, zstd, zlib, gzip, none).</summary>
    public string? Compressor { get; init; }

    /// <summary>Chunk length per dimension of the variable.</summary>
    public IReadOnlyDictionary<string, long>? Chunks { get; init; }

    /// <summary>Zarr v3 only: shard length per dimension (a multiple of the chunk length); chunks are stored inside shards.</summary>
    public IReadOnlyDictionary<string, long>? Shards { get; init; }

    /// <summary>The stored dtype (numpy name), e.g. int16 for packing.</summary>
    public string? DType { get; init; }

    /// <summary>CF scale_factor for packing.</summary>
    public double? ScaleFactor { get; init; }

    /// <summary>CF add_offset for packing.</summary>
    public double? AddOffset { get; init; }

    /// <summary>The stored fill value (NaN by default for floats).</summary>
    public object? FillValue { get; init; }

    /// <summary>True when <see cref="FillValue"/> was given (so null means "no fill value").</summary>
    public bool HasFillValue { get; init; }

    /// <summary>CF time units for datetime variables, e.g. "hours since 2019-01-01".</summary>
    public string? Units { get; init; }

    /// <summary>CF calendar for datetime variables.</summary>
    public string? Calendar { get; init; }
}
