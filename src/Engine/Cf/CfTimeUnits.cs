namespace ZarrPS.Engine.Cf;

/// <summary>
/// The units attribute of a CF time coordinate, "&lt;unit&gt; since &lt;reference date&gt;", as udunits and cftime
/// read it: "days since 1850-01-01", "hours since 1900-01-01 00:00:0.0", "seconds since 1970-01-01T00:00:00Z",
/// "minutes since 2000-01-01 12:00:00 +05:30" (the offset is applied: the reference is 06:30 UTC).
/// "months since" is accepted only with the 360_day calendar and "common_years since" only with noleap, where
/// they have a fixed length; cftime refuses them elsewhere (months and years vary) and so does this type,
/// when <see cref="ReferenceDate"/> binds the units to a calendar. "years since" is refused everywhere.
/// </summary>
public sealed class CfTimeUnits
{
    private readonly DateFields _reference;

    private CfTimeUnits(string text, string unitText, CfTimeUnit unit, string referenceText, DateFields reference)
    {
        Text = text;
        UnitText = unitText;
        Unit = unit;
        ReferenceText = referenceText;
        _reference = reference;
    }

    /// <summary>The units string as given.</summary>
    public string Text { get; }

    /// <summary>The unit as written ("days", "hrs", "s").</summary>
    public string UnitText { get; }

    /// <summary>The unit.</summary>
    public CfTimeUnit Unit { get; }

    /// <summary>The reference date as written.</summary>
    public string ReferenceText { get; }

    /// <summary>Nanoseconds in one unit.</summary>
    public long UnitNanoseconds => NanosecondsPer(Unit);

    /// <summary>The UTC offset the reference date names (zero when it names none).</summary>
    public TimeSpan UtcOffset => TimeSpan.FromSeconds(_reference.OffsetSeconds);

    /// <summary>Nanoseconds in one unit.</summary>
    public static long NanosecondsPer(CfTimeUnit unit) => unit switch
    {
        CfTimeUnit.Nanoseconds => 1,
        CfTimeUnit.Microseconds => 1_000,
        CfTimeUnit.Milliseconds => 1_000_000,
        CfTimeUnit.Seconds => 1_000_000_000,
        CfTimeUnit.Minutes => 60_000_000_000,
        CfTimeUnit.Hours => 3_600_000_000_000,
        CfTimeUnit.Days => 86_400_000_000_000,
        CfTimeUnit.Months => 30 * 86_400_000_000_000,
        CfTimeUnit.CommonYears => 365 * 86_400_000_000_000,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>The plural name xarray and CF write: "days", "hours", ..., "months", "common_years".</summary>
    public static string Name(CfTimeUnit unit) => unit switch
    {
        CfTimeUnit.Nanoseconds => "nanoseconds",
        CfTimeUnit.Microseconds => "microseconds",
        CfTimeUnit.Milliseconds => "milliseconds",
        CfTimeUnit.Seconds => "seconds",
        CfTimeUnit.Minutes => "minutes",
        CfTimeUnit.Hours => "hours",
        CfTimeUnit.Days => "days",
        CfTimeUnit.Months => "months",
        CfTimeUnit.CommonYears => "common_years",
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>Parses a units string; InvalidData "InvalidTimeUnits" naming it when it is not "&lt;unit&gt; since &lt;date&gt;".</summary>
    public static CfTimeUnits Parse(string? units)
    {
        if (TryParse(units, out var parsed, out string why)) return parsed!;
        throw Invalid(units, why);
    }

    /// <summary>Parses a units string; false when it is not a CF time unit.</summary>
    public static bool TryParse(string? units, out CfTimeUnits? result) => TryParse(units, out result, out _);

    private static bool TryParse(string? units, out CfTimeUnits? result, out string why)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(units)) { why = "expected '<unit> since <reference date>', for example 'days since 1850-01-01'"; return false; }
        var span = units.AsSpan().Trim();
        int unitEnd = 0;
        while (unitEnd < span.Length && !char.IsWhiteSpace(span[unitEnd])) unitEnd++;
        var rest = span[unitEnd..].TrimStart();
        if (unitEnd == 0 || !rest.StartsWith("since", StringComparison.OrdinalIgnoreCase) ||
            rest.Length == 5 || !char.IsWhiteSpace(rest[5]))
        {
            why = "expected '<unit> since <reference date>', for example 'days since 1850-01-01'";
            return false;
        }
        string unitText = span[..unitEnd].ToString();
        if (unitText.ToLowerInvariant() is "years" or "year" or "yrs" or "yr")
        {
            why = $"'{unitText} since' is not supported: a year has no fixed length (cftime refuses it; udunits' 365.242198781-day year puts dates off midnight); use days, or months with the 360_day calendar";
            return false;
        }
        if (!TryUnit(unitText, out var unit))
        {
            why = $"unknown unit '{unitText}' (expected days, hours, minutes, seconds, milliseconds, microseconds or an abbreviation such as d, h, hr, min, s, sec, ms, us)";
            return false;
        }
        string referenceText = rest[5..].Trim().ToString();
        if (!DateText.TryParse(referenceText, out var reference, out string dateWhy))
        {
            why = $"reference date '{referenceText}' cannot be read: {dateWhy}";
            return false;
        }
        why = "";
        result = new CfTimeUnits(units, unitText, unit, referenceText, reference);
        return true;
    }

