using System.Globalization;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>
/// CF decoding of one variable as xarray 2023.01 does it, lazily: character arrays to strings, _Unsigned, masking of
/// _FillValue/missing_value, scale_factor/add_offset, times. Attributes consumed move to the encoding.
/// </summary>
public static class CfDecoder
{
    /// <summary>Decodes a raw variable.</summary>
    public static Variable Decode(string name, Variable raw, bool maskAndScale, bool decodeTimes, bool joinChars = true)
    {
        var attrs = new OrderedDictionary<string, object?>(raw.Attrs, StringComparer.Ordinal);
        var encoding = new Dictionary<string, object?>(raw.Encoding, StringComparer.Ordinal);
        var dims = raw.Dims.ToList();
        ILazyArray data = raw.Data;

        if (joinChars && data.DType.Kind == ScalarKind.FixedBytes && data.DType.ItemSize == 1 && data.Shape.Length >= 1)
        {
            encoding["char_dim_name"] = dims[^1];
            dims.RemoveAt(dims.Count - 1);
            data = new CharArray(data);
        }

        if (attrs.TryGetValue("dtype", out var dtAttr) && dtAttr is string dts && dts == "bool" && data.DType.IsInteger)
        {
            attrs.Remove("dtype");
            encoding["dtype"] = data.DType.Name;
            data = new CastToBoolArray(data);
        }

        if (maskAndScale)
        {
            if (attrs.TryGetValue("_Unsigned", out var us) && data.DType.IsSignedInteger)
            {
                attrs.Remove("_Unsigned");
                encoding["_Unsigned"] = us;
                if (string.Equals(Convert.ToString(us, CultureInfo.InvariantCulture), "true", StringComparison.OrdinalIgnoreCase))
                    data = new ReinterpretArray(data, UnsignedOf(data.DType));
            }
            var masks = new List<double>();
            foreach (var key in new[] { "_FillValue", "missing_value" })
            {
                if (!attrs.Remove(key, out var fv)) continue;
                encoding[key] = fv;
                foreach (var d in Numbers(fv, data.DType)) if (!double.IsNaN(d) && !masks.Contains(d)) masks.Add(d);
            }
            double? scale = attrs.Remove("scale_factor", out var sf) ? First(sf) : null;
            double? offset = attrs.Remove("add_offset", out var ao) ? First(ao) : null;
            if (scale is not null) encoding["scale_factor"] = sf;
            if (offset is not null) encoding["add_offset"] = ao;
            bool hasFill = encoding.ContainsKey("_FillValue") || encoding.ContainsKey("missing_value");
            if ((hasFill && data.DType.IsNumeric && !data.DType.IsComplex && data.DType.Kind != ScalarKind.Bool) || scale is not null || offset is not null)
            {
                var t = DecodedType(data.DType, hasFill, scale is not null || offset is not null);
                if (t is not null && (masks.Count > 0 || scale is not null || offset is not null || t != data.DType))
                    data = new MaskScaleArray(data, t, masks, scale, offset);
            }
        }

        if (decodeTimes && attrs.TryGetValue("units", out var u) && u is string units)
        {
            string? calendar = attrs.TryGetValue("calendar", out var c) ? c as string : null;
            var decoded = TimeDecoding.TryDecode(data, units, calendar, name);
            if (decoded is not null)
            {
                attrs.Remove("units");
                encoding["units"] = units;
                if (calendar is not null)
                {
                    attrs.Remove("calendar");
                    encoding["calendar"] = calendar;
                }
                data = decoded;
            }
        }
        return new Variable(dims, data, attrs, encoding);
    }

    // xarray 2023.01: masking promotes small integers to float32 and others to float64; scaling keeps float32 for
    // floats of up to 4 bytes and integers of up to 2 bytes, float64 otherwise (its add_offset check runs after the
    // attribute was moved to the encoding, so an offset does not force float64).
    private static DataType? DecodedType(DataType raw, bool hasFill, bool scaled)
    {
        DataType t = raw;
        if (hasFill && raw.IsInteger) t = raw.ItemSize <= 2 ? DataType.Float32 : DataType.Float64;
        if (scaled)
        {
            if (t.IsFloat && t.ItemSize <= 4) return DataType.Float32;
            if (t.IsInteger && t.ItemSize <= 2) return DataType.Float32;
            return DataType.Float64;
        }
        if (t.Kind == ScalarKind.Float16) return DataType.Float32;
        return t.IsFloat ? t : null;
    }

    private static DataType UnsignedOf(DataType t) => t.Kind switch
    {
        ScalarKind.Int8 => DataType.UInt8,
        ScalarKind.Int16 => DataType.UInt16,
        ScalarKind.Int32 => DataType.UInt32,
        _ => DataType.UInt64,
    };

    private static double? First(object? v) => Numbers(v, DataType.Float64).Select(d => (double?)d).FirstOrDefault();

    private static IEnumerable<double> Numbers(object? v, DataType target)
    {
        switch (v)
        {
            case null: yield break;
            case string s:
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double p)) yield return p;
                yield break;
            case System.Collections.IEnumerable e:
                foreach (var o in e) foreach (var d in Numbers(o, target)) yield return d;
                yield break;
            case bool b: yield return b ? 1 : 0; yield break;
            case Half h: yield return (double)h; yield break;
            default:
                yield return Convert.ToDouble(v, CultureInfo.InvariantCulture);
                yield break;
        }
    }
}
