using ZarrPS.Engine.Formats;
using ZarrPS.Engine.Formats.Zarr;

namespace ZarrPS.Engine.Backends;

/// <summary>
/// A Zarr group (or a single array) seen as a dataset, with xarray's conventions: dimension names from
/// _ARRAY_DIMENSIONS (v2) or dimension_names (v3); arrays without them get dim_0, dim_1 … (or
/// &lt;array&gt;_dim_0 … where those sizes would clash).
/// </summary>
public sealed class ZarrDatasetSource : IDatasetSource
{
    /// <summary>The arrays directly inside <paramref name="group"/>.</summary>
    public ZarrDatasetSource(ZarrGroup group)
        : this(group.Store.Location, group.ArrayNames.Select(group.OpenArray).ToArray(), group.Attributes)
    {
        Group = group;
    }

    /// <summary>One array as a dataset of one variable.</summary>
    public ZarrDatasetSource(ZarrArray array)
        : this(array.Store.Location, [array], new OrderedDictionary<string, object?>(StringComparer.Ordinal))
    {
    }

    private ZarrDatasetSource(string location, IReadOnlyList<ZarrArray> arrays, OrderedDictionary<string, object?> attrs)
    {
        Location = location;
        Arrays = arrays;
        Attributes = attrs;
        var dims = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        var vars = new List<IChunkedSource>();
        foreach (var a in arrays)
        {
            var names = a.DimensionNames?.ToArray();
            if (names is null)
            {
                names = Enumerable.Range(0, a.Shape.Length).Select(i => $"dim_{i}").ToArray();
                bool clash = false;
                for (int i = 0; i < names.Length; i++)
                    if (dims.TryGetValue(names[i], out long s) && s != a.Shape[i]) clash = true;
                if (clash) names = Enumerable.Range(0, a.Shape.Length).Select(i => $"{LeafName(a)}_dim_{i}").ToArray();
            }
            for (int i = 0; i < names.Length; i++)
            {
                if (dims.TryGetValue(names[i], out long s) && s != a.Shape[i])
                    throw new ZarrPSException(ErrorKind.InvalidData, "DimensionSizeConflict",
                        $"In '{location}', dimension '{names[i]}' has size {s} elsewhere but {a.Shape[i]} in array '{a.Name}'.", names[i]);
                dims[names[i]] = a.Shape[i];
            }
            vars.Add(new NamedSource(a, LeafName(a), names));
        }
        Dimensions = dims.Select(kv => new DimensionInfo(kv.Key, kv.Value)).ToArray();
        Variables = vars;
    }

    private static string LeafName(ZarrArray a) => a.Path.Length == 0 ? a.Name : a.Path[(a.Path.LastIndexOf('/') + 1)..];

    /// <summary>The group, when the source is a group.</summary>
    public ZarrGroup? Group { get; }

    /// <summary>The arrays, in name order.</summary>
    public IReadOnlyList<ZarrArray> Arrays { get; }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public IReadOnlyList<DimensionInfo> Dimensions { get; }

    /// <inheritdoc />
    public IReadOnlyList<IChunkedSource> Variables { get; }

    /// <inheritdoc />
    public OrderedDictionary<string, object?> Attributes { get; }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
