using System.Collections;
using System.Globalization;
using ZarrPS.Engine;
using ZarrPS.Engine.Cf;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;

namespace ZarrPS.Plot;

/// <summary>How positions along an axis are labelled.</summary>
internal enum AxisKind
{
    /// <summary>Numbers (a numeric coordinate, or positions when the dimension has none).</summary>
    Numeric,
    /// <summary>DateTime values as OLE automation dates (ScottPlot's date axis).</summary>
    DateTime,
    /// <summary>Calendar dates (non-standard CF calendars) as days since 1970-01-01 in their calendar.</summary>
    CalendarDate,
    /// <summary>Text labels; the positions are 0..n-1.</summary>
    Labels,
}

/// <summary>The positions along one dimension, taken from its coordinate.</summary>
internal sealed record AxisValues(string Dim, AxisKind Kind, double[] Positions, string[]? Labels, string? Units, CfCalendar Calendar = CfCalendar.ProlepticGregorian)
{
    /// <summary>A position written as its label (a date, a coordinate value, or the text label).</summary>
    public string Format(double x) => Kind switch
    {
        AxisKind.DateTime => System.DateTime.FromOADate(x).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).Replace(" 00:00", ""),
        AxisKind.CalendarDate => CfDate.FromEpochMicroseconds((long)Math.Round(x * 86_400_000_000d), Calendar).ToString(' ').Replace(" 00:00:00", ""),
        AxisKind.Labels => Labels![(int)Math.Clamp(Math.Round(x), 0, Labels.Length - 1)],
        _ => x.ToString("0.####", CultureInfo.InvariantCulture),
    };
}

/// <summary>Values to plot, computed through the engine (lazy data become numbers only here).</summary>
internal static class PlotValues
{
    /// <summary>All values as float64 in C order (NaN for missing), computed under <paramref name="options"/>.</summary>
    public static double[] Compute(DataArray a, ComputeOptions? options)
    {
        if (!a.DataType.IsNumeric && a.DataType.Kind != ScalarKind.Bool)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotNumeric",
                $"'{NameOf(a)}' holds {a.DType} values; only numbers can be plotted.", NameOf(a));
        var asDouble = a.DataType.Kind == ScalarKind.Float64 ? a : Operations.AsType(a, "float64");
        var computed = Graph.Compute(asDouble.Variable.Data, options);
        return computed.Values<double>().ToArray();
    }

    /// <summary>The array without its dimensions of length 1 (xarray's squeeze); what they were is kept as scalar coordinates.</summary>
    public static DataArray Squeeze(DataArray a)
    {
        var drop = new Hashtable();
        for (int i = 0; i < a.Rank; i++) if (a.Shape[i] == 1) drop[a.Dims[i]] = 0;
        return drop.Count == 0 ? a : a.Isel(drop);
    }

    /// <summary>The variable's name for messages and labels.</summary>
    public static string NameOf(DataArray a) => a.Name ?? "the array";

    /// <summary>long_name (else the name) and [units]: the label of a value axis or colour bar.</summary>
    public static string ValueLabel(DataArray a)
    {
        string name = Attr(a.Attrs, "long_name") ?? Attr(a.Attrs, "standard_name")?.Replace('_', ' ') ?? a.Name ?? "";
        string? units = Attr(a.Attrs, "units");
        return units is null || units.Length == 0 ? name : $"{name} [{units}]";
    }

    /// <summary>The array's name and its scalar coordinates ("t2m, time = 2019-07-01"): the default title.</summary>
    public static string DefaultTitle(DataArray a)
    {
        var parts = new List<string>();
        foreach (var (k, v) in a.Coords)
        {
            if (v.Rank != 0) continue;
            object? value = v.Values;
            string text = value switch
            {
                DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).Replace(" 00:00", ""),
                double or float => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("0.####", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value?.ToString() ?? "",
            };
            parts.Add($"{k} = {text}");
        }
        string name = a.Name ?? "";
        return parts.Count == 0 ? name : name.Length == 0 ? string.Join(", ", parts) : $"{name}, {string.Join(", ", parts)}";
    }

    /// <summary>The positions along <paramref name="dim"/>: its 1-D coordinate's values, or 0..n-1 when it has none.</summary>
    public static AxisValues Axis(DataArray a, string dim)
    {
        long n = a.Sizes[dim];
        if (!a.Coords.TryGetValue(dim, out var coord) || coord.Rank != 1 || coord.Dims[0] != dim)
            return new AxisValues(dim, AxisKind.Numeric, Enumerable.Range(0, checked((int)n)).Select(i => (double)i).ToArray(), null, null);
        string? units = Attr(coord.Attrs, "units");
        var values = (Array)coord.Values!;
        var positions = new double[values.Length];
        switch (values)
        {
            case DateTime[] dates:
                for (int i = 0; i < dates.Length; i++) positions[i] = dates[i] == DateTime.MinValue ? double.NaN : dates[i].ToOADate();
                return new AxisValues(dim, AxisKind.DateTime, positions, null, null);
            case CfDate[] cf:
                for (int i = 0; i < cf.Length; i++) positions[i] = cf[i].EpochMicroseconds / 86_400_000_000d;
                return new AxisValues(dim, AxisKind.CalendarDate, positions, null, null, cf.Length > 0 ? cf[0].Calendar : CfCalendar.ProlepticGregorian);
            default:
                if (coord.DType.IsNumeric)
                {
                    for (int i = 0; i < positions.Length; i++) positions[i] = Convert.ToDouble(values.GetValue(i), CultureInfo.InvariantCulture);
                    return new AxisValues(dim, AxisKind.Numeric, positions, null, units);
                }
                var labels = new string[values.Length];
                for (int i = 0; i < labels.Length; i++)
                {
                    positions[i] = i;
                    labels[i] = Convert.ToString(values.GetValue(i), CultureInfo.InvariantCulture) ?? "";
                }
                return new AxisValues(dim, AxisKind.Labels, positions, labels, units);
        }
    }

    /// <summary>The finite minimum and maximum, or null when every value is NaN.</summary>
    public static (double Min, double Max)? FiniteRange(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return min <= max ? (min, max) : null;
    }

    private static string? Attr(OrderedDictionary<string, object?> attrs, string key) =>
        attrs.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
}
