using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>
/// A Zarr v2 or v3 group: its attributes and children. With consolidated metadata (v2 .zmetadata, or v3
/// consolidated_metadata inside zarr.json) every child's metadata comes from one document and nothing is listed.
/// </summary>
public sealed class ZarrGroup
{
    // Metadata documents by full key ("a/.zarray", "a/zarr.json"), from consolidated metadata or listing.
    private readonly Dictionary<string, JsonObject>? _consolidated;

    private ZarrGroup(IReadableStore store, string path, int zarrFormat, OrderedDictionary<string, object?> attributes, Dictionary<string, JsonObject>? consolidated)
    {
        Store = store;
        Path = path;
        ZarrFormat = zarrFormat;
        Attributes = attributes;
        _consolidated = consolidated;
    }

    /// <summary>The store.</summary>
    public IReadableStore Store { get; }

    /// <summary>The group's path in the store ("" for the root).</summary>
    public string Path { get; }

    /// <summary>2 or 3.</summary>
    public int ZarrFormat { get; }

    /// <summary>The group's attributes.</summary>
    public OrderedDictionary<string, object?> Attributes { get; }

    /// <summary>True when the children were read from consolidated metadata.</summary>
    public bool IsConsolidated => _consolidated is not null;

    private string Describe => $"group '{(Path.Length == 0 ? "/" : Path)}' in '{Store.Location}'";

    /// <summary>
    /// Opens the group at <paramref name="path"/>. <paramref name="consolidated"/>: null uses consolidated metadata
    /// when present, true requires it, false ignores it.
    /// </summary>
    public static ZarrGroup Open(IReadableStore store, string path = "", bool? consolidated = null)
    {
        path = path.Trim('/');
        var k = ZarrNode.Keys(path);
        var v3 = ZarrNode.ReadJson(store, k.V3);
        if (v3 is not null)
        {
            string what = $"'{k.V3}' in '{store.Location}'";
            if (v3["node_type"]?.GetValue<string>() != "group")
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotAGroup", $"{what} is an array, not a group.", path);
            Dictionary<string, JsonObject>? cons = null;
            if (consolidated != false && v3["consolidated_metadata"] is JsonObject cm && cm["metadata"] is JsonObject md)
            {
                cons = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
                foreach (var (child, doc) in md)
                    if (doc is JsonObject d) cons[StoreKey.Join(StoreKey.Join(path, child), "zarr.json")] = d;
            }
            if (consolidated == true && cons is null)
                throw new ZarrPSException(ErrorKind.NotFound, "NoConsolidatedMetadata", $"{what} has no consolidated_metadata.", path);
            return new ZarrGroup(store, path, 3, ZarrJson.ToAttributes(v3["attributes"] as JsonObject), cons);
        }

        Dictionary<string, JsonObject>? v2cons = null;
        if (consolidated != false)
        {
            var zm = ZarrNode.ReadJson(store, StoreKey.Join(path, ".zmetadata"));
            if (zm?["metadata"] is JsonObject md)
            {
                v2cons = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
                foreach (var (key, doc) in md)
                    if (doc is JsonObject d) v2cons[StoreKey.Join(path, key)] = d;
            }
            else if (consolidated == true)
                throw new ZarrPSException(ErrorKind.NotFound, "NoConsolidatedMetadata", $"No .zmetadata at '{(path.Length == 0 ? "/" : path)}' in '{store.Location}'.", path);
        }
        JsonObject? zgroup = v2cons is not null && v2cons.TryGetValue(k.V2Group, out var g) ? g : ZarrNode.ReadJson(store, k.V2Group);
        if (zgroup is null)
        {
            if (store.Exists(k.V2Array))
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotAGroup", $"'{(path.Length == 0 ? "/" : path)}' in '{store.Location}' is an array, not a group.", path);
            throw new ZarrPSException(ErrorKind.NotFound, "GroupNotFound",
                $"No Zarr group at '{(path.Length == 0 ? "/" : path)}' in '{store.Location}' (no zarr.json or .zgroup).", path);
        }
        JsonObject? zattrs = v2cons is not null ? (v2cons.TryGetValue(k.V2Attrs, out var a) ? a : null) : ZarrNode.ReadJson(store, k.V2Attrs);
        return new ZarrGroup(store, path, 2, ZarrJson.ToAttributes(zattrs), v2cons);
    }

