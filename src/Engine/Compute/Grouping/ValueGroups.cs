using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Model;

namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// Groups by the values of a 1-D coordinate (xarray's <c>groupby("x")</c>): one group per distinct value, labels
/// sorted; NaN and NaT belong to no group, as pandas' factorize leaves them out.
/// </summary>
public static class ValueGroups
{
    /// <summary>Groups floating-point values; NaN gets -1; -0.0 and 0.0 are one value.</summary>
    public static GroupKeys Compute(ReadOnlySpan<double> values, string name, string? dim = null)
    {
        var keys = new double[values.Length];
        var include = new bool[values.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            double v = values[i];
            include[i] = !double.IsNaN(v);
            keys[i] = v == 0 ? 0.0 : v;
        }
        var codes = Factorizer.Factorize(keys, include, Comparer<double>.Default, out var labels);
        return new GroupKeys(name, dim ?? name, codes, labels, DataType.Float64);
    }

    /// <summary>Groups integer values (or datetime64/calendar values when <paramref name="type"/> says so: NaT gets -1).</summary>
    public static GroupKeys Compute(ReadOnlySpan<long> values, string name, string? dim = null, DataType? type = null)
    {
        type ??= DataType.Int64;
        var keys = values.ToArray();
        bool[]? include = null;
        if (type.IsTime)
        {
            include = new bool[keys.Length];
            for (int i = 0; i < keys.Length; i++) include[i] = keys[i] != Datetime64.NaT;
        }
        var codes = Factorizer.Factorize(keys, include, Comparer<long>.Default, out var labels);
        return new GroupKeys(name, dim ?? name, codes, labels, type);
    }

    /// <summary>Groups strings, sorted by code point as Python sorts them; null belongs to no group.</summary>
    public static GroupKeys Compute(string?[] values, string name, string? dim = null, DataType? type = null)
    {
        var include = new bool[values.Length];
        var keys = new string[values.Length];
        int longest = 1;
        for (int i = 0; i < keys.Length; i++)
        {
            include[i] = values[i] is not null;
            keys[i] = values[i] ?? "";
            longest = Math.Max(longest, keys[i].Length);
        }
        var codes = Factorizer.Factorize(keys, include, Comparer<string>.Create(CompareCodePoints), out var labels);
        return new GroupKeys(name, dim ?? name, codes, labels, type ?? DataType.FixedUnicode(longest));
    }

    /// <summary>
    /// Groups a 1-D coordinate variable by its values (reads them). Labels keep the coordinate's element type:
    /// float[] for float32, long[] for times, string[] for strings.
    /// </summary>
    public static GroupKeys Compute(Variable coordinate, string name)
    {
        if (coordinate.Rank != 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "GroupNotOneDimensional",
                $"Coordinate '{name}' has {coordinate.Rank} dimensions ({string.Join(", ", coordinate.Dims)}); groups need a 1-D coordinate.", name);
        string dim = coordinate.Dims[0];
        var type = coordinate.DType;
        var values = ArrayValues.ReadAll(coordinate.Data);
        switch (values)
        {
            case string[] s:
                return Compute(s, name, dim, type);
            case long[] l:
                return Compute(l, name, dim, type);
            case double[] d:
                return Compute(d, name, dim);
            case float[] f:
            {
                var asDouble = new double[f.Length];
                for (int i = 0; i < f.Length; i++) asDouble[i] = f[i];
                var g = Compute(asDouble, name, dim);
                var labels = new float[g.GroupCount];
                var dl = (double[])g.Labels;
                for (int i = 0; i < labels.Length; i++) labels[i] = (float)dl[i];
                return new GroupKeys(name, dim, g.Codes, labels, type);
            }
            case Half[] h:
            {
                var asDouble = new double[h.Length];
                for (int i = 0; i < h.Length; i++) asDouble[i] = (double)h[i];
                var g = Compute(asDouble, name, dim);
                var labels = new Half[g.GroupCount];
                var dl = (double[])g.Labels;
                for (int i = 0; i < labels.Length; i++) labels[i] = (Half)dl[i];
                return new GroupKeys(name, dim, g.Codes, labels, type);
            }
            case ulong[] u:
            {
                var codes = Factorizer.Factorize(u, null, Comparer<ulong>.Default, out var labels);
                return new GroupKeys(name, dim, codes, labels, type);
            }
            case bool[] b:
            {
                var codes = Factorizer.Factorize(b, null, Comparer<bool>.Default, out var labels);
                return new GroupKeys(name, dim, codes, labels, type);
            }
        }
        if (type.IsInteger)
        {
            var keys = new long[values.Length];
            int i = 0;
            foreach (var o in values) keys[i++] = Convert.ToInt64(o, System.Globalization.CultureInfo.InvariantCulture);
            var g = Compute(keys, name, dim, DataType.Int64);
            var labels = Array.CreateInstance(type.ClrType, g.GroupCount);
            var ll = (long[])g.Labels;
            for (int k = 0; k < ll.Length; k++) labels.SetValue(Convert.ChangeType(ll[k], type.ClrType, System.Globalization.CultureInfo.InvariantCulture), k);
            return new GroupKeys(name, dim, g.Codes, labels, type);
        }
        throw new ZarrPSException(ErrorKind.InvalidArgument, "UngroupableType",
            $"Coordinate '{name}' holds {type.Name} values, which cannot be grouped (numbers, strings and times can).", name);
    }

    private static int CompareCodePoints(string? a, string? b)
    {
        // Ordinal UTF-16 order differs from code point order only for surrogates against U+E000..U+FFFF.
        a ??= "";
        b ??= "";
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            bool xs = char.IsSurrogate(x), ys = char.IsSurrogate(y);
            if (xs != ys) return xs ? 1 : -1;
            return x.CompareTo(y);
        }
        return a.Length.CompareTo(b.Length);
    }
}
