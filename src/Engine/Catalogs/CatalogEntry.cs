using System.Globalization;
using System.Text.RegularExpressions;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Catalogs;

/// <summary>One source of an intake-style catalog: a name, a driver (zarr or netcdf), arguments and parameters.</summary>
public sealed partial class CatalogEntry
{
    internal CatalogEntry(string name, string driver, string? description, Dictionary<string, object?> args,
        Dictionary<string, CatalogParameter> parameters, Dictionary<string, object?> metadata, string catalogPath)
    {
        Name = name;
        Driver = driver;
        Description = description;
        Args = args;
        Parameters = parameters;
        Metadata = metadata;
        CatalogPath = catalogPath;
    }

    /// <summary>The source's name.</summary>
    public string Name { get; }

    /// <summary>The driver as written (zarr, netcdf, intake_xarray.xzarr.ZarrSource …).</summary>
    public string Driver { get; }

    /// <summary>The description.</summary>
    public string? Description { get; }

    /// <summary>The driver's arguments (urlpath, chunks, consolidated …), templates unexpanded.</summary>
    public Dictionary<string, object?> Args { get; }

    /// <summary>User parameters with their defaults.</summary>
    public Dictionary<string, CatalogParameter> Parameters { get; }

    /// <summary>Free-form metadata.</summary>
    public Dictionary<string, object?> Metadata { get; }

    /// <summary>The catalog file.</summary>
    public string CatalogPath { get; }

    /// <summary>The engine the driver maps to: zarr or netcdf.</summary>
    public string Engine => Driver.ToLowerInvariant() switch
    {
        "zarr" or "intake_xarray.xzarr.zarrsource" or "intake_xarray.zarr" => "zarr",
        "netcdf" or "intake_xarray.netcdf.netcdfsource" or "intake_xarray.netcdf" or "xarray" => "netcdf",
        _ => throw new ZarrPSException(ErrorKind.NotImplemented, "UnknownDriver",
            $"Catalog '{CatalogPath}', source '{Name}': driver '{Driver}' is not supported (zarr, netcdf, intake_xarray.xzarr.ZarrSource, intake_xarray.netcdf.NetCDFSource).", Driver),
    };

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Template();

    /// <summary>Expands {{ CATALOG_DIR }} and {{ parameter }} templates in a string.</summary>
    public string Expand(string text, IReadOnlyDictionary<string, object?>? values = null) =>
        Template().Replace(text, m =>
        {
            string key = m.Groups[1].Value;
            if (key == "CATALOG_DIR") return Path.GetDirectoryName(Path.GetFullPath(CatalogPath))!.Replace('\\', '/');
            if (values is not null && values.TryGetValue(key, out var v)) return Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
            if (Parameters.TryGetValue(key, out var p)) return Convert.ToString(p.Default, CultureInfo.InvariantCulture) ?? "";
            var env = Environment.GetEnvironmentVariable(key);
            if (env is not null) return env;
            throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownTemplate",
                $"Catalog '{CatalogPath}', source '{Name}': '{{{{ {key} }}}}' is not a parameter (parameters: {string.Join(", ", Parameters.Keys.DefaultIfEmpty("none"))}).", key);
        });

    /// <summary>The paths or URLs the source names (urlpath, expanded; a list or a glob gives several).</summary>
    public IReadOnlyList<string> Paths(IReadOnlyDictionary<string, object?>? values = null)
    {
        CheckParameters(values);
        if (!Args.TryGetValue("urlpath", out var u) || u is null)
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCatalog", $"Catalog '{CatalogPath}', source '{Name}' has no args.urlpath.", Name);
        var raw = u is string s ? [s] : u is IEnumerable<object?> list ? list.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture) ?? "").ToArray() : [u.ToString()!];
        var result = new List<string>();
        foreach (var r in raw)
        {
            string p = Expand(r, values);
            if (DatasetOpener.IsUrl(p)) { result.Add(p); continue; }
            if (p.StartsWith("file://", StringComparison.OrdinalIgnoreCase)) p = new Uri(p).LocalPath;
            p = Path.GetFullPath(p, Path.GetDirectoryName(Path.GetFullPath(CatalogPath))!);
            if (p.IndexOfAny(['*', '?', '[']) >= 0)
            {
                var matches = Glob.Expand(p);
                if (matches.Count == 0)
                    throw new ZarrPSException(ErrorKind.NotFound, "PathNotFound", $"Catalog '{CatalogPath}', source '{Name}': nothing matches '{p}'.", p);
                result.AddRange(matches);
            }
            else result.Add(p);
        }
        return result;
    }

    private void CheckParameters(IReadOnlyDictionary<string, object?>? values)
    {
        if (values is null) return;
        foreach (var k in values.Keys)
            if (!Parameters.ContainsKey(k))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "UnknownParameter",
                    $"Catalog source '{Name}' has no parameter '{k}' (parameters: {string.Join(", ", Parameters.Keys.DefaultIfEmpty("none"))}).", k);
    }

    /// <summary>Opens the source lazily; <paramref name="values"/> override parameter defaults.</summary>
    public Dataset Open(IReadOnlyDictionary<string, object?>? values = null, OpenOptions? overrides = null)
    {
        var paths = Paths(values);
        var options = new OpenOptions
        {
            Engine = Engine,
            Consolidated = Args.TryGetValue("consolidated", out var c) && c is bool cb ? cb : overrides?.Consolidated,
            Group = Args.TryGetValue("group", out var g) && g is string gs ? gs : overrides?.Group,
            Chunks = overrides?.Chunks ?? ChunksArg(),
            AutoChunks = (overrides?.AutoChunks ?? false) || (Args.TryGetValue("chunks", out var ch) && ch is string chs && chs == "auto"),
            Variables = overrides?.Variables,
            DecodeTimes = overrides?.DecodeTimes ?? true,
            MaskAndScale = overrides?.MaskAndScale ?? true,
        };
        string? concat = Args.TryGetValue("concat_dim", out var cd) ? cd as string : null;
        var ds = MultiFileOpener.Open(paths, options, concat);
        ds.Encoding["catalog"] = CatalogPath;
        ds.Encoding["catalog_source"] = Name;
        return ds;
    }

    private Dictionary<string, long>? ChunksArg()
    {
        if (!Args.TryGetValue("chunks", out var c) || c is not Dictionary<string, object?> d) return null;
        return d.ToDictionary(kv => kv.Key, kv => Convert.ToInt64(kv.Value, CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Driver})";
}

/// <summary>A catalog parameter.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its declared type (str, int, float, datetime …).</param>
/// <param name="Default">The default value.</param>
/// <param name="Description">What it is.</param>
public sealed record CatalogParameter(string Name, string? Type, object? Default, string? Description);
