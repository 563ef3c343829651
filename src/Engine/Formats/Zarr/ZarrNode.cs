using System.Text.Json.Nodes;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>Finding what a path in a store holds: a v2 or v3 array or group.</summary>
public static class ZarrNode
{
    /// <summary>The metadata keys of a node at <paramref name="path"/>.</summary>
    public static (string V3, string V2Array, string V2Group, string V2Attrs) Keys(string path) =>
        (StoreKey.Join(path, "zarr.json"), StoreKey.Join(path, ".zarray"), StoreKey.Join(path, ".zgroup"), StoreKey.Join(path, ".zattrs"));

    /// <summary>True when an array or group exists at the path.</summary>
    public static bool Exists(IReadableStore store, string path)
    {
        var k = Keys(path);
        return store.Exists(k.V3) || store.Exists(k.V2Array) || store.Exists(k.V2Group);
    }

    /// <summary>Reads a JSON object document, or null when the key is absent.</summary>
    public static JsonObject? ReadJson(IReadableStore store, string key)
    {
        using var b = store.Get(key);
        if (b is null) return null;
        return ZarrJson.ParseObject(b.Span, $"'{key}' in '{store.Location}'");
    }

    /// <summary>The array metadata at the path, or null when no array is there.</summary>
    public static ArrayMetadata? TryReadArrayMetadata(IReadableStore store, string path)
    {
        var k = Keys(path);
        var v3 = ReadJson(store, k.V3);
        if (v3 is not null)
        {
            string what = $"'{k.V3}' in '{store.Location}'";
            return v3["node_type"]?.GetValue<string>() == "array" ? ArrayMetadata.FromV3(v3, what) : null;
        }
        var za = ReadJson(store, k.V2Array);
        if (za is null) return null;
        return ArrayMetadata.FromV2(za, ReadJson(store, k.V2Attrs), $"'{k.V2Array}' in '{store.Location}'");
    }
}
