using System.Globalization;
using System.Text;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model;

/// <summary>Text like xarray's repr: dimensions, coordinates with their first and last values, data variables, attributes.</summary>
public static class Repr
{
    private const int Width = 80;

    /// <summary>The repr of a Dataset.</summary>
    public static string Of(Dataset ds)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<ZarrPS.Dataset>");
        sb.Append("Dimensions:  (").Append(string.Join(", ", ds.Dims.Select(kv => $"{kv.Key}: {kv.Value}"))).AppendLine(")");
        int nameWidth = Math.Max(6, ds.Variables.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max() + 1);
        sb.AppendLine("Coordinates:");
        foreach (var c in ds.Coords) sb.AppendLine(Line(c, ds.Variables[c], nameWidth, IsIndex(c, ds.Variables[c]) ? "  * " : "    ", values: true));
        sb.AppendLine("Data variables:");
        foreach (var d in ds.DataVars) sb.AppendLine(Line(d, ds.Variables[d], nameWidth, "    ", values: false));
        AppendAttrs(sb, ds.Attrs);
        return sb.ToString().TrimEnd();
    }

    /// <summary>The repr of a DataArray.</summary>
    public static string Of(DataArray da)
    {
        var sb = new StringBuilder();
        string dims = string.Join(", ", da.Dims.Select((d, i) => $"{d}: {da.Shape[i]}"));
        sb.Append("<ZarrPS.DataArray");
        if (da.Name is not null) sb.Append(" '").Append(da.Name).Append('\'');
        sb.Append(" (").Append(dims).AppendLine(")>");
        sb.Append(da.DType).Append(' ').AppendLine(DataSummary(da.Variable));
        if (da.Coords.Count > 0)
        {
            int nameWidth = Math.Max(6, da.Coords.Keys.Select(k => k.Length).Max() + 1);
            sb.AppendLine("Coordinates:");
            foreach (var (c, v) in da.Coords) sb.AppendLine(Line(c, v, nameWidth, IsIndex(c, v) ? "  * " : "    ", values: true));
        }
        AppendAttrs(sb, da.Attrs);
        return sb.ToString().TrimEnd();
    }

    private static bool IsIndex(string name, Variable v) => v.Rank == 1 && v.Dims[0] == name;

    private static string Line(string name, Variable v, int nameWidth, string marker, bool values)
    {
        string head = $"{marker}{name.PadRight(nameWidth)} ({string.Join(", ", v.Dims)}) {v.DType.Name} ";
        string tail = values && v.Rank <= 1 ? PreviewValues(v, Width - head.Length) : DataSummary(v);
        string line = head + tail;
        return line.Length > Width && values ? line[..(Width - 3)] + "..." : line;
    }

    private static string DataSummary(Variable v)
    {
        if (v.Rank == 0) return PreviewValues(v, 40);
        return $"chunksize=({string.Join(", ", v.Chunks.ChunkSize)}) chunks={v.Chunks.Count}";
    }

    /// <summary>The first and last few values of a 0-D or 1-D variable, read from the source (a few elements only).</summary>
    public static string PreviewValues(Variable v, int room)
    {
        try
        {
            string F(object? o) => FormatValue(TimeValues.ToUser(o, v.DType));
            if (v.Rank == 0) return F(ArrayValues.ReadScalar(v.Data, []));
            long n = v.Shape[0];
            if (n == 0) return "[]";
            var items = new List<string>();
            if (n <= 6)
            {
                foreach (var o in ArrayValues.Read(v.Data, [0], [n])) items.Add(F(o));
                return string.Join(" ", items);
            }
            var head = ArrayValues.Read(v.Data, [0], [3]).Cast<object?>().Select(F).ToArray();
            var tail = ArrayValues.Read(v.Data, [n - 3], [3]).Cast<object?>().Select(F).ToArray();
            string s = string.Join(" ", head) + " ... " + string.Join(" ", tail);
            return s.Length <= room ? s : string.Join(" ", head.Take(2)) + " ... " + string.Join(" ", tail.Skip(1));
        }
        catch (ZarrPSException e)
        {
            return $"<unreadable: {e.Message}>";
        }
    }

    /// <summary>One value as numpy would print it in a summary.</summary>
    public static string FormatValue(object? o) => o switch
    {
        null => "nan",
        double d => FormatFloat(d),
        float f => FormatFloat(f),
        Half h => FormatFloat((double)h),
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        ZarrPS.Engine.Cf.CfDate cd => cd.ToString(),
        bool b => b ? "True" : "False",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => o.ToString() ?? "",
    };

    private static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        double a = Math.Abs(d);
        if (a != 0 && (a >= 1e6 || a < 1e-4)) return d.ToString("0.###e+00", CultureInfo.InvariantCulture);
        string s = Math.Round(d, 4).ToString("0.0###", CultureInfo.InvariantCulture);
        return s;
    }

    private static void AppendAttrs(StringBuilder sb, OrderedDictionary<string, object?> attrs)
    {
        if (attrs.Count == 0) return;
        sb.AppendLine("Attributes:");
        int w = Math.Max(attrs.Keys.Max(k => k.Length) + 1, 9);
        foreach (var (k, v) in attrs)
        {
            string line = $"    {(k + ":").PadRight(w)} {FormatAttr(v)}";
            sb.AppendLine(line.Length > Width ? line[..(Width - 3)] + "..." : line);
        }
    }

    /// <summary>An attribute value for display.</summary>
    public static string FormatAttr(object? v) => v switch
    {
        null => "None",
        string s => s.ReplaceLineEndings(" "),
        Array a => "[" + string.Join(", ", a.Cast<object?>().Select(FormatAttr)) + "]",
        OrderedDictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"{kv.Key}: {FormatAttr(kv.Value)}")) + "}",
        _ => FormatValue(v),
    };
}
