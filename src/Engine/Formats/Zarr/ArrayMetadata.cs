using System.Text.Json.Nodes;
using ZarrPS.Engine.Codecs;

namespace ZarrPS.Engine.Formats.Zarr;

/// <summary>
/// A Zarr array's metadata in one shape for both formats: v2 (.zarray + .zattrs) and v3 (zarr.json).
/// </summary>
public sealed class ArrayMetadata
{
    /// <summary>2 or 3.</summary>
    public required int ZarrFormat { get; init; }

    /// <summary>The array shape.</summary>
    public required long[] Shape { get; init; }

    /// <summary>The chunk grid's chunk shape (for a sharded v3 array: the shard shape).</summary>
    public required int[] ChunkShape { get; init; }

    /// <summary>The data type. For v2 it carries the stored byte order; values in memory are always in machine order.</summary>
    public required DataType DType { get; init; }

    /// <summary>One element of fill value in machine byte order, or null (v2 null: unwritten chunks read as zeros).</summary>
    public byte[]? FillValue { get; init; }

    /// <summary>The codec chain that turns a chunk into stored bytes.</summary>
    public required CodecChain Codecs { get; init; }

    /// <summary>How chunk indices become keys.</summary>
    public required ChunkKeyEncoding KeyEncoding { get; init; }

    /// <summary>Dimension names (v3 dimension_names, or xarray's _ARRAY_DIMENSIONS attribute in v2).</summary>
    public string?[]? DimensionNames { get; init; }

    /// <summary>User attributes (without _ARRAY_DIMENSIONS, which is <see cref="DimensionNames"/>).</summary>
    public OrderedDictionary<string, object?> Attributes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>v2 memory order of chunks: 'C' or 'F'.</summary>
    public char Order { get; init; } = 'C';

    /// <summary>v2 compressor configuration as stored (null for none).</summary>
    public JsonObject? V2Compressor { get; init; }

