using System;
using System.Collections.Generic;
using System.Linq;
using ZarrPS.Generators.Json;

namespace ZarrPS.Generators.Schema;

/// <summary>
/// Reads the three schema formats: a consolidated Zarr v2 .zmetadata, a Zarr v3 zarr.json with consolidated
/// metadata, and an .xschema.json (variables with dims and decoded dtypes; see src/Generators/README.md). Only the
/// root group's arrays are variables, as when the store is opened without a group.
/// </summary>
internal static class SchemaReader
{
    public static SchemaDocument Read(string text)
    {
        JsonValue root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (FormatException e)
        {
            return SchemaDocument.Failed("it is not JSON: " + e.Message);
        }
        if (root.Kind != JsonKind.Object) return SchemaDocument.Failed("the document is not a JSON object");
        if (root["variables"] is { } vars) return ReadXSchema(vars, root["coordinates"]);
        if (root["metadata"] is { Kind: JsonKind.Object } meta) return ReadV2(meta);
        if (root["zarr_format"] is { Kind: JsonKind.Number, Number: 3 })
        {
            if (root["consolidated_metadata"]?["metadata"] is { Kind: JsonKind.Object } consolidated) return ReadV3(root, consolidated);
            return SchemaDocument.Failed("this zarr.json has no consolidated_metadata (consolidate the store, or write an .xschema.json)");
        }
        return SchemaDocument.Failed("it is neither a consolidated .zmetadata (a 'metadata' object), a Zarr v3 zarr.json with consolidated_metadata, nor an .xschema.json (a 'variables' object)");
    }

    // A stored array before decoding.
    private sealed class RawArray
    {
        public string Name = "";
        public List<string> Dims = new();
        public List<long> Shape = new();
        public string DTypeText = "";
        public string? DType;
        public bool ZarrFill;
        public JsonValue Attrs = JsonValue.Object(new List<KeyValuePair<string, JsonValue>>());
    }

    private static SchemaDocument ReadV2(JsonValue meta)
    {
        var arrays = new List<RawArray>();
        var problems = new List<string>();
        foreach (var member in meta.Members!)
        {
            const string suffix = "/.zarray";
            if (!member.Key.EndsWith(suffix, StringComparison.Ordinal)) continue;
            string name = member.Key.Substring(0, member.Key.Length - suffix.Length);
            if (name.IndexOf('/') >= 0) continue;
            var zarray = member.Value;
            var attrs = meta[name + "/.zattrs"] ?? JsonValue.Object(new List<KeyValuePair<string, JsonValue>>());
            var dims = attrs["_ARRAY_DIMENSIONS"]?.AsStrings();
            var shape = zarray["shape"]?.AsIntegers();
            if (dims is null) { problems.Add($"array '{name}' has no _ARRAY_DIMENSIONS attribute (xarray writes one for every variable)"); continue; }
            if (shape is null || shape.Count != dims.Count) { problems.Add($"array '{name}' has no shape of {dims.Count} integers"); continue; }
            var dtype = zarray["dtype"];
            string dtypeText = dtype?.Kind == JsonKind.String ? dtype.Text! : dtype?.Kind == JsonKind.Array ? "a structured type" : dtype?.ToString() ?? "none";
            arrays.Add(new RawArray
            {
                Name = name,
                Dims = dims,
                Shape = shape,
                DTypeText = dtypeText,
                DType = dtype?.Kind == JsonKind.String ? DTypes.Canonical(dtype.Text!) : null,
                ZarrFill = zarray["fill_value"] is { Kind: not JsonKind.Null },
                Attrs = attrs,
            });
        }
        if (problems.Count > 0) return SchemaDocument.Failed(string.Join("; ", problems));
        return Decode(arrays, meta[".zattrs"]);
    }

