using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ZarrPS.Cluster.Client;
using ZarrPS.Engine;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Writers;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Writes a Dataset to a Zarr store (xarray's to_zarr), chunk by chunk.</para>
/// <para type="description">Times are CF-encoded, packed variables (scale_factor/add_offset) are packed again, and the
/// store is laid out as xarray writes it (_ARRAY_DIMENSIONS, consolidated metadata). Chunks are written first and
/// metadata last, so a store that is interrupted is never readable half-written.</para>
/// </summary>
/// <example><code>Open-XDataset era5.nc | Save-XDataset -Path era5.zarr -Encoding @{t2m = @{Compressor = 'blosc-zstd'; Chunks = @{time = 24}}}</code></example>
[Cmdlet(VerbsData.Save, "XDataset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SaveResult))]
public sealed class SaveXDatasetCommand : ComputeCmdlet
{
    /// <summary><para type="description">The Dataset to write (a DataArray is written as a Dataset of that one variable).</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [DatasetTransformation]
    public Dataset InputObject { get; set; } = null!;

    /// <summary><para type="description">The Zarr store (a folder).</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = "";

    /// <summary><para type="description">w (replace), w- (create; fail if it exists; the default), a (append or add variables).</para></summary>
    [Parameter]
    [ValidateSet("w", "w-", "a")]
    public string Mode { get; set; } = "w-";

    /// <summary><para type="description">With -Mode a, the dimension to append along.</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(DimensionNameCompleter))]
    public string? AppendDim { get; set; }

    /// <summary><para type="description">Write into this region of an existing store (xarray's region=): dimension = label
    /// as Select-XData -Sel takes it, e.g. @{time = '2019-07'}. The region must start and end on chunk boundaries; -Mode
    /// defaults to a.</para></summary>
    [Parameter]
    public IDictionary? Region { get; set; }

    /// <summary><para type="description">Per variable: @{Compressor; Chunks = @{dim = n}; Dtype; ScaleFactor; AddOffset; FillValue; Units; Calendar}.</para></summary>
    [Parameter]
    public IDictionary? Encoding { get; set; }

    /// <summary><para type="description">The compressor of variables -Encoding does not cover (default blosc-lz4).</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(CompressorCompleter))]
    public string Compressor { get; set; } = "blosc-lz4";

    /// <summary><para type="description">Write consolidated metadata (default $true).</para></summary>
    [Parameter]
    public SwitchParameter Consolidated { get; set; } = true;

    /// <summary><para type="description">Zarr format 2 (default) or 3.</para></summary>
    [Parameter]
    [ValidateSet("2", "3")]
    public int ZarrVersion { get; set; } = 2;

    /// <summary><para type="description">Replace an existing store (the same as -Mode w).</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        string mode = Force && Mode == "w-" ? "w" : Mode;
        if (Region is not null && !MyInvocation.BoundParameters.ContainsKey(nameof(Mode))) mode = "a";
        string action = Region is not null ? "Write a region" : mode == "a" ? (AppendDim is null ? "Add variables" : $"Append along '{AppendDim}'") : "Write Zarr store";
        if (!ShouldProcess(full, action)) return;
        var compute = Options($"save to {full}");
        var progress = new ProgressRecord(1, "Save-XDataset", $"Writing {full}");
        var options = new SaveOptions
        {
            Mode = mode,
            AppendDim = AppendDim,
            Region = Region?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => Unwrap(e.Value) is object[] a ? a.Select(Unwrap).ToArray() : Unwrap(e.Value), StringComparer.Ordinal),
            Encoding = ParseEncoding(Encoding),
            Consolidated = Consolidated.IsPresent,
            ZarrVersion = ZarrVersion,
            DefaultCompressor = Compressor,
            BaseDirectory = CurrentDirectory,
            Cancellation = compute.Cancellation,
            MaxMemory = compute.MaxMemory,
            MaxParallelism = compute.MaxParallelism ?? Environment.ProcessorCount,
            Progress = ReportProgress,
        };
        Terminating(() =>
        {
            var (cluster, strict) = TargetCluster();
            // The session's cluster takes the writes it can (stored variables); -Cluster insists.
            var result = cluster is not null && (strict || ClusterWrite.CanRun(InputObject, out _))
                ? RunWithProgress(() => ClusterWrite.Save(InputObject, full, options, cluster), progress)
                : RunWithProgress(() => ZarrWriter.Save(InputObject, full, options), progress);
            WriteObject(result);
        }, full);
    }

    internal static Dictionary<string, VariableEncoding>? ParseEncoding(IDictionary? encoding)
    {
        if (encoding is null) return null;
        var result = new Dictionary<string, VariableEncoding>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in encoding)
        {
            string name = e.Key?.ToString() ?? "";
            if (Unwrap(e.Value) is not IDictionary d)
                throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidEncoding", $"-Encoding: the entry for '{name}' must be a hashtable such as @{{Compressor = 'zstd'}}.", name);
            var keys = d.Keys.Cast<object>().Select(k => k.ToString()!).ToArray();
            string[] known = ["Compressor", "Chunks", "Dtype", "ScaleFactor", "AddOffset", "FillValue", "Units", "Calendar"];
            foreach (var k in keys)
                if (!known.Contains(k, StringComparer.OrdinalIgnoreCase))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidEncoding", $"-Encoding for '{name}': unknown key '{k}' (known: {string.Join(", ", known)}).", k);
            object? Get(string key) => keys.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)) is { } k ? Unwrap(d[k]) : null;
            bool Has(string key) => keys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));
            Dictionary<string, long>? chunks = null;
            if (Get("Chunks") is IDictionary cd)
            {
                chunks = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (DictionaryEntry c in cd) chunks[c.Key.ToString()!] = Convert.ToInt64(Unwrap(c.Value), CultureInfo.InvariantCulture);
            }
            result[name] = new VariableEncoding
            {
                Compressor = Get("Compressor")?.ToString(),
                Chunks = chunks,
                DType = Get("Dtype")?.ToString(),
                ScaleFactor = Get("ScaleFactor") is { } sf ? Convert.ToDouble(sf, CultureInfo.InvariantCulture) : null,
                AddOffset = Get("AddOffset") is { } ao ? Convert.ToDouble(ao, CultureInfo.InvariantCulture) : null,
                FillValue = Get("FillValue"),
                HasFillValue = Has("FillValue"),
                Units = Get("Units")?.ToString(),
                Calendar = Get("Calendar")?.ToString(),
            };
        }
        return result;
    }

    private static object? Unwrap(object? o) => o is PSObject p ? p.BaseObject : o;
}
