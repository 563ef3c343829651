using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Formats;
using ZarrPS.Engine.Formats.Zarr;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Model.Cf;

namespace ZarrPS.Engine.Backends;

/// <summary>Turns what a backend opened into a lazy Dataset: variables over the stored arrays, coordinates, encoding.</summary>
public static class DatasetBuilder
{
    /// <summary>Builds the Dataset; it owns <paramref name="source"/> and disposes it with itself.</summary>
    public static Dataset Build(IDatasetSource source, OpenOptions options)
    {
        var names = source.Variables.Select(v => v.Name).ToList();
        if (options.Variables is { } wanted)
        {
            foreach (var w in wanted)
                if (!names.Contains(w))
                    throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound",
                        $"'{source.Location}' has no variable '{w}' (variables: {string.Join(", ", names)}).", w);
        }

        // Coordinates: index variables (name == its only dim) and names listed in 'coordinates' attributes.
        var coordNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in source.Variables)
        {
            var dims = v.DimensionNames ?? [];
            if (dims.Count == 1 && dims[0] == v.Name) coordNames.Add(v.Name);
            if (v.Attributes.TryGetValue("coordinates", out var c) && c is string cs)
                foreach (var n in cs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (names.Contains(n)) coordNames.Add(n);
        }
        if (source.Attributes.TryGetValue("coordinates", out var gc) && gc is string gcs)
            foreach (var n in gcs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (names.Contains(n)) coordNames.Add(n);

        HashSet<string>? keep = null;
        if (options.Variables is { } want)
        {
            keep = new HashSet<string>(want, StringComparer.Ordinal);
            var keptDims = new HashSet<string>(source.Variables.Where(v => keep.Contains(v.Name)).SelectMany(v => v.DimensionNames ?? []), StringComparer.Ordinal);
            foreach (var v in source.Variables)
                if (coordNames.Contains(v.Name) && (v.DimensionNames ?? []).All(keptDims.Contains)) keep.Add(v.Name);
        }

        // CF bounds variables take the units and calendar of the coordinate they bound (xarray does the same).
        var boundsOf = new Dictionary<string, IChunkedSource>(StringComparer.Ordinal);
        if (options.DecodeTimes)
            foreach (var v in source.Variables)
                if (v.Attributes.TryGetValue("bounds", out var b) && b is string bn) boundsOf[bn] = v;

        var variables = new OrderedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var src in source.Variables)
        {
            if (keep is not null && !keep.Contains(src.Name)) continue;
            var dims = src.DimensionNames ?? throw new ZarrPSException(ErrorKind.InvalidData, "MissingDimensions", $"Variable '{src.Name}' in '{source.Location}' has no dimension names.", src.Name);
            var data = new SourceArray(src, Chunking(src, dims, options));
            var attrs = new OrderedDictionary<string, object?>(src.Attributes, StringComparer.Ordinal);
            if (boundsOf.TryGetValue(src.Name, out var parent))
                foreach (var key in new[] { "units", "calendar" })
                    if (!attrs.ContainsKey(key) && parent.Attributes.TryGetValue(key, out var pv)) attrs[key] = pv;
            var encoding = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["source"] = source.Location,
                ["dtype"] = src.DType.Name,
                ["chunks"] = src.ChunkShape.ToArray(),
                ["preferred_chunks"] = src.ChunkShape.ToArray(),
            };
            if (attrs.Remove("coordinates", out var coords)) encoding["coordinates"] = coords;
            if (Unwrap(src) is ZarrArray za)
            {
                encoding["zarr_format"] = za.Metadata.ZarrFormat;
                encoding["compressor"] = za.Metadata.V2Compressor?.ToJsonString();
                encoding["filters"] = za.Metadata.V2Filters?.ToJsonString();
                // xarray's zarr backend: the array's fill_value acts as the CF _FillValue.
                if (za.Metadata.FillValue is { } fv && !attrs.ContainsKey("_FillValue"))
                    attrs["_FillValue"] = ZarrFillValue.ToObject(fv, za.Metadata.DType.Native);
            }
            var rawVar = new Variable(dims, data, attrs, encoding);
            variables[src.Name] = CfDecoder.Decode(src.Name, rawVar, options.MaskAndScale, options.DecodeTimes);
        }
        if (options.Chunks is { } chunkDims)
        {
            var allDims = source.Variables.SelectMany(v => v.DimensionNames ?? []).Distinct().ToArray();
            foreach (var d in chunkDims.Keys)
                if (!allDims.Contains(d))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "DimensionNotFound",
                        $"-Chunks names dimension '{d}', which '{source.Location}' does not have (dimensions: {string.Join(", ", allDims)}).", d);
        }
        var ds = new Dataset(variables, coordNames, new OrderedDictionary<string, object?>(source.Attributes, StringComparer.Ordinal));
        ds.Encoding["source"] = source.Location;
        var unlimited = source.Dimensions.Where(d => d.IsUnlimited).Select(d => d.Name).ToArray();
        if (unlimited.Length > 0) ds.Encoding["unlimited_dims"] = unlimited;
        ds.Own(source);
        return ds;
    }

    private static IChunkedSource Unwrap(IChunkedSource s) => s is NamedSource n ? Unwrap(n.Inner) : s;

    private static ChunkLayout Chunking(IChunkedSource src, IReadOnlyList<string> dims, OpenOptions options)
    {
        var chunk = src.ChunkShape.ToArray();
        if (options.AutoChunks)
        {
            // Grow the stored chunks along the leading axes until a chunk is near the target size.
            long bytes = (long)src.DType.ItemSize * chunk.Aggregate(1L, (a, b) => a * b);
            for (int i = 0; i < chunk.Length && bytes < options.AutoChunkBytes; i++)
            {
                long room = options.AutoChunkBytes / bytes;
                long grown = Math.Min(src.Shape[i], (long)chunk[i] * Math.Max(1, room));
                grown = Math.Max(chunk[i], grown / chunk[i] * chunk[i]);
                bytes = bytes / chunk[i] * grown;
                chunk[i] = (int)Math.Min(grown, int.MaxValue);
            }
        }
        if (options.Chunks is { } want)
        {
            for (int i = 0; i < dims.Count; i++)
            {
                if (!want.TryGetValue(dims[i], out long c)) continue;
                if (c == -1 || c > src.Shape[i]) c = Math.Max(1, src.Shape[i]);
                if (c < 1)
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidChunks", $"Chunk length {c} for dimension '{dims[i]}' must be positive (or -1 for the whole dimension).", dims[i]);
                chunk[i] = (int)Math.Min(c, int.MaxValue);
            }
        }
        return ChunkLayout.Regular(src.Shape, chunk);
    }
}