    private static SchemaDocument ReadV3(JsonValue root, JsonValue consolidated)
    {
        var arrays = new List<RawArray>();
        var problems = new List<string>();
        foreach (var member in consolidated.Members!)
        {
            string name = member.Key.Trim('/');
            var node = member.Value;
            if (name.IndexOf('/') >= 0 || node["node_type"]?.AsString != "array") continue;
            var shape = node["shape"]?.AsIntegers();
            if (shape is null) { problems.Add($"array '{name}' has no shape"); continue; }
            var dims = node["dimension_names"]?.AsStrings();
            var attrs = node["attributes"] ?? JsonValue.Object(new List<KeyValuePair<string, JsonValue>>());
            dims ??= attrs["_ARRAY_DIMENSIONS"]?.AsStrings();
            if (dims is null || dims.Count != shape.Count) { problems.Add($"array '{name}' has no dimension_names for its {shape.Count} dimensions"); continue; }
            var dtype = node["data_type"];
            string? dtypeName = dtype?.Kind == JsonKind.String ? dtype.Text : dtype?["name"]?.AsString;
            arrays.Add(new RawArray
            {
                Name = name,
                Dims = dims,
                Shape = shape,
                DTypeText = dtypeName ?? dtype?.ToString() ?? "none",
                DType = dtypeName is null || !IsV3Name(dtypeName) ? null : DTypes.Canonical(dtypeName),
                ZarrFill = node["fill_value"] is { Kind: not JsonKind.Null },
                Attrs = attrs,
            });
        }
        if (problems.Count > 0) return SchemaDocument.Failed(string.Join("; ", problems));
        return Decode(arrays, root["attributes"]);
    }

    private static bool IsV3Name(string name) => name is "bool" or "int8" or "int16" or "int32" or "int64" or "uint8" or "uint16" or
        "uint32" or "uint64" or "float16" or "float32" or "float64" or "complex64" or "complex128";

    // The engine's open: coordinates, bounds inheriting units and calendar, then CF decoding of each array.
    private static SchemaDocument Decode(List<RawArray> arrays, JsonValue? groupAttrs)
    {
        var names = new HashSet<string>(arrays.Select(a => a.Name), StringComparer.Ordinal);
        var coords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in arrays)
        {
            if (a.Dims.Count == 1 && a.Dims[0] == a.Name) coords.Add(a.Name);
            AddListed(a.Attrs["coordinates"], names, coords);
        }
        AddListed(groupAttrs?["coordinates"], names, coords);
        var boundsOf = new Dictionary<string, RawArray>(StringComparer.Ordinal);
        foreach (var a in arrays)
            if (a.Attrs["bounds"]?.AsString is { } b) boundsOf[b] = a;