    private static bool TryUnit(string text, out CfTimeUnit unit)
    {
        switch (text.ToLowerInvariant())
        {
            case "days" or "day" or "d": unit = CfTimeUnit.Days; return true;
            case "hours" or "hour" or "hrs" or "hr" or "h": unit = CfTimeUnit.Hours; return true;
            case "minutes" or "minute" or "mins" or "min": unit = CfTimeUnit.Minutes; return true;
            case "seconds" or "second" or "secs" or "sec" or "s": unit = CfTimeUnit.Seconds; return true;
            case "milliseconds" or "millisecond" or "millisecs" or "millisec" or "msecs" or "msec" or "ms":
                unit = CfTimeUnit.Milliseconds; return true;
            case "microseconds" or "microsecond" or "microsecs" or "microsec" or "usecs" or "usec" or "us":
                unit = CfTimeUnit.Microseconds; return true;
            case "nanoseconds" or "nanosecond" or "ns": unit = CfTimeUnit.Nanoseconds; return true;
            case "months" or "month": unit = CfTimeUnit.Months; return true;
            case "common_years" or "common_year": unit = CfTimeUnit.CommonYears; return true;
            default: unit = default; return false;
        }
    }

    /// <summary>
    /// The reference date in a calendar, shifted to UTC by the offset it names. InvalidData "InvalidTimeUnits"
    /// when the date does not exist in the calendar (year 0 in standard/julian, 1582-10-10 in standard, 2001-02-29)
    /// or when the unit has no fixed length in it (months outside 360_day, common_years outside noleap).
    /// </summary>
    public CfDate ReferenceDate(CfCalendar calendar)
    {
        CheckUnitFor(calendar);
        if (!CfDate.TryFromFields(_reference, calendar, out var date, out string why))
            throw Invalid(Text, $"reference date '{ReferenceText}' is not a date of the {CfCalendars.Name(calendar)} calendar: {why}");
        return date;
    }

    /// <summary>The reference date's nanoseconds below the microsecond (pandas keeps them for datetime64[ns]; cftime drops them).</summary>
    internal int ReferenceNanosecond => _reference.Nanosecond;

    /// <summary>Refuses units whose length varies in the calendar.</summary>
    public void CheckUnitFor(CfCalendar calendar)
    {
        if (Unit == CfTimeUnit.Months && calendar != CfCalendar.Day360)
            throw Invalid(Text, $"'{UnitText} since' is only defined for the 360_day calendar, not {CfCalendars.Name(calendar)} (months vary in length; cftime and xarray refuse it too)");
        if (Unit == CfTimeUnit.CommonYears && calendar != CfCalendar.NoLeap)
            throw Invalid(Text, $"'{UnitText} since' is only defined for the noleap/365_day calendar, not {CfCalendars.Name(calendar)}");
    }

    /// <summary>Units text for a unit and a reference written out already.</summary>
    public static string Format(CfTimeUnit unit, string reference) => Name(unit) + " since " + reference;

    /// <summary>The units string as given.</summary>
    public override string ToString() => Text;

    internal static ZarrPSException Invalid(string? units, string why) =>
        new(ErrorKind.InvalidData, "InvalidTimeUnits", $"Time units '{units}' are not valid: {why}.", units);
}
