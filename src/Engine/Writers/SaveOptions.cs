namespace ZarrPS.Engine.Writers;

/// <summary>Options of <see cref="ZarrWriter.Save"/> (xarray's to_zarr).</summary>
public sealed class SaveOptions
{
    /// <summary>w (create, replacing what is there), w- (create, fail if it exists), a (append or add variables).</summary>
    public string Mode { get; init; } = "w-";

    /// <summary>With mode a: the dimension to append along.</summary>
    public string? AppendDim { get; init; }

    /// <summary>Per-variable encoding.</summary>
    public IReadOnlyDictionary<string, VariableEncoding>? Encoding { get; init; }

    /// <summary>Write consolidated metadata (.zmetadata) last.</summary>
    public bool Consolidated { get; init; } = true;

    /// <summary>2 or 3.</summary>
    public int ZarrVersion { get; init; } = 2;

    /// <summary>The compressor of variables whose encoding names none (zarr-python's default: Blosc lz4, level 5, byte shuffle).</summary>
    public string DefaultCompressor { get; init; } = "blosc-lz4";

    /// <summary>How many chunks are read, encoded and written at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Bytes the write's tasks may hold at once (default: the session's budget).</summary>
    public long? MaxMemory { get; init; }

    /// <summary>The directory relative paths resolve against.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Continue an interrupted write (a store holding the incomplete marker) with the same settings: chunks already
    /// written and decodable are kept, the rest are written, then the metadata.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>Called after each chunk with (chunks done, chunks in all, bytes written so far).</summary>
    public Action<long, long, long>? Progress { get; init; }

    /// <summary>Stops the write between chunks.</summary>
    public CancellationToken Cancellation { get; init; }
}
