using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ZarrPS.Engine.Catalogs;

/// <summary>An intake-style YAML catalog (sources: name: {driver, description, args, parameters, metadata}).</summary>
public sealed class Catalog
{
    private Catalog(string path, IReadOnlyList<CatalogEntry> entries, Dictionary<string, object?> metadata)
    {
        Path = path;
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The catalog file.</summary>
    public string Path { get; }

    /// <summary>Its sources, in file order.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>Catalog-level metadata.</summary>
    public Dictionary<string, object?> Metadata { get; }

    /// <summary>A source by name; the error lists the names there are.</summary>
    public CatalogEntry this[string name] => Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new ZarrPSException(ErrorKind.NotFound, "CatalogSourceNotFound",
            $"Catalog '{Path}' has no source '{name}' (sources: {string.Join(", ", Entries.Select(e => e.Name))}).", name);

    /// <summary>Reads a catalog file; malformed YAML or a missing 'sources' map is an error naming the file and line.</summary>
    public static Catalog Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ZarrPSException(ErrorKind.NotFound, "CatalogNotFound", $"The catalog '{full}' does not exist.", path);
        var yaml = new YamlStream();
        using var reader = new StreamReader(full);
        var parser = new TrackingParser(new Parser(reader));
        try
        {
            yaml.Load(parser);
        }
        catch (YamlException e)
        {
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCatalog",
                $"Catalog '{full}' is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.InnerException?.Message ?? e.Message}", full, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections.
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCatalog",
                $"Catalog '{full}' is not valid YAML (line {parser.LastLine + 1}, after '{parser.LastText}'): an unclosed bracket or quote?", full, e);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCatalog", $"Catalog '{full}' must be a YAML map with a 'sources' key.", full);
        if (!root.Children.TryGetValue(new YamlScalarNode("sources"), out var sourcesNode) || sourcesNode is not YamlMappingNode sources)
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCatalog", $"Catalog '{full}' has no 'sources' map (line {root.Start.Line}).", full);
        var entries = new List<CatalogEntry>();
        foreach (var (k, v) in sources.Children)
        {
            string name = ((YamlScalarNode)k).Value ?? "";
            if (v is not YamlMappingNode m)
                throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCatalog", $"Catalog '{full}', source '{name}' (line {k.Start.Line}) must be a map with a driver and args.", name);
            var map = (Dictionary<string, object?>)ToValue(m)!;
            string driver = map.GetValueOrDefault("driver") as string
                ?? throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCatalog", $"Catalog '{full}', source '{name}' (line {k.Start.Line}) has no driver.", name);
            var args = map.GetValueOrDefault("args") as Dictionary<string, object?> ?? new Dictionary<string, object?>();
            var parameters = new Dictionary<string, CatalogParameter>(StringComparer.Ordinal);
            if (map.GetValueOrDefault("parameters") is Dictionary<string, object?> ps)
                foreach (var (pn, pv) in ps)
                {
                    var pd = pv as Dictionary<string, object?> ?? new Dictionary<string, object?>();
                    parameters[pn] = new CatalogParameter(pn, pd.GetValueOrDefault("type") as string, pd.GetValueOrDefault("default"), pd.GetValueOrDefault("description") as string);
                }
            entries.Add(new CatalogEntry(name, driver, map.GetValueOrDefault("description") as string, args, parameters,
                map.GetValueOrDefault("metadata") as Dictionary<string, object?> ?? new Dictionary<string, object?>(), full));
        }
        var meta = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var mn) ? ToValue(mn) as Dictionary<string, object?> : null;
        return new Catalog(full, entries, meta ?? new Dictionary<string, object?>());
    }

    // Remembers where the last good event ended, for errors that come without a position.
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public long LastLine { get; private set; }
        public string LastText { get; private set; } = "";
        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            bool more = inner.MoveNext();
            if (inner.Current is { } ev)
            {
                LastLine = ev.End.Line;
                if (ev is YamlDotNet.Core.Events.Scalar sc) LastText = sc.Value;
            }
            return more;
        }
    }

    private static object? ToValue(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => ToValue(kv.Value), StringComparer.Ordinal),
        YamlSequenceNode s => s.Children.Select(ToValue).ToList(),
        YamlScalarNode sc => Scalar(sc),
        _ => null,
    };

    private static object? Scalar(YamlScalarNode s)
    {
        string? v = s.Value;
        if (v is null) return null;
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) return v;
        if (v is "null" or "~" or "") return null;
        if (v is "true" or "True") return true;
        if (v is "false" or "False") return false;
        if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return l;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        return v;
    }
}
