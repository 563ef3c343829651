namespace ZarrPS.Engine.Cf;

/// <summary>
/// Day counts of each calendar. Real-world calendars (standard, proleptic_gregorian, julian) count days
/// from the same instant, 1970-01-01 of the proleptic Gregorian calendar, so one instant has one count in
/// all three; the idealized calendars count from their own 1970-01-01. Years here are astronomical
/// (year 0 exists); <see cref="Astronomical"/> converts from the calendar's own numbering.
/// </summary>
internal static class CalendarMath
{
    public const long MicrosecondsPerDay = 86_400_000_000L;
    public const long MicrosecondsPerHour = 3_600_000_000L;
    public const long MicrosecondsPerMinute = 60_000_000L;
    public const long MicrosecondsPerSecond = 1_000_000L;

    // Days from 0000-03-01 to 1970-01-01 in each count (eras start in March so the leap day ends an era's year).
    private const long GregorianShift = 719_468;
    private const long JulianShift = 719_470;

    /// <summary>Day count of 1582-10-15, the first Gregorian day of the standard calendar.</summary>
    public const long GregorianSwitchDay = -141_427;

    private static readonly int[] CommonCumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    private static readonly int[] LeapCumulative = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    public static bool GregorianLeap(long y) => (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);

    public static bool JulianLeap(long y) => (y & 3) == 0;

    public static int CommonMonthLength(int month) => CommonCumulative[month] - CommonCumulative[month - 1];

    /// <summary>The astronomical year of a year as the calendar numbers it (1 BC is -1 without a year 0).</summary>
    public static long Astronomical(long year, CfCalendar calendar) =>
        year < 0 && !CfCalendars.HasYearZero(calendar) ? year + 1 : year;

    /// <summary>The calendar's own number of an astronomical year.</summary>
    public static long Historical(long astro, CfCalendar calendar) =>
        astro <= 0 && !CfCalendars.HasYearZero(calendar) ? astro - 1 : astro;

    /// <summary>True when the month/day exist in the astronomical year (does not check the year range).</summary>
    public static bool IsValidDay(long astro, int month, int day, CfCalendar calendar)
    {
        if (month is < 1 or > 12 || day < 1) return false;
        switch (calendar)
        {
            case CfCalendar.Day360: return day <= 30;
            case CfCalendar.NoLeap: return day <= CommonMonthLength(month);
            case CfCalendar.AllLeap: return day <= LeapCumulative[month] - LeapCumulative[month - 1];
        }
        bool leap = calendar switch
        {
            CfCalendar.ProlepticGregorian => GregorianLeap(astro),
            CfCalendar.Julian => JulianLeap(astro),
            _ => astro < 1582 ? JulianLeap(astro) : GregorianLeap(astro),
        };
        int length = month == 2 && leap ? 29 : CommonMonthLength(month);
        if (day > length) return false;
        // The standard calendar skips 1582-10-05 .. 1582-10-14.
        return !(calendar == CfCalendar.Standard && astro == 1582 && month == 10 && day is > 4 and < 15);
    }

    /// <summary>Days since the calendar's epoch of a valid date.</summary>
    public static long DaysFromAstronomical(long y, int month, int day, CfCalendar calendar)
    {
        switch (calendar)
        {
            case CfCalendar.ProlepticGregorian:
                return GregorianDays(y, month, day);
            case CfCalendar.Julian:
                return JulianDays(y, month, day);
            case CfCalendar.Standard:
                return y > 1582 || (y == 1582 && (month > 10 || (month == 10 && day >= 15)))
                    ? GregorianDays(y, month, day)
                    : JulianDays(y, month, day);
            case CfCalendar.NoLeap:
                return (y - 1970) * 365 + CommonCumulative[month - 1] + day - 1;
            case CfCalendar.AllLeap:
                return (y - 1970) * 366 + LeapCumulative[month - 1] + day - 1;
            default:
                return (y - 1970) * 360 + (month - 1) * 30 + day - 1;
        }
    }

    /// <summary>The astronomical year, month and day of a day count.</summary>
    public static void FromDays(long days, CfCalendar calendar, out long year, out int month, out int day)
    {
        switch (calendar)
        {
            case CfCalendar.ProlepticGregorian:
                GregorianFields(days, out year, out month, out day);
                return;
            case CfCalendar.Julian:
                JulianFields(days, out year, out month, out day);
                return;
            case CfCalendar.Standard:
                if (days >= GregorianSwitchDay) GregorianFields(days, out year, out month, out day);
                else JulianFields(days, out year, out month, out day);
                return;
            case CfCalendar.NoLeap:
                FixedYearFields(days, 365, CommonCumulative, out year, out month, out day);
                return;
            case CfCalendar.AllLeap:
                FixedYearFields(days, 366, LeapCumulative, out year, out month, out day);
                return;
            default:
                long y360 = Math.DivRem(days, 360, out long inYear);
                if (inYear < 0) { inYear += 360; y360--; }
                year = 1970 + y360;
                month = (int)(inYear / 30) + 1;
                day = (int)(inYear % 30) + 1;
                return;
        }
    }

    private static long GregorianDays(long y, int m, int d)
    {
        if (m <= 2) y--;
        long era = FloorDiv(y, 400);
        long yoe = y - era * 400;
        int mp = (m + 9) % 12;
        long doy = (153 * mp + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - GregorianShift;
    }

    private static void GregorianFields(long days, out long year, out int month, out int day)
    {
        long z = days + GregorianShift;
        long era = FloorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        SetMonthDay(doy, out month, out day);
        year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    }

    private static long JulianDays(long y, int m, int d)
    {
        if (m <= 2) y--;
        long era = FloorDiv(y, 4);
        long yoe = y - era * 4;
        int mp = (m + 9) % 12;
        long doy = (153 * mp + 2) / 5 + d - 1;
        return era * 1461 + yoe * 365 + doy - JulianShift;
    }

    private static void JulianFields(long days, out long year, out int month, out int day)
    {
        long z = days + JulianShift;
        long era = FloorDiv(z, 1461);
        long doe = z - era * 1461;
        long yoe = (doe - doe / 1460) / 365;
        long doy = doe - 365 * yoe;
        SetMonthDay(doy, out month, out day);
        year = yoe + era * 4 + (month <= 2 ? 1 : 0);
    }

    private static void SetMonthDay(long doyFromMarch, out int month, out int day)
    {
        int mp = (int)((5 * doyFromMarch + 2) / 153);
        day = (int)(doyFromMarch - (153 * mp + 2) / 5 + 1);
        month = mp < 10 ? mp + 3 : mp - 9;
    }

    private static void FixedYearFields(long days, int yearLength, int[] cumulative, out long year, out int month, out int day)
    {
        long y = FloorDiv(days, yearLength);
        int inYear = (int)(days - y * yearLength);
        year = 1970 + y;
        int m = inYear / 31; // cumulative[m] <= inYear holds for this first guess (months are at most 31 days)
        while (cumulative[m + 1] <= inYear) m++;
        month = m + 1;
        day = inYear - cumulative[m] + 1;
    }

    public static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && ((a < 0) ^ (b < 0))) ? q - 1 : q;
    }
}