    /// <summary>v2 filters configuration as stored (null for none).</summary>
    public JsonArray? V2Filters { get; init; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>The chunk spec every chunk's codecs see.</summary>
    public ChunkSpec ChunkSpec => new(ChunkShape, DType.Native, FillValue ?? []);

    /// <summary>Chunks along each axis (ceil(shape / chunk)).</summary>
    public long[] GridShape
    {
        get
        {
            var g = new long[Rank];
            for (int i = 0; i < Rank; i++) g[i] = (Shape[i] + ChunkShape[i] - 1) / ChunkShape[i];
            return g;
        }
    }

    /// <summary>The total number of chunks in the grid.</summary>
    public long ChunkCount
    {
        get
        {
            long n = 1;
            foreach (long g in GridShape) n *= g;
            return n;
        }
    }

    private static ZarrPSException Bad(string what, string why) =>
        new(ErrorKind.InvalidData, "InvalidMetadata", $"{what}: {why}.", what);

    private static long[] ReadLongs(JsonNode? node, string what, string field)
    {
        if (node is not JsonArray a) throw Bad(what, $"'{field}' must be a list of integers");
        var r = new long[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            if (!ZarrJson.TryGetLong(a[i], out r[i]) || r[i] < 0)
                throw Bad(what, $"'{field}' must be a list of non-negative integers, got {a.ToJsonString()}");
        }
        return r;
    }

    private static int[] ReadChunkShape(JsonNode? node, string what, string field, int rank)
    {
        var l = ReadLongs(node, what, field);
        if (l.Length != rank) throw Bad(what, $"'{field}' has {l.Length} entries but the shape has {rank}");
        var r = new int[l.Length];
        for (int i = 0; i < l.Length; i++)
        {
            if (l[i] < 1 || l[i] > int.MaxValue) throw Bad(what, $"'{field}' entries must be between 1 and {int.MaxValue}, got {l[i]}");
            r[i] = (int)l[i];
        }
        return r;
    }

    /// <summary>Parses v2 metadata: the .zarray object and the optional .zattrs object.</summary>
    public static ArrayMetadata FromV2(JsonObject zarray, JsonObject? zattrs, string what)
    {
        int format = ZarrJson.TryGetLong(zarray["zarr_format"], out long f) ? (int)f : -1;
        if (format != 2) throw Bad(what, $"zarr_format must be 2, got {zarray["zarr_format"]?.ToJsonString() ?? "nothing"}");
        var shape = ReadLongs(zarray["shape"], what, "shape");
        var chunks = ReadChunkShape(zarray["chunks"], what, "chunks", shape.Length);
        if (zarray["dtype"] is not JsonValue dv || !dv.TryGetValue<string>(out var dtypeString))
            throw Bad(what, $"'dtype' must be a numpy type string such as \"<f4\", got {zarray["dtype"]?.ToJsonString() ?? "nothing"} (structured dtypes are not supported)");
        if (!DataType.TryParseTypeString(dtypeString, out var dtype, out var why))
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidDataType", $"{what}: unsupported dtype '{dtypeString}': {why}.", what);
        string order = zarray["order"]?.GetValue<string>() ?? "C";
        if (order is not ("C" or "F")) throw Bad(what, $"'order' must be \"C\" or \"F\", got \"{order}\"");
        string sep = zarray["dimension_separator"]?.GetValue<string>() ?? ".";
        if (sep is not ("." or "/")) throw Bad(what, $"'dimension_separator' must be \".\" or \"/\", got \"{sep}\"");
        var compressor = zarray["compressor"] as JsonObject;
        var filters = zarray["filters"] as JsonArray;
        CodecChain chain;
        try
        {
            chain = CodecChain.FromV2(dtype!, order[0], filters, compressor);
        }
        catch (ZarrPSException e)
        {
            throw e.WithContext($"{what}: ");
        }
        var attrs = ZarrJson.ToAttributes(zattrs);
        string?[]? dims = null;
        if (attrs.Remove("_ARRAY_DIMENSIONS", out var ad) && ad is string[] names && names.Length == shape.Length) dims = names;
        else if (ad is object?[] { Length: 0 } && shape.Length == 0) dims = [];
        return new ArrayMetadata
        {
            ZarrFormat = 2,
            Shape = shape,
            ChunkShape = chunks,
            DType = dtype!,
            FillValue = ZarrFillValue.Parse(zarray["fill_value"], dtype!, what),
            Codecs = chain,
            KeyEncoding = new ChunkKeyEncoding(false, sep[0]),
            DimensionNames = dims,
            Attributes = attrs,
            Order = order[0],
            V2Compressor = (JsonObject?)compressor?.DeepClone(),
            V2Filters = (JsonArray?)filters?.DeepClone(),
        };
    }

    /// <summary>Parses v3 array metadata (zarr.json).</summary>
    public static ArrayMetadata FromV3(JsonObject json, string what)
    {
        int format = ZarrJson.TryGetLong(json["zarr_format"], out long f) ? (int)f : -1;
        if (format != 3) throw Bad(what, $"zarr_format must be 3, got {json["zarr_format"]?.ToJsonString() ?? "nothing"}");
        if (json["node_type"]?.GetValue<string>() != "array") throw Bad(what, "node_type is not \"array\"");
        var shape = ReadLongs(json["shape"], what, "shape");
        if (json["data_type"] is not JsonValue dv || !dv.TryGetValue<string>(out var dtName))
            throw new ZarrPSException(ErrorKind.InvalidData, "InvalidDataType", $"{what}: data_type must be a name such as \"float32\".", what);
        DataType dtype;
        try { dtype = DataType.ParseV3(dtName); }
        catch (ZarrPSException e) { throw e.WithContext($"{what}: "); }
        var grid = json["chunk_grid"] as JsonObject;
        if (grid?["name"]?.GetValue<string>() != "regular")
            throw new ZarrPSException(ErrorKind.NotImplemented, "InvalidMetadata", $"{what}: only the \"regular\" chunk_grid is supported.", what);
        var chunks = ReadChunkShape(grid["configuration"]?["chunk_shape"], what, "chunk_grid.configuration.chunk_shape", shape.Length);
        if (json["storage_transformers"] is JsonArray { Count: > 0 })
            throw new ZarrPSException(ErrorKind.NotImplemented, "InvalidMetadata", $"{what}: storage_transformers are not supported.", what);
        if (json["codecs"] is not JsonArray codecs) throw Bad(what, "'codecs' must be a list");
        CodecChain chain;
        try { chain = CodecChain.FromV3(codecs, dtype); }
        catch (ZarrPSException e) { throw e.WithContext($"{what}: "); }
        string?[]? dims = null;
        if (json["dimension_names"] is JsonArray dn)
        {
            if (dn.Count != shape.Length) throw Bad(what, $"dimension_names has {dn.Count} entries but the shape has {shape.Length}");
            dims = dn.Select(n => n?.GetValue<string>()).ToArray();
        }
        var fill = ZarrFillValue.Parse(json["fill_value"], dtype, what)
            ?? throw Bad(what, "fill_value is required in Zarr v3");
        return new ArrayMetadata
        {
            ZarrFormat = 3,
            Shape = shape,
            ChunkShape = chunks,
            DType = dtype,
            FillValue = fill,
            Codecs = chain,
            KeyEncoding = ChunkKeyEncoding.FromV3(json["chunk_key_encoding"], what),
            DimensionNames = dims,
            Attributes = ZarrJson.ToAttributes(json["attributes"] as JsonObject),
        };
    }

    /// <summary>The v2 .zarray object.</summary>
    public JsonObject ToV2ArrayJson()
    {
        var o = new JsonObject
        {
            ["chunks"] = new JsonArray(ChunkShape.Select(c => (JsonNode)c).ToArray()),
            ["compressor"] = V2Compressor?.DeepClone(),
            ["dtype"] = DType.TypeString,
            ["fill_value"] = ZarrFillValue.ToJson(this.FillValue, DType, 2),
            ["filters"] = V2Filters?.DeepClone(),
            ["order"] = Order.ToString(),
            ["shape"] = new JsonArray(Shape.Select(s => (JsonNode)s).ToArray()),
            ["zarr_format"] = 2,
        };
        if (KeyEncoding.Separator == '/') o["dimension_separator"] = "/";
        return o;
    }

    /// <summary>The v2 .zattrs object (with _ARRAY_DIMENSIONS when dimension names are known).</summary>
    public JsonObject ToV2AttrsJson()
    {
        var o = ZarrJson.FromAttributes(Attributes);
        if (DimensionNames is not null && DimensionNames.All(n => n is not null))
            o["_ARRAY_DIMENSIONS"] = new JsonArray(DimensionNames.Select(n => (JsonNode)n!).ToArray());
        return o;
    }

    /// <summary>The v3 zarr.json object.</summary>
    public JsonObject ToV3Json()
    {
        var codecs = new JsonArray();
        foreach (var c in Codecs.All)
            codecs.Add(c is TransposeCodec t ? t.ToV3Json(Rank) : c.ToV3Json());
        var o = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = new JsonArray(Shape.Select(s => (JsonNode)s).ToArray()),
            ["data_type"] = DType.V3Name ?? throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDataType", $"Zarr v3 has no data type for {DType.Name}.", DType.Name),
            ["chunk_grid"] = new JsonObject
            {
                ["name"] = "regular",
                ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray(ChunkShape.Select(c => (JsonNode)c).ToArray()) },
            },
            ["chunk_key_encoding"] = KeyEncoding.ToV3Json(),
            ["fill_value"] = ZarrFillValue.ToJson(this.FillValue ?? new byte[DType.ItemSize], DType, 3),
            ["codecs"] = codecs,
            ["attributes"] = ZarrJson.FromAttributes(Attributes),
        };
        if (DimensionNames is not null) o["dimension_names"] = new JsonArray(DimensionNames.Select(n => (JsonNode?)n).ToArray());
        return o;
    }
}