        var variables = new List<SchemaVariable>();
        var unknown = new List<UnknownDType>();
        foreach (var a in arrays)
        {
            if (a.DType is null)
            {
                unknown.Add(new UnknownDType(a.Name, a.DTypeText));
                continue;
            }
            var dims = new List<string>(a.Dims);
            string t = a.DType;
            if (t == "|S1" && dims.Count >= 1)
            {
                // Character arrays join along their last dimension into strings.
                t = "|S" + a.Shape[a.Shape.Count - 1];
                dims.RemoveAt(dims.Count - 1);
            }
            if (a.Attrs["dtype"]?.AsString == "bool" && DTypes.IsInteger(t)) t = "bool";
            var unsigned = a.Attrs["_Unsigned"];
            if (unsigned is not null && DTypes.IsSignedInteger(t) &&
                string.Equals(unsigned.Kind == JsonKind.Bool ? (unsigned.Flag ? "true" : "false") : unsigned.Text, "true", StringComparison.OrdinalIgnoreCase))
                t = CfRules.Unsigned(t);
            bool hasFill = a.Attrs["_FillValue"] is not null || a.Attrs["missing_value"] is not null || a.ZarrFill;
            bool scaled = IsNumber(a.Attrs["scale_factor"]) || IsNumber(a.Attrs["add_offset"]);
            t = CfRules.MaskAndScale(t, hasFill, scaled);
            string? units = a.Attrs["units"]?.AsString;
            string? calendar = a.Attrs["calendar"]?.AsString;
            if (boundsOf.TryGetValue(a.Name, out var parent))
            {
                units ??= parent.Attrs["units"]?.AsString;
                calendar ??= parent.Attrs["calendar"]?.AsString;
            }
            if (units is not null && units.IndexOf(" since ", StringComparison.OrdinalIgnoreCase) >= 0 &&
                DTypes.IsNumeric(t) && !DTypes.IsComplex(t) && t != "bool" && CfRules.TimeType(units, calendar) is { } time)
                t = time;
            string description = Describe(a.Attrs["long_name"]?.AsString, a.Attrs["units"]?.AsString, t);
            variables.Add(new SchemaVariable(a.Name, new EquatableArray<string>(dims), t, coords.Contains(a.Name), null, description));
        }
        return new SchemaDocument(new EquatableArray<SchemaVariable>(variables), new EquatableArray<UnknownDType>(unknown), null);
    }

    private static void AddListed(JsonValue? list, HashSet<string> names, HashSet<string> coords)
    {
        if (list?.AsString is not { } s) return;
        foreach (var n in s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            if (names.Contains(n)) coords.Add(n);
    }

    // The engine takes the first number of an attribute (a number, a list, or a numeric string).
    private static bool IsNumber(JsonValue? v) => v?.Kind switch
    {
        JsonKind.Number or JsonKind.Bool => true,
        JsonKind.String => double.TryParse(v.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
        JsonKind.Array => v.Items!.Any(IsNumber),
        _ => false,
    };

    private static string Describe(string? longName, string? units, string dtype)
    {
        string text = longName ?? "";
        // Time units describe the encoding, not the decoded values.
        if (units is not null && !DTypes.IsTime(dtype)) text = text.Length == 0 ? "[" + units + "]" : text + " [" + units + "]";
        return text;
    }

    private static SchemaDocument ReadXSchema(JsonValue vars, JsonValue? coordinates)
    {
        if (vars.Kind != JsonKind.Object) return SchemaDocument.Failed("'variables' is not an object of variable name → {dims, dtype}");
        var listed = new HashSet<string>(coordinates?.AsStrings() ?? new List<string>(), StringComparer.Ordinal);
        var variables = new List<SchemaVariable>();
        var unknown = new List<UnknownDType>();
        var problems = new List<string>();
        foreach (var member in vars.Members!)
        {
            var v = member.Value;
            var dims = v["dims"]?.AsStrings();
            string? dtypeText = v["dtype"]?.AsString;
            if (dims is null) { problems.Add($"variable '{member.Key}' has no \"dims\" (a list of dimension names)"); continue; }
            if (dtypeText is null) { problems.Add($"variable '{member.Key}' has no \"dtype\" (a numpy name such as float32 or datetime64[ns])"); continue; }
            if (DTypes.Canonical(dtypeText) is not { } dtype)
            {
                unknown.Add(new UnknownDType(member.Key, dtypeText));
                continue;
            }
            var name = v["name"];
            if (name is not null && name.Kind != JsonKind.String) { problems.Add($"the \"name\" of variable '{member.Key}' is not a string"); continue; }
            bool isCoord = (dims.Count == 1 && dims[0] == member.Key) || listed.Contains(member.Key);
            variables.Add(new SchemaVariable(member.Key, new EquatableArray<string>(dims), dtype, isCoord, name?.Text,
                Describe(v["long_name"]?.AsString, v["units"]?.AsString, dtype)));
        }
        if (problems.Count > 0) return SchemaDocument.Failed(string.Join("; ", problems));
        return new SchemaDocument(new EquatableArray<SchemaVariable>(variables), new EquatableArray<UnknownDType>(unknown), null);
    }
}
