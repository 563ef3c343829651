using System.Globalization;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model;

/// <summary>How a label that is not in the index is matched (pandas' get_indexer methods).</summary>
public enum SelectMethod
{
    /// <summary>Exact matches only.</summary>
    Exact,
    /// <summary>The closest value (ties go to the larger value).</summary>
    Nearest,
    /// <summary>The largest value not above the label (forward fill).</summary>
    Pad,
    /// <summary>The smallest value not below the label (back fill).</summary>
    Backfill,
}

/// <summary>
/// An index from the labels of a 1-D coordinate to positions (xarray's PandasIndex): numbers, times (int64
/// nanoseconds or calendar dates as sortable longs) or strings, ascending, descending or unordered.
/// </summary>
public sealed class CoordinateIndex
{
    private readonly double[]? _numbers;
    private readonly string[]? _texts;

    private CoordinateIndex(string name, double[]? numbers, string[]? texts, ITimeAxis? time)
    {
        Name = name;
        _numbers = numbers;
        _texts = texts;
        Time = time;
        Length = numbers?.Length ?? texts!.Length;
        Direction = numbers is not null ? DirectionOf(numbers) : DirectionOf(texts!);
    }

    /// <summary>The coordinate's name.</summary>
    public string Name { get; }

    /// <summary>The number of labels.</summary>
    public long Length { get; }

    /// <summary>+1 ascending, -1 descending (strictly), 0 otherwise.</summary>
    public int Direction { get; }

    /// <summary>For time coordinates: how labels (strings, DateTime, periods) become positions on the axis.</summary>
    public ITimeAxis? Time { get; }