    /// <summary>Creates a group (and writes its metadata). With <paramref name="overwrite"/>, an existing node is deleted first.</summary>
    public static ZarrGroup Create(IWritableStore store, string path = "", int zarrFormat = 2, OrderedDictionary<string, object?>? attributes = null, bool overwrite = false)
    {
        path = path.Trim('/');
        if (ZarrNode.Exists(store, path))
        {
            if (!overwrite)
                throw new ZarrPSException(ErrorKind.InvalidOperation, "NodeExists", $"A Zarr node already exists at '{(path.Length == 0 ? "/" : path)}' in '{store.Location}'.", path);
            store.DeletePrefix(path.Length == 0 ? "" : path + "/");
        }
        var grp = new ZarrGroup(store, path, zarrFormat, attributes ?? new OrderedDictionary<string, object?>(StringComparer.Ordinal), null);
        grp.WriteMetadata();
        return grp;
    }

    /// <summary>Writes the group's own metadata (.zgroup + .zattrs, or zarr.json).</summary>
    public void WriteMetadata()
    {
        var ws = Writable();
        foreach (var (key, doc) in OwnDocuments()) ws.Set(key, ZarrJson.WriteDocument(doc));
    }

    private IEnumerable<(string Key, JsonObject Doc)> OwnDocuments()
    {
        var k = ZarrNode.Keys(Path);
        if (ZarrFormat == 2)
        {
            yield return (k.V2Group, new JsonObject { ["zarr_format"] = 2 });
            yield return (k.V2Attrs, ZarrJson.FromAttributes(Attributes));
        }
        else
        {
            yield return (k.V3, new JsonObject { ["zarr_format"] = 3, ["node_type"] = "group", ["attributes"] = ZarrJson.FromAttributes(Attributes) });
        }
    }

    private IWritableStore Writable() => Store as IWritableStore
        ?? throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreReadOnly", $"Cannot write {Describe}: the store is read-only.", Store.Location);

