using System.Collections;
using System.Management.Automation;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Catalogs;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>
/// <para type="synopsis">Opens a Zarr store or NetCDF file as a lazy Dataset (like xarray.open_dataset / open_zarr).</para>
/// <para type="description">Only metadata is read. Variables read their values when asked (.Values), when computed or when written.</para>
/// </summary>
/// <example>
///   <code>$ds = Open-XDataset ./coads.zarr; $ds['SST'].Shape</code>
/// </example>
[Cmdlet(VerbsCommon.Open, "XDataset", DefaultParameterSetName = "InputObject")]
[OutputType(typeof(Dataset))]
public sealed class OpenXDatasetCommand : XCmdlet
{
    /// <summary>
    /// <para type="description">A Zarr store (directory, .zip, http(s) URL, or a path to one array inside a store), or a NetCDF file.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Path")]
    [Alias("FullName", "Url")]
    public string[] Path { get; set; } = [];

    /// <summary><para type="description">From the pipeline: paths (strings, files and folders) or catalog entries from Get-XCatalog.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "InputObject")]
    public object? InputObject { get; set; }

    /// <summary><para type="description">An intake-style YAML catalog; -Name picks the source.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Catalog")]
    public string Catalog { get; set; } = "";

    /// <summary><para type="description">The catalog source to open.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Catalog")]
    public string Name { get; set; } = "";

    /// <summary><para type="description">Values for the catalog source's parameters.</para></summary>
    [Parameter(ParameterSetName = "Catalog")]
    [Parameter(ParameterSetName = "InputObject")]
    public IDictionary? Parameter { get; set; }

    /// <summary><para type="description">auto (by magic bytes and extension), zarr or netcdf.</para></summary>
    [Parameter]
    [ValidateSet("auto", "zarr", "netcdf")]
    public string Engine { get; set; } = "auto";

    /// <summary><para type="description">A group inside a Zarr store.</para></summary>
    [Parameter]
    public string? Group { get; set; }

    /// <summary><para type="description">Require ($true) or ignore ($false) consolidated metadata; by default it is used when present.</para></summary>
    [Parameter]
    public SwitchParameter Consolidated { get; set; }

    /// <summary><para type="description">Chunk lengths per dimension, e.g. @{time = 24}; 'auto' for about 128 MiB chunks.</para></summary>
    [Parameter]
    public object? Chunks { get; set; }

    /// <summary><para type="description">Only these variables (and the coordinates they need).</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(VariableNameCompleter))]
    public string[]? Variable { get; set; }

    /// <summary><para type="description">The dimension several files are joined along (default: the unlimited dimension, else time).</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(DimensionNameCompleter))]
    public string? ConcatDim { get; set; }

    /// <summary><para type="description">Keep raw times (numbers with units) instead of dates.</para></summary>
    [Parameter]
    public SwitchParameter DecodeTimes { get; set; } = true;

    /// <summary><para type="description">Keep raw packed values: no _FillValue masking, no scale_factor/add_offset.</para></summary>
    [Parameter]
    public SwitchParameter MaskAndScale { get; set; } = true;

    private readonly List<string> _paths = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        CatalogEntry? entry = null;
        var paths = Path;
        switch (ParameterSetName)
        {
            case "Catalog":
                Terminating(() => entry = ZarrPS.Engine.Catalogs.Catalog.Load(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Catalog))[Name], Name);
                break;
            case "InputObject":
                switch (InputObject is PSObject pso ? pso.BaseObject : InputObject)
                {
                    case CatalogEntry ce: entry = ce; break;
                    case FileSystemInfo fi: paths = [fi.FullName]; break;
                    case string s: paths = [s]; break;
                    case var other:
                        WriteError(new ErrorRecord(new ArgumentException($"Open-XDataset takes paths and catalog entries, not {other?.GetType().Name ?? "null"}."), "InvalidInput,ZarrPS", ErrorCategory.InvalidArgument, other));
                        return;
                }
                break;
        }
        if (entry is not null)
        {
            NonTerminating(() => WriteObject(entry.Open(ParameterValues(), Options())), entry.Name);
            return;
        }
        foreach (var p in paths)
        {
            if (DatasetOpener.IsUrl(p) || p.StartsWith("memory://", StringComparison.Ordinal))
            {
                _paths.Add(p);
            }
            else if (WildcardPattern.ContainsWildcardCharacters(p))
            {
                var found = SessionState.Path.GetResolvedProviderPathFromPSPath(p, out _);
                if (found.Count == 0)
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No files or stores match '{p}'."), "PathNotFound,ZarrPS", ErrorCategory.ObjectNotFound, p));
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
        var options = Options();
        Terminating(() => WriteObject(_paths.Count == 1
            ? DatasetOpener.Open(_paths[0], options)
            : MultiFileOpener.Open(_paths, options, ConcatDim)), _paths[0]);
    }

    private Dictionary<string, object?>? ParameterValues()
    {
        if (Parameter is null) return null;
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Parameter) d[e.Key.ToString()!] = e.Value is PSObject p ? p.BaseObject : e.Value;
        return d;
    }

    private OpenOptions Options()
    {
        Dictionary<string, long>? chunks = null;
        bool auto = false;
        switch (Chunks is PSObject pso ? pso.BaseObject : Chunks)
        {
            case null:
                break;
            case string s when s.Equals("auto", StringComparison.OrdinalIgnoreCase):
                auto = true;
                break;
            case IDictionary d:
                chunks = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (DictionaryEntry e in d)
                {
                    var key = e.Key?.ToString() ?? "";
                    object? v = e.Value is PSObject vp ? vp.BaseObject : e.Value;
                    try { chunks[key] = Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture); }
                    catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
                    {
                        ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Chunks: the length for dimension '{key}' must be an integer, not '{v}'."), "InvalidChunks,ZarrPS", ErrorCategory.InvalidArgument, key));
                    }
                }
                break;
            default:
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Chunks takes a hashtable of dimension = length, or 'auto'."), "InvalidChunks,ZarrPS", ErrorCategory.InvalidArgument, Chunks));
                break;
        }
        return new OpenOptions
        {
            Engine = Engine,
            Group = Group,
            Consolidated = MyInvocation.BoundParameters.ContainsKey(nameof(Consolidated)) ? Consolidated.IsPresent : null,
            Chunks = chunks,
            AutoChunks = auto,
            Variables = Variable,
            DecodeTimes = DecodeTimes.IsPresent,
            MaskAndScale = MaskAndScale.IsPresent,
            BaseDirectory = CurrentDirectory,
        };
    }
}
