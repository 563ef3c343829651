using System.Collections;
using System.Globalization;
using ZarrPS.Engine.Arrays;

namespace ZarrPS.Engine.Model;

/// <summary>
/// Turns the selection values users write (xarray's isel/sel arguments, as PowerShell passes them) into axis
/// selections: positions as int, int[] or 'start:stop:step'; labels as a label, a two-element slice @(start, stop),
/// or a list of three or more labels.
/// </summary>
public static class Selectors
{
    /// <summary>Parses a positional selection for a dimension of <paramref name="length"/> (negative positions count from the end).</summary>
    public static AxisSelection Positional(object? spec, long length, string dim)
    {
        switch (Unwrap(spec))
        {
            case null:
                return AxisSelection.All(length);
            case string s when s.Contains(':'):
                return ParseSlice(s, length, dim);
            case string s:
                return AxisSelection.Scalar(Position(ParseLong(s, dim), length, dim));
            case AxisSelection a:
                return a;
            case IEnumerable e:
                return AxisSelection.List(e.Cast<object?>().Select(o => Position(ToLong(Unwrap(o), dim), length, dim)).ToArray());
            case var o:
                return AxisSelection.Scalar(Position(ToLong(o, dim), length, dim));
        }
    }

    private static AxisSelection ParseSlice(string s, long length, string dim)
    {
        var parts = s.Split(':');
        if (parts.Length > 3) throw Bad(dim, s, "a slice is 'start:stop' or 'start:stop:step'");
        long step = parts.Length == 3 && parts[2].Trim().Length > 0 ? ParseLong(parts[2], dim) : 1;
        if (step == 0) throw Bad(dim, s, "the step cannot be 0");
        long? a = parts[0].Trim().Length > 0 ? ParseLong(parts[0], dim) : null;
        long? b = parts[1].Trim().Length > 0 ? ParseLong(parts[1], dim) : null;
        // Python's slice.indices semantics.
        long start, stop;
        if (step > 0)
        {
            start = a is null ? 0 : Clamp(a.Value < 0 ? a.Value + length : a.Value, 0, length);
            stop = b is null ? length : Clamp(b.Value < 0 ? b.Value + length : b.Value, 0, length);
        }
        else
        {
            start = a is null ? length - 1 : Clamp(a.Value < 0 ? a.Value + length : a.Value, -1, length - 1);
            stop = b is null ? -1 : Clamp(b.Value < 0 ? b.Value + length : b.Value, -1, length - 1);
        }
        return AxisSelection.Range(start, stop, step);
    }

    private static long Clamp(long v, long lo, long hi) => Math.Max(lo, Math.Min(hi, v));

    private static long Position(long p, long length, string dim)
    {
        long q = p < 0 ? p + length : p;
        if (q < 0 || q >= length)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "IndexOutOfRange",
                $"Dimension '{dim}' has {length} elements, index {p} is out of bounds.", dim);
        return q;
    }

    private static long ParseLong(string s, string dim) =>
        long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : throw Bad(dim, s, "positions are integers");

    private static long ToLong(object? o, string dim)
    {
        try
        {
            double d = Convert.ToDouble(o, CultureInfo.InvariantCulture);
            if (d != Math.Floor(d)) throw new FormatException();
            return (long)d;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw Bad(dim, Convert.ToString(o, CultureInfo.InvariantCulture) ?? "null", "positions are integers");
        }
    }

    private static ZarrPSException Bad(string dim, string spec, string why) =>
        new(ErrorKind.InvalidArgument, "InvalidSelection", $"Invalid selection '{spec}' for dimension '{dim}': {why}.", dim);

    /// <summary>Strips PowerShell's wrappers (PSObject) through an optional unwrapping hook.</summary>
    public static Func<object?, object?> Unwrapper { get; set; } = o => o;

    private static object? Unwrap(object? o) => Unwrapper(o);

    /// <summary>
    /// Parses a label selection against an index: a label (a period for partial time strings), @(start, stop) as an
    /// inclusive slice (either bound may be $null), or three or more labels.
    /// </summary>
    public static AxisSelection Label(object? spec, CoordinateIndex index, SelectMethod method, object? tolerance)
    {
        switch (Unwrap(spec))
        {
            case null:
                return AxisSelection.All(index.Length);
            case LabelSlice ls:
                return index.Slice(ls.Start, ls.Stop);
            case string s:
                return index.Select(s, method, tolerance);
            case IEnumerable e:
                var items = e.Cast<object?>().Select(Unwrap).ToArray();
                if (items.Length == 2) return index.Slice(items[0], items[1]);
                if (items.Any(i => i is null))
                    throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidSelection", $"A list of labels for '{index.Name}' cannot hold nulls (only a two-element slice can).", index.Name);
                return index.SelectMany(items!, method, tolerance);
            case var o:
                return index.Select(o, method, tolerance);
        }
    }
}

/// <summary>An explicit label slice (inclusive); null bounds are open.</summary>
/// <param name="Start">The first label.</param>
/// <param name="Stop">The last label.</param>
public sealed record LabelSlice(object? Start, object? Stop);