    /// <summary>The immediate children: (name, true for arrays / false for groups), in name order.</summary>
    public IReadOnlyList<(string Name, bool IsArray)> Members()
    {
        var result = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        string prefix = Path.Length == 0 ? "" : Path + "/";
        if (_consolidated is not null)
        {
            foreach (var key in _consolidated.Keys)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var rest = key[prefix.Length..].Split('/');
                if (rest.Length != 2) continue;
                switch (rest[1])
                {
                    case ".zarray": result[rest[0]] = true; break;
                    case ".zgroup": result.TryAdd(rest[0], false); break;
                    case "zarr.json": result[rest[0]] = _consolidated[key]["node_type"]?.GetValue<string>() == "array"; break;
                }
            }
            return result.Select(kv => (kv.Key, kv.Value)).ToArray();
        }
        if (Store is not IListableStore ls)
            throw new ZarrPSException(ErrorKind.InvalidOperation, "StoreNotListable",
                $"Cannot list the members of {Describe}: the store cannot be listed and has no consolidated metadata.", Store.Location);
        foreach (var child in ls.ListDir(prefix).Prefixes)
        {
            string name = child[prefix.Length..].TrimEnd('/');
            var meta = ZarrNode.Keys(StoreKey.Join(Path, name));
            if (ZarrFormat == 3)
            {
                var doc = ZarrNode.ReadJson(Store, meta.V3);
                if (doc is not null) result[name] = doc["node_type"]?.GetValue<string>() == "array";
            }
            else if (Store.Exists(meta.V2Array)) result[name] = true;
            else if (Store.Exists(meta.V2Group)) result[name] = false;
        }
        return result.Select(kv => (kv.Key, kv.Value)).ToArray();
    }

    /// <summary>Names of the arrays directly in this group.</summary>
    public IReadOnlyList<string> ArrayNames => Members().Where(m => m.IsArray).Select(m => m.Name).ToArray();

    /// <summary>Names of the groups directly in this group.</summary>
    public IReadOnlyList<string> GroupNames => Members().Where(m => !m.IsArray).Select(m => m.Name).ToArray();

    /// <summary>Opens a child array by name (or a relative path).</summary>
    public ZarrArray OpenArray(string name)
    {
        string path = StoreKey.Join(Path, name.Trim('/'));
        StoreKey.Validate(path, Store.Location);
        if (_consolidated is not null)
        {
            var k = ZarrNode.Keys(path);
            if (ZarrFormat == 3 && _consolidated.TryGetValue(k.V3, out var v3doc) && v3doc["node_type"]?.GetValue<string>() == "array")
                return new ZarrArray(Store, path, ArrayMetadata.FromV3(v3doc, $"'{k.V3}' in '{Store.Location}' (consolidated)"));
            if (ZarrFormat == 2 && _consolidated.TryGetValue(k.V2Array, out var za))
                return new ZarrArray(Store, path, ArrayMetadata.FromV2(za, _consolidated.GetValueOrDefault(k.V2Attrs), $"'{k.V2Array}' in '{Store.Location}' (consolidated)"));
        }
        var meta = ZarrNode.TryReadArrayMetadata(Store, path);
        if (meta is null)
        {
            var names = _consolidated is not null || Store is IListableStore ? string.Join(", ", ArrayNames) : "?";
            throw new ZarrPSException(ErrorKind.NotFound, "ArrayNotFound", $"{Describe} has no array '{name}' (arrays: {names}).", name);
        }
        return new ZarrArray(Store, path, meta);
    }

    /// <summary>Opens a child group by name (or a relative path).</summary>
    public ZarrGroup OpenGroup(string name)
    {
        string path = StoreKey.Join(Path, name.Trim('/'));
        StoreKey.Validate(path, Store.Location);
        if (_consolidated is not null)
        {
            var k = ZarrNode.Keys(path);
            if (_consolidated.TryGetValue(k.V2Group, out _))
                return new ZarrGroup(Store, path, 2, ZarrJson.ToAttributes(_consolidated.GetValueOrDefault(k.V2Attrs)), _consolidated);
            if (_consolidated.TryGetValue(k.V3, out var doc) && doc["node_type"]?.GetValue<string>() == "group")
                return new ZarrGroup(Store, path, 3, ZarrJson.ToAttributes(doc["attributes"] as JsonObject), _consolidated);
        }
        return Open(Store, path, consolidated: false);
    }

    /// <summary>Every array below this group, depth first, with paths relative to the store root.</summary>
    public IEnumerable<ZarrArray> AllArrays()
    {
        foreach (var (name, isArray) in Members())
        {
            if (isArray) yield return OpenArray(name);
            else foreach (var a in OpenGroup(name).AllArrays()) yield return a;
        }
    }

    /// <summary>Creates an array in this group.</summary>
    public ZarrArray CreateArray(string name, ArrayMetadata metadata, bool overwrite = false, bool writeMetadata = true) =>
        ZarrArray.Create(Writable(), StoreKey.Join(Path, name), metadata, overwrite, writeMetadata);

    /// <summary>Creates a child group.</summary>
    public ZarrGroup CreateGroup(string name, OrderedDictionary<string, object?>? attributes = null) =>
        Create(Writable(), StoreKey.Join(Path, name), ZarrFormat, attributes);

    /// <summary>
    /// Writes consolidated metadata for everything below this group, reading the members' metadata from the store:
    /// v2 .zmetadata (zarr_consolidated_format 1), v3 consolidated_metadata inside the group's zarr.json.
    /// </summary>
    public void WriteConsolidatedMetadata()
    {
        var ws = Writable();
        var fresh = Open(Store, Path, consolidated: false);
        var docs = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        fresh.Collect(docs);
        string prefix = Path.Length == 0 ? "" : Path + "/";
        if (ZarrFormat == 2)
        {
            var md = new JsonObject();
            foreach (var (key, doc) in fresh.OwnDocuments()) md[key[prefix.Length..]] = doc;
            foreach (var (key, doc) in docs) md[key[prefix.Length..]] = doc;
            var root = new JsonObject { ["metadata"] = md, ["zarr_consolidated_format"] = 1 };
            ws.Set(StoreKey.Join(Path, ".zmetadata"), ZarrJson.WriteDocument(root));
        }
        else
        {
            var md = new JsonObject();
            foreach (var (key, doc) in docs) md[key[prefix.Length..^"/zarr.json".Length]] = doc;
            var own = fresh.OwnDocuments().Single().Doc;
            own["consolidated_metadata"] = new JsonObject { ["kind"] = "inline", ["must_understand"] = false, ["metadata"] = md };
            ws.Set(ZarrNode.Keys(Path).V3, ZarrJson.WriteDocument(own));
        }
    }

    private void Collect(SortedDictionary<string, JsonObject> docs)
    {
        foreach (var (name, isArray) in Members())
        {
            if (isArray)
            {
                foreach (var (key, doc) in OpenArray(name).MetadataDocuments()) docs[key] = doc;
            }
            else
            {
                var g = OpenGroup(name);
                foreach (var (key, doc) in g.OwnDocuments()) docs[key] = doc;
                g.Collect(docs);
            }
        }
    }
}
