using System.Globalization;

namespace ZarrPS.Engine.Cf;

/// <summary>
/// Encodes times for writing as xarray's encode_cf_datetime does. Without units, the units are inferred
/// (infer_datetime_units): the coarsest of days, hours, minutes, seconds, milliseconds, microseconds (and for
/// datetime64 nanoseconds) that divides every step between consecutive times, since the first time. datetime64
/// values get the calendar "proleptic_gregorian" unless one is given. Values are int64 when exact, else float64.
/// </summary>
public static class CfTimeEncoder
{
    private static readonly CfTimeUnit[] Datetime64Candidates =
        [CfTimeUnit.Days, CfTimeUnit.Hours, CfTimeUnit.Minutes, CfTimeUnit.Seconds, CfTimeUnit.Milliseconds, CfTimeUnit.Microseconds, CfTimeUnit.Nanoseconds];

    private static readonly CfTimeUnit[] DateCandidates =
        [CfTimeUnit.Days, CfTimeUnit.Hours, CfTimeUnit.Minutes, CfTimeUnit.Seconds, CfTimeUnit.Milliseconds, CfTimeUnit.Microseconds];

    /// <summary>
    /// The units xarray infers for datetime64[ns] values, e.g. "days since 2019-01-01 00:00:00" or
    /// "hours since 2019-01-01 06:00:00" (the reference printed as pandas prints a Timestamp). NaT is skipped;
    /// no times at all give "days since 1970-01-01 00:00:00".
    /// </summary>
    public static string InferUnits(ReadOnlySpan<long> datetime64)
    {
        int first = FirstTime(datetime64);
        if (first < 0) return "days since 1970-01-01 00:00:00";
        var unit = CoarsestUnit(datetime64, first, Datetime64Candidates, 1);
        return CfTimeUnits.Format(unit, FormatTimestamp(datetime64[first]));
    }

    /// <summary>
    /// The units xarray infers for dates of a calendar (cftime objects), e.g. "days since 2000-01-01 00:00:00.000000"
    /// (the reference always with six fraction digits, as xarray's format_cftime_datetime writes it).
    /// </summary>
    public static string InferUnits(ReadOnlySpan<long> epochMicroseconds, CfCalendar calendar)
    {
        int first = FirstTime(epochMicroseconds);
        if (first < 0) return "days since 1970-01-01 00:00:00.000000";
        var unit = CoarsestUnit(epochMicroseconds, first, DateCandidates, 1000);
        var (y, mo, d, h, mi, s, us) = CfDate.FromEpochMicroseconds(epochMicroseconds[first], calendar);
        // Python's '{:04d}' counts the sign in the width: -5 prints as -005.
        string year = y < 0 ? "-" + (-y).ToString("D3", CultureInfo.InvariantCulture) : y.ToString("D4", CultureInfo.InvariantCulture);
        return CfTimeUnits.Format(unit, string.Create(CultureInfo.InvariantCulture, $"{year}-{mo:D2}-{d:D2} {h:D2}:{mi:D2}:{s:D2}.{us:D6}"));
    }

