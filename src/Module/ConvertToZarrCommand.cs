using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ZarrPS.Cluster.Client;
using ZarrPS.Engine.Model;
using ZarrPS.Engine;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Converts NetCDF files (or any dataset Open-XDataset reads) to a compressed, rechunked Zarr store.</para>
/// <para type="description">Every variable gets the same compressor and the chunk lengths given per dimension. Chunks are
/// written first and metadata last; until the end the destination holds the marker '.zarrps-incomplete', so a killed
/// conversion never leaves a readable half-written store, and -Resume continues it. The result prints as a compression
/// table (bytes in, bytes out and ratio per variable; elapsed time and throughput).</para>
/// </summary>
/// <example><code>Convert-ToZarr era5_*.nc -Destination era5.zarr -Chunks @{time = 24} -Compressor blosc-zstd -Level 3 -Shuffle bit</code></example>
[Cmdlet(VerbsData.Convert, "ToZarr", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ConversionResult))]
public sealed class ConvertToZarrCommand : ComputeCmdlet
{
    private readonly List<string> _paths = [];

    /// <summary><para type="description">Source files (wildcards allowed); several files are joined along -ConcatDim.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string[] Path { get; set; } = [];

    /// <summary><para type="description">The Zarr store to write (a folder).</para></summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Destination { get; set; } = "";

    /// <summary><para type="description">Chunk length per dimension, e.g. @{time = 24; latitude = 121}; 0 or -1 means the whole dimension.</para></summary>
    [Parameter]
    public IDictionary? Chunks { get; set; }

    /// <summary><para type="description">blosc-zstd (default), blosc-lz4, blosc-zlib, zstd, zlib, gzip, none (or a numcodecs JSON object).</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(CompressorCompleter))]
    public string Compressor { get; set; } = "blosc-zstd";

    /// <summary><para type="description">Compression level (default: the compressor's own: blosc 5, zstd 3, zlib/gzip 1).</para></summary>
    [Parameter]
    [ValidateRange(0, 22)]
    public int? Level { get; set; }

    /// <summary><para type="description">Blosc shuffle: byte (default), bit or none.</para></summary>
    [Parameter]
    [ValidateSet("byte", "bit", "none")]
    public string? Shuffle { get; set; }

    /// <summary><para type="description">Only these variables (and the coordinates they use).</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(VariableNameCompleter))]
    public string[]? Variable { get; set; }

    /// <summary><para type="description">w (replace), w- (create; fail if it exists; the default), a (append along -AppendDim).</para></summary>
    [Parameter]
    [ValidateSet("w", "w-", "a")]
    public string Mode { get; set; } = "w-";

    /// <summary><para type="description">With -Mode a, the dimension to append along.</para></summary>
    [Parameter]
    public string? AppendDim { get; set; }

    /// <summary><para type="description">With several files, the dimension to join them along (default: the record or time dimension).</para></summary>
    [Parameter]
    public string? ConcatDim { get; set; }

    /// <summary><para type="description">Zarr format 2 (default) or 3.</para></summary>
    [Parameter]
    [ValidateSet("2", "3")]
    public int ZarrVersion { get; set; } = 2;

    /// <summary><para type="description">Zarr v3 shard length per dimension (multiples of -Chunks).</para></summary>
    [Parameter]
    public IDictionary? Shards { get; set; }

    /// <summary><para type="description">Continue an interrupted conversion: chunks already written (and decodable) are kept.</para></summary>
    [Parameter]
    public SwitchParameter Resume { get; set; }

    /// <summary><para type="description">Replace an existing store (the same as -Mode w).</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var p in Path)
        {
            if (Engine.Backends.DatasetOpener.IsUrl(p))
            {
                _paths.Add(p);
            }
            else if (WildcardPattern.ContainsWildcardCharacters(p))
            {
                var found = SessionState.Path.GetResolvedProviderPathFromPSPath(p, out _);
                if (found.Count == 0)
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No files match '{p}'."), "PathNotFound,ZarrPS", ErrorCategory.ObjectNotFound, p));
                _paths.AddRange(found.Order(StringComparer.Ordinal));
            }
            else
            {
                _paths.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_paths.Count == 0) return;
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        string mode = Force && Mode == "w-" ? "w" : Mode;
        string what = _paths.Count == 1 ? _paths[0] : $"{_paths.Count} files";
        string action = Resume ? $"Resume converting {what}" : mode == "a" ? $"Append {what} along '{AppendDim}'" : $"Convert {what} to Zarr";
        if (!ShouldProcess(full, action)) return;
        var compute = Options($"convert to {full}");
        Terminating(() =>
        {
            var options = new ConvertOptions
            {
                Chunks = Lengths(Chunks, nameof(Chunks)),
                Shards = Lengths(Shards, nameof(Shards)),
                Compressor = Compressor,
                Level = Level,
                Shuffle = Shuffle,
                Variables = Variable,
                Mode = mode,
                AppendDim = AppendDim,
                ConcatDim = ConcatDim,
                ZarrVersion = ZarrVersion,
                Resume = Resume.IsPresent,
                MaxMemory = compute.MaxMemory,
                MaxParallelism = compute.MaxParallelism ?? Environment.ProcessorCount,
                BaseDirectory = CurrentDirectory,
                Progress = ReportProgress,
                Cancellation = compute.Cancellation,
                Writer = ClusterWriter(),
            };
            var progress = new ProgressRecord(1, "Convert-ToZarr", $"Writing {full}");
            WriteObject(RunWithProgress(() => ZarrConverter.Convert(_paths, full, options), progress));
        }, full);
    }

    // With -Cluster (or a session cluster and a source the silos can open) the silos write the chunks.
    private Func<Dataset, string, SaveOptions, SaveResult>? ClusterWriter()
    {
        var (cluster, strict) = TargetCluster();
        if (cluster is null) return null;
        return (ds, path, save) => strict || ClusterWrite.CanRun(ds, out _) ? ClusterWrite.Save(ds, path, save, cluster) : ZarrWriter.Save(ds, path, save);
    }

    internal static Dictionary<string, long>? Lengths(IDictionary? d, string parameter)
    {
        if (d is null) return null;
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in d)
        {
            string key = e.Key?.ToString() ?? "";
            object? v = e.Value is PSObject p ? p.BaseObject : e.Value;
            try { result[key] = System.Convert.ToInt64(v, CultureInfo.InvariantCulture); }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidChunks", $"-{parameter}: the length for dimension '{key}' must be an integer, not '{v}'.", key);
            }
        }
        return result;
    }
}
