namespace ZarrPS.Engine.Cf;

/// <summary>Names and rules of the CF calendars: leap years, month lengths, year numbering.</summary>
public static class CfCalendars
{
    /// <summary>The earliest year a <see cref="CfDate"/> can hold (keeps microsecond counts inside a long).</summary>
    public const int MinYear = -280_000;

    /// <summary>The latest year a <see cref="CfDate"/> can hold.</summary>
    public const int MaxYear = 280_000;

    private static readonly string ValidNames =
        "standard, gregorian, proleptic_gregorian, julian, noleap, 365_day, all_leap, 366_day or 360_day";

    /// <summary>
    /// Parses a CF calendar name, ignoring case and surrounding blanks. A missing or empty name is the
    /// CF default, <see cref="CfCalendar.Standard"/>. Throws InvalidData "InvalidCalendar" for "none"
    /// (a time axis without dates) and for names CF does not define.
    /// </summary>
    public static CfCalendar Parse(string? name)
    {
        if (TryParse(name, out var calendar)) return calendar;
        string trimmed = name!.Trim();
        string why = trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? "a time axis with calendar 'none' has no dates to decode"
            : "expected " + ValidNames;
        throw new ZarrPSException(ErrorKind.InvalidData, "InvalidCalendar", $"Calendar '{name}' is not supported: {why}.", name);
    }

    /// <summary>Parses a CF calendar name; false for "none" and unknown names.</summary>
    public static bool TryParse(string? name, out CfCalendar calendar)
    {
        calendar = CfCalendar.Standard;
        if (string.IsNullOrWhiteSpace(name)) return true;
        switch (name.Trim().ToLowerInvariant())
        {
            case "standard" or "gregorian": calendar = CfCalendar.Standard; return true;
            case "proleptic_gregorian": calendar = CfCalendar.ProlepticGregorian; return true;
            case "julian": calendar = CfCalendar.Julian; return true;
            case "noleap" or "365_day": calendar = CfCalendar.NoLeap; return true;
            case "all_leap" or "366_day": calendar = CfCalendar.AllLeap; return true;
            case "360_day": calendar = CfCalendar.Day360; return true;
            default: return false;
        }
    }

    /// <summary>The canonical CF name cftime reports: standard, proleptic_gregorian, julian, noleap, all_leap, 360_day.</summary>
    public static string Name(CfCalendar calendar) => calendar switch
    {
        CfCalendar.Standard => "standard",
        CfCalendar.ProlepticGregorian => "proleptic_gregorian",
        CfCalendar.Julian => "julian",
        CfCalendar.NoLeap => "noleap",
        CfCalendar.AllLeap => "all_leap",
        CfCalendar.Day360 => "360_day",
        _ => throw new ArgumentOutOfRangeException(nameof(calendar)),
    };

    /// <summary>
    /// True when dates of this calendar can be numpy datetime64 values (xarray decodes standard, gregorian
    /// and proleptic_gregorian to datetime64[ns] when every date fits).
    /// </summary>
    public static bool SupportsDatetime64(CfCalendar calendar) =>
        calendar is CfCalendar.Standard or CfCalendar.ProlepticGregorian;

    /// <summary>
    /// True when the year 0 exists. The real-world calendars standard and julian count 1 BC as year -1
    /// (CF 1.9, cftime's has_year_zero=False); proleptic_gregorian follows ISO 8601 and the idealized
    /// calendars count years astronomically.
    /// </summary>
    public static bool HasYearZero(CfCalendar calendar) =>
        calendar is not (CfCalendar.Standard or CfCalendar.Julian);

    /// <summary>True when <paramref name="year"/> (numbered as the calendar numbers it) has a leap day.</summary>
    public static bool IsLeapYear(int year, CfCalendar calendar)
    {
        CheckYear(year, calendar);
        long astro = CalendarMath.Astronomical(year, calendar);
        return calendar switch
        {
            CfCalendar.ProlepticGregorian => CalendarMath.GregorianLeap(astro),
            CfCalendar.Julian => CalendarMath.JulianLeap(astro),
            CfCalendar.Standard => astro < 1582 ? CalendarMath.JulianLeap(astro) : CalendarMath.GregorianLeap(astro),
            CfCalendar.AllLeap => true,
            _ => false,
        };
    }

    /// <summary>
    /// The number of the month's last day: 28 to 31, or 30 in the 360_day calendar. October 1582 in the
    /// standard calendar still ends on the 31st, though its days 5 to 14 do not exist.
    /// </summary>
    public static int DaysInMonth(int year, int month, CfCalendar calendar)
    {
        if (month is < 1 or > 12)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", $"Month {month} is not between 1 and 12.", month);
        if (calendar == CfCalendar.Day360) { CheckYear(year, calendar); return 30; }
        return month == 2 ? (IsLeapYear(year, calendar) ? 29 : 28) : CalendarMath.CommonMonthLength(month);
    }

    /// <summary>The number of days the year has: 360, 365 or 366, and 355 for 1582 in the standard calendar.</summary>
    public static int DaysInYear(int year, CfCalendar calendar)
    {
        CheckYear(year, calendar);
        long astro = CalendarMath.Astronomical(year, calendar);
        long first = CalendarMath.DaysFromAstronomical(astro, 1, 1, calendar);
        long next = CalendarMath.DaysFromAstronomical(astro + 1, 1, 1, calendar);
        return (int)(next - first);
    }

    private static void CheckYear(int year, CfCalendar calendar)
    {
        if (year is < MinYear or > MaxYear)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", $"Year {year} is outside the supported range {MinYear}..{MaxYear}.", year);
        if (year == 0 && !HasYearZero(calendar))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate",
                $"Year 0 does not exist in the {Name(calendar)} calendar (1 BC is year -1).", year);
    }
}