    /// <summary>
    /// Encodes datetime64[ns] values (NaT = long.MinValue). <paramref name="units"/> null infers them; given units are
    /// tidied as xarray tidies them ("hours since 2000-01-01T06:00:00"). <paramref name="calendar"/> null writes
    /// "proleptic_gregorian"; a non-Gregorian calendar takes each date's fields (a 29 February has no noleap twin:
    /// InvalidArgument "InvalidDate"; nanosecond units, which cftime cannot read back, InvalidArgument "InvalidTimeUnits").
    /// </summary>
    public static CfEncodedTimes Encode(ReadOnlySpan<long> datetime64, string? units = null, string? calendar = null)
    {
        string calendarName = string.IsNullOrWhiteSpace(calendar) ? "proleptic_gregorian" : calendar;
        var cal = CfCalendars.Parse(calendarName);
        string unitsText = units is null ? InferUnits(datetime64) : CleanUnits(units);
        var parsed = CfTimeUnits.Parse(unitsText);
        var reference = parsed.ReferenceDate(cal);
        Int128 referenceNs = (Int128)reference.EpochMicroseconds * 1000 + parsed.ReferenceNanosecond;

        // xarray subtracts with pandas when it can: a Gregorian calendar, a reference pandas can hold, and no
        // difference past int64 nanoseconds. Otherwise it encodes through cftime, which sees microseconds only.
        var deltas = new long[datetime64.Length];
        bool pandas = CfCalendars.SupportsDatetime64(cal) && referenceNs >= Datetime64.MinValue && referenceNs <= Datetime64.MaxValue;
        if (pandas)
        {
            long r = (long)referenceNs;
            for (int i = 0; i < datetime64.Length; i++)
            {
                long v = datetime64[i];
                if (v == Datetime64.NaT) { deltas[i] = Datetime64.NaT; continue; }
                long delta = v - r;
                // Overflow when the signs of v and -r agree and the result's sign differs.
                if (((v ^ delta) & (r ^ v)) < 0 || delta == Datetime64.NaT) { pandas = false; break; }
                deltas[i] = delta;
            }
            if (pandas) return Finish(deltas, parsed.UnitNanoseconds, unitsText, calendarName);
        }
        RefuseNanoseconds(parsed, calendarName);
        long referenceUs = reference.EpochMicroseconds;
        for (int i = 0; i < datetime64.Length; i++)
        {
            long v = datetime64[i];
            if (v == Datetime64.NaT) { deltas[i] = Datetime64.NaT; continue; }
            // Non-Gregorian calendars take the date's fields, as xarray does through datetime.datetime.
            long us = CfCalendars.SupportsDatetime64(cal)
                ? CalendarMath.FloorDiv(v, 1000)
                : CfDate.FromDatetime64(v, CfCalendar.ProlepticGregorian).WithCalendar(cal).EpochMicroseconds;
            deltas[i] = us - referenceUs; // both within ±292 years of 1970 here, or the reference is: no overflow
        }
        return Finish(deltas, parsed.UnitNanoseconds / 1000, unitsText, calendarName);
    }

    /// <summary>
    /// Encodes dates of a calendar given as <see cref="CfDate.EpochMicroseconds"/> (NaT = long.MinValue), as xarray
    /// encodes cftime objects. <paramref name="targetCalendar"/> null keeps the dates' calendar; another one takes
    /// each date's fields. InvalidData "TimeOutOfRange" when a date is more than 292,000 years from the reference.
    /// </summary>
    public static CfEncodedTimes EncodeDates(ReadOnlySpan<long> epochMicroseconds, CfCalendar calendar, string? units = null, string? targetCalendar = null)
    {
        string calendarName = string.IsNullOrWhiteSpace(targetCalendar) ? CfCalendars.Name(calendar) : targetCalendar;
        var cal = CfCalendars.Parse(calendarName);
        string unitsText = units is null ? InferUnits(epochMicroseconds, calendar) : CleanUnits(units);
        var parsed = CfTimeUnits.Parse(unitsText);
        RefuseNanoseconds(parsed, calendarName);
        long referenceUs = parsed.ReferenceDate(cal).EpochMicroseconds;

        var deltas = new long[epochMicroseconds.Length];
        for (int i = 0; i < epochMicroseconds.Length; i++)
        {
            long v = epochMicroseconds[i];
            if (v == Datetime64.NaT) { deltas[i] = Datetime64.NaT; continue; }
            long us = cal == calendar ? v : CfDate.FromEpochMicroseconds(v, calendar).WithCalendar(cal).EpochMicroseconds;
            long delta = us - referenceUs;
            if (((us ^ delta) & (referenceUs ^ us)) < 0 || delta == Datetime64.NaT)
                throw new ZarrPSException(ErrorKind.InvalidData, "TimeOutOfRange",
                    $"{CfDate.FromEpochMicroseconds(us, cal)} is too far from the reference of '{unitsText}' to count in microseconds.", unitsText);
            deltas[i] = delta;
        }
        return Finish(deltas, parsed.UnitNanoseconds / 1000, unitsText, calendarName);
    }

