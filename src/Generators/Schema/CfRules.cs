using System;
using System.Globalization;

namespace ZarrPS.Generators.Schema;

/// <summary>
/// The element type a stored array has once the engine opens it, by the rules of its CF decoding (xarray 2023.01's):
/// masking and packing promote to float32 or float64, "&lt;unit&gt; since &lt;date&gt;" becomes datetime64[ns] or calendar
/// dates. The generator cannot call the engine, so it applies the same rules to the metadata; the generated Open
/// checks the result against the store, so a difference shows as a clear error rather than a wrong type.
/// </summary>
internal static class CfRules
{
    /// <summary>
    /// The decoded type of a raw type, given whether the variable has a fill value (_FillValue, missing_value, or a
    /// Zarr fill_value) and scale_factor/add_offset.
    /// </summary>
    public static string MaskAndScale(string raw, bool hasFill, bool scaled)
    {
        if (!((hasFill && DTypes.IsNumeric(raw) && !DTypes.IsComplex(raw) && raw != "bool") || scaled)) return raw;
        string t = raw;
        if (hasFill && DTypes.IsInteger(raw)) t = DTypes.ItemSize(raw) <= 2 ? "float32" : "float64";
        if (scaled)
        {
            if (DTypes.IsFloat(t) && DTypes.ItemSize(t) <= 4) return "float32";
            if (DTypes.IsInteger(t) && DTypes.ItemSize(t) <= 2) return "float32";
            return "float64";
        }
        if (t == "float16") return "float32";
        return t;
    }

    /// <summary>The signed integer type read as unsigned (_Unsigned = "true").</summary>
    public static string Unsigned(string raw) => raw switch
    {
        "int8" => "uint8",
        "int16" => "uint16",
        "int32" => "uint32",
        "int64" => "uint64",
        _ => raw,
    };

    /// <summary>
    /// "datetime64[ns]" or "cftime" when numbers with these units and calendar decode to times, else null (the numbers
    /// stay numbers: units without "since", unknown units or calendars, a reference date the calendar lacks). Assumes
    /// the values fit datetime64[ns] in the standard calendars, as they do for data of the last centuries.
    /// </summary>
    public static string? TimeType(string units, string? calendar)
    {
        string u = units.Trim();
        int space = 0;
        while (space < u.Length && !char.IsWhiteSpace(u[space])) space++;
        if (space == 0) return null;
        string unit = u.Substring(0, space).ToLowerInvariant();
        string rest = u.Substring(space).TrimStart();
        if (rest.Length <= 5 || !rest.StartsWith("since", StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(rest[5])) return null;
        string reference = rest.Substring(5).Trim();

        string? cal = CanonicalCalendar(calendar);
        if (cal is null) return null;
        switch (unit)
        {
            case "days": case "day": case "d":
            case "hours": case "hour": case "hrs": case "hr": case "h":
            case "minutes": case "minute": case "mins": case "min":
            case "seconds": case "second": case "secs": case "sec": case "s":
            case "milliseconds": case "millisecond": case "millisecs": case "millisec": case "msecs": case "msec": case "ms":
            case "microseconds": case "microsecond": case "microsecs": case "microsec": case "usecs": case "usec": case "us":
            case "nanoseconds": case "nanosecond": case "ns":
                break;
            case "months": case "month":
                if (cal != "360_day") return null;
                break;
            case "common_years": case "common_year":
                if (cal != "noleap") return null;
                break;
            default:
                return null;
        }
        if (!TryYear(reference, out long year)) return null;
        // The real-world calendars have no year 0 (CF 1.9, cftime): such a reference cannot be decoded.
        if (year == 0 && cal is "standard" or "julian") return null;
        return cal is "standard" or "proleptic_gregorian" ? "datetime64[ns]" : "cftime";
    }

    private static string? CanonicalCalendar(string? calendar)
    {
        if (calendar is null || calendar.Trim().Length == 0) return "standard";
        switch (calendar.Trim().ToLowerInvariant())
        {
            case "standard": case "gregorian": return "standard";
            case "proleptic_gregorian": return "proleptic_gregorian";
            case "julian": return "julian";
            case "noleap": case "365_day": return "noleap";
            case "all_leap": case "366_day": return "all_leap";
            case "360_day": return "360_day";
            default: return null;
        }
    }

    // The year of a reference date "YYYY-MM-DD[ hh:mm:ss]" (a sign and any number of digits), or false.
    private static bool TryYear(string reference, out long year)
    {
        year = 0;
        int i = 0;
        if (i < reference.Length && reference[i] is '-' or '+') i++;
        int start = i;
        while (i < reference.Length && char.IsDigit(reference[i])) i++;
        if (i == start || i >= reference.Length || reference[i] != '-') return false;
        if (!long.TryParse(reference.Substring(0, i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out year)) return false;
        int m = ++i;
        while (i < reference.Length && char.IsDigit(reference[i])) i++;
        return i > m && int.TryParse(reference.Substring(m, i - m), NumberStyles.None, CultureInfo.InvariantCulture, out int month) && month is >= 1 and <= 12;
    }
}