    /// <summary>Builds the index of a 1-D coordinate variable (reads its values).</summary>
    public static CoordinateIndex Load(string name, Variable coord)
    {
        if (coord.Rank != 1)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "NotAnIndex", $"Coordinate '{name}' has {coord.Rank} dimensions; only 1-D coordinates index a dimension.", name);
        var values = ArrayValues.ReadAll(coord.Data);
        var t = coord.DType;
        if (t.Kind is ScalarKind.FixedBytes or ScalarKind.FixedUnicode)
            return new CoordinateIndex(name, null, values.Cast<string>().ToArray(), null);
        var time = TimeAxes.For(coord);
        var numbers = new double[values.Length];
        int i = 0;
        foreach (var o in values) numbers[i++] = Convert.ToDouble(o is Half h ? (double)h : o, CultureInfo.InvariantCulture);
        return new CoordinateIndex(name, numbers, null, time);
    }

    private static int DirectionOf(double[] v)
    {
        if (v.Length < 2) return 1;
        bool up = true, down = true;
        for (int i = 1; i < v.Length; i++)
        {
            if (!(v[i] > v[i - 1])) up = false;
            if (!(v[i] < v[i - 1])) down = false;
        }
        return up ? 1 : down ? -1 : 0;
    }

    private static int DirectionOf(string[] v)
    {
        if (v.Length < 2) return 1;
        bool up = true, down = true;
        for (int i = 1; i < v.Length; i++)
        {
            int c = string.CompareOrdinal(v[i], v[i - 1]);
            if (c <= 0) up = false;
            if (c >= 0) down = false;
        }
        return up ? 1 : down ? -1 : 0;
    }

    private string Range => _numbers is not null
        ? Length == 0 ? "empty" : $"{Show(_numbers[0])} … {Show(_numbers[^1])}"
        : Length == 0 ? "empty" : $"'{_texts![0]}' … '{_texts[^1]}'";

    private string Show(double v) => Time is not null ? Time.Format(v) : Repr.FormatValue(v);

    /// <summary>
    /// The selection for one label: a position (the dimension is dropped), or for a time period given as a partial
    /// string ('2019-07') every position inside the period.
    /// </summary>
    public AxisSelection Select(object label, SelectMethod method, object? tolerance)
    {
        if (Time is not null && Time.TryPeriod(label, out double lo, out double hi))
        {
            // A period selects every time inside it (pandas' partial string indexing).
            return Between(lo, hi, inclusiveHigh: false);
        }
        return AxisSelection.Scalar(Locate(label, method, tolerance));
    }

    /// <summary>The position of one label.</summary>
    public long Locate(object label, SelectMethod method, object? tolerance)
    {
        if (_texts is not null)
        {
            string s = Convert.ToString(label, CultureInfo.InvariantCulture) ?? "";
            int i = Array.IndexOf(_texts, s);
            if (i < 0)
                throw new ZarrPSException(ErrorKind.NotFound, "LabelNotFound", $"Label '{s}' is not in coordinate '{Name}' ({Range}).", s);
            return i;
        }
        double x = ToNumber(label, "label");
        double tol = tolerance is null ? double.PositiveInfinity : ToTolerance(tolerance);
        long best = -1;
        double bestDist = double.PositiveInfinity;
        double bestValue = double.NaN;
        for (long i = 0; i < _numbers!.Length; i++)
        {
            double v = _numbers[i];
            if (v == x) return i;
            if (method == SelectMethod.Exact || double.IsNaN(v)) continue;
            bool ok = method switch
            {
                SelectMethod.Pad => v < x,
                SelectMethod.Backfill => v > x,
                _ => true,
            };
            if (!ok) continue;
            double dist = Math.Abs(v - x);
            // Ties: the larger value, as pandas.
            if (dist < bestDist || (dist == bestDist && v > bestValue))
            {
                best = i;
                bestDist = dist;
                bestValue = v;
            }
        }
        if (best < 0 || bestDist > tol)
        {
            string why = method == SelectMethod.Exact ? "" : best < 0 ? $" (no value for method {method.ToString().ToLowerInvariant()})" : $" (the nearest, {Show(bestValue)}, is further than the tolerance {FormatTolerance(tol)})";
            throw new ZarrPSException(ErrorKind.NotFound, "LabelNotFound", $"Label {FormatLabel(label)} is not in coordinate '{Name}' ({Range}){why}.", label);
        }
        return best;
    }

    /// <summary>Positions of several labels.</summary>
    public AxisSelection SelectMany(IEnumerable<object> labels, SelectMethod method, object? tolerance) =>
        AxisSelection.List(labels.Select(l => Locate(l, method, tolerance)).ToArray());

    /// <summary>
    /// A label slice, inclusive at both ends as in xarray. Either bound may be null (open). Bounds given in either
    /// order select the labels between them in the coordinate's own order (so 10..40 works on latitude 90 … -90).
    /// </summary>
    public AxisSelection Slice(object? start, object? stop)
    {
        if (_texts is not null)
        {
            if (Direction == 0) throw NotMonotonic();
            string? a = start is null ? null : Convert.ToString(start, CultureInfo.InvariantCulture);
            string? b = stop is null ? null : Convert.ToString(stop, CultureInfo.InvariantCulture);
            if (a is not null && b is not null && string.CompareOrdinal(a, b) > 0) (a, b) = (b, a);
            var keep = new List<long>();
            for (long i = 0; i < _texts.Length; i++)
                if ((a is null || string.CompareOrdinal(_texts[i], a) >= 0) && (b is null || string.CompareOrdinal(_texts[i], b) <= 0)) keep.Add(i);
            return Contiguous(keep);
        }
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        bool hiInclusive = true;
        if (start is not null)
        {
            if (Time is not null && Time.TryPeriod(start, out double pl, out _)) lo = pl;
            else lo = ToNumber(start, "slice start");
        }
        if (stop is not null)
        {
            if (Time is not null && Time.TryPeriod(stop, out _, out double ph)) { hi = ph; hiInclusive = false; }
            else hi = ToNumber(stop, "slice stop");
        }
        if (lo > hi) (lo, hi) = (hi, lo);
        return Between(lo, hi, hiInclusive);
    }

    private AxisSelection Between(double lo, double hi, bool inclusiveHigh)
    {
        if (Direction == 0) throw NotMonotonic();
        var keep = new List<long>();
        for (long i = 0; i < _numbers!.Length; i++)
        {
            double v = _numbers[i];
            if (v >= lo && (inclusiveHigh ? v <= hi : v < hi)) keep.Add(i);
        }
        return Contiguous(keep);
    }

    private static AxisSelection Contiguous(List<long> keep) =>
        keep.Count == 0 ? AxisSelection.Range(0, 0) : AxisSelection.Range(keep[0], keep[^1] + 1);

    private ZarrPSException NotMonotonic() =>
        new(ErrorKind.InvalidArgument, "IndexNotMonotonic", $"Cannot slice coordinate '{Name}' by label: its values are not monotonic ({Range}). Select positions with -Isel instead.", Name);

    private double ToNumber(object label, string what)
    {
        if (Time is not null) return Time.ToAxisValue(label, Name);
        try
        {
            return label switch
            {
                string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => Convert.ToDouble(label, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidLabel", $"The {what} {FormatLabel(label)} is not a number, as coordinate '{Name}' needs ({Range}).", label, e);
        }
    }

    private double ToTolerance(object tolerance) =>
        Time is not null ? Time.ToAxisDuration(tolerance, Name) : Convert.ToDouble(tolerance, CultureInfo.InvariantCulture);

    private string FormatTolerance(double tol) => Time is not null ? Time.FormatDuration(tol) : Repr.FormatValue(tol);

    private static string FormatLabel(object label) => label switch
    {
        string s => $"'{s}'",
        DateTime d => d.ToString("s", CultureInfo.InvariantCulture),
        _ => Repr.FormatValue(label),
    };
}