    /// <summary>cftime, which reads every calendar but the Gregorian datetime64 path, counts no finer than microseconds.</summary>
    private static void RefuseNanoseconds(CfTimeUnits units, string calendarName)
    {
        if (units.Unit == CfTimeUnit.Nanoseconds)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidTimeUnits",
                $"Time units '{units.Text}' cannot encode {calendarName} dates: cftime, which reads them back, counts no finer than microseconds.", units.Text);
    }

    /// <summary>Divides differences (NaT marks a missing time) by the unit, both in the same ticks: int64 when every one divides.</summary>
    private static CfEncodedTimes Finish(long[] deltas, long unit, string unitsText, string calendarName)
    {
        bool exact = true;
        var integers = new long[deltas.Length];
        for (int i = 0; i < deltas.Length; i++)
        {
            long d = deltas[i];
            if (d == Datetime64.NaT) { exact = false; break; }
            long q = d / unit;
            if (q * unit != d) { exact = false; break; }
            integers[i] = q;
        }
        if (exact) return new CfEncodedTimes(unitsText, calendarName, integers, null);
        var floats = new double[deltas.Length];
        for (int i = 0; i < deltas.Length; i++)
            floats[i] = deltas[i] == Datetime64.NaT ? double.NaN : Ratio(deltas[i], unit);
        return new CfEncodedTimes(unitsText, calendarName, null, floats);
    }

    /// <summary>delta / unit as the nearest double pandas would give (exact division of doubles while delta is below 2^53).</summary>
    private static double Ratio(long delta, long unit)
    {
        const long Exact = 1L << 53;
        if (delta > -Exact && delta < Exact) return (double)delta / unit;
        var (q, r) = Math.DivRem(delta, unit);
        return q + (double)r / unit;
    }

    private static int FirstTime(ReadOnlySpan<long> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (values[i] != Datetime64.NaT) return i;
        return -1;
    }

    private static CfTimeUnit CoarsestUnit(ReadOnlySpan<long> values, int first, CfTimeUnit[] candidates, long nanosecondsPerValue)
    {
        Span<long> sizes = stackalloc long[candidates.Length];
        for (int k = 0; k < candidates.Length; k++) sizes[k] = CfTimeUnits.NanosecondsPer(candidates[k]) / nanosecondsPerValue;
        int best = 0;
        long previous = values[first];
        for (int i = first + 1; i < values.Length; i++)
        {
            long v = values[i];
            if (v == Datetime64.NaT) continue;
            long step = unchecked(v - previous);
            if (((v ^ previous) & (v ^ step)) < 0)
            {
                // Times more than 292 years apart overflow a long step; check that one exactly.
                Int128 wide = (Int128)v - previous;
                while (best < sizes.Length - 1 && wide % sizes[best] != 0) best++;
            }
            else
            {
                while (best < sizes.Length - 1 && step % sizes[best] != 0) best++;
            }
            previous = v;
        }
        // The finest candidate divides every step of its kind of value, so xarray's fallback to seconds never applies.
        return candidates[best];
    }

    /// <summary>A datetime64[ns] value as pandas prints a Timestamp: "2019-01-01 00:00:00", ".500000" or ".000000001" when needed.</summary>
    internal static string FormatTimestamp(long nanoseconds)
    {
        var date = CfDate.FromDatetime64(nanoseconds);
        var (y, mo, d, h, mi, s, _) = date;
        int fraction = (int)(nanoseconds - CalendarMath.FloorDiv(nanoseconds, 1_000_000_000) * 1_000_000_000);
        string text = string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{mo:D2}-{d:D2} {h:D2}:{mi:D2}:{s:D2}");
        if (fraction == 0) return text;
        return fraction % 1000 == 0
            ? text + "." + (fraction / 1000).ToString("D6", CultureInfo.InvariantCulture)
            : text + "." + fraction.ToString("D9", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Given units rewritten as xarray's _cleanup_netcdf_time_units does: the reference printed "2000-01-01" at
    /// midnight, else "2000-01-01T06:00:00"; units whose reference pandas cannot hold stay as they are.
    /// </summary>
    internal static string CleanUnits(string units)
    {
        var parsed = CfTimeUnits.Parse(units);
        if (!DateText.TryParse(parsed.ReferenceText, out var f, out _) ||
            !CfDate.TryFromFields(f with { OffsetSeconds = 0 }, CfCalendar.ProlepticGregorian, out var local, out _) ||
            !local.TryToDatetime64(out long ns))
            return units;
        string stamp = FormatTimestamp(ns + f.Nanosecond);
        string date = stamp[..stamp.IndexOf(' ')];
        string time = stamp[(stamp.IndexOf(' ') + 1)..];
        if (f.HasOffset)
        {
            int offset = Math.Abs(f.OffsetSeconds);
            time += (f.OffsetSeconds < 0 ? "-" : "+") + string.Create(CultureInfo.InvariantCulture, $"{offset / 3600:D2}:{offset / 60 % 60:D2}") +
                    (offset % 60 == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $":{offset % 60:D2}"));
        }
        return parsed.UnitText + " since " + (time == "00:00:00" ? date : date + "T" + time);
    }
}
