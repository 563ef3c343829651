using System.Collections;
using System.Management.Automation;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Rechunks a Zarr store into a new one in bounded memory (rechunker's algorithm).</para>
/// <para type="description">Source chunks are merged into read blocks and target chunks into write blocks as large as
/// -MaxMemory allows (shared by -MaxParallelism workers); when the two differ the data goes through an intermediate store
/// (-TempStore, deleted at the end). Stored values are copied unchanged, attributes kept, consolidated metadata written
/// last. Prints the plan's task counts and the peak memory the tasks held.</para>
/// </summary>
/// <example><code>Optimize-XZarr era5.zarr -Destination era5_ts.zarr -Chunks @{time = 8760; latitude = 10; longitude = 10} -MaxMemory 512MB</code></example>
[Cmdlet(VerbsCommon.Optimize, "XZarr", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RechunkResult))]
public sealed class OptimizeXZarrCommand : ComputeCmdlet
{
    /// <summary><para type="description">The source Zarr store.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary><para type="description">The store to write.</para></summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Destination { get; set; } = "";

    /// <summary><para type="description">Target chunk length per dimension; 0 or -1 means the whole dimension; others keep the source's.</para></summary>
    [Parameter(Mandatory = true)]
    public IDictionary Chunks { get; set; } = null!;

    /// <summary><para type="description">Where to put the intermediate store when one is needed (default: next to -Destination).</para></summary>
    [Parameter]
    public string? TempStore { get; set; }

    /// <summary><para type="description">Only these arrays.</para></summary>
    [Parameter]
    public string[]? Variable { get; set; }

    /// <summary><para type="description">Replace the destination if it exists.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string src = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        string dst = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        if (!ShouldProcess(dst, $"Rechunk {src}")) return;
        var compute = Options($"rechunk {src}");
        Terminating(() =>
        {
            var options = new RechunkOptions
            {
                Chunks = ConvertToZarrCommand.Lengths(Chunks, nameof(Chunks)),
                MaxMemory = compute.MaxMemory,
                MaxParallelism = compute.MaxParallelism,
                TempStore = TempStore is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(TempStore),
                Mode = Force ? "w" : "w-",
                Variables = Variable,
                BaseDirectory = CurrentDirectory,
                Progress = ReportProgress,
                Cancellation = compute.Cancellation,
            };
            var progress = new ProgressRecord(1, "Optimize-XZarr", $"Rechunking into {dst}");
            WriteObject(RunWithProgress(() => ZarrRechunker.Rechunk(src, dst, options), progress));
        }, dst);
    }
}
