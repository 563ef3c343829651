using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// Time coordinates as one integer axis: datetime64 values as nanoseconds (proleptic Gregorian, as pandas counts),
/// calendar dates as microseconds since their calendar's 1970-01-01. NaT stays <see cref="Datetime64.NaT"/>.
/// </summary>
internal readonly record struct TimeTicks(long[] Values, CfCalendar Calendar, long PerMicrosecond, bool IsDatetime64)
{
    public long PerDay => PerMicrosecond * CalendarMath.MicrosecondsPerDay;

    public long PerHour => PerMicrosecond * CalendarMath.MicrosecondsPerHour;

    public long PerMinute => PerMicrosecond * CalendarMath.MicrosecondsPerMinute;

    public long PerSecond => PerMicrosecond * CalendarMath.MicrosecondsPerSecond;

    /// <summary>Converts raw stored values of a time type; InvalidArgument "NotATime" for other types.</summary>
    public static TimeTicks From(ReadOnlySpan<long> raw, DataType type, string coordinate)
    {
        switch (type.Kind)
        {
            case ScalarKind.DateTime64:
                var ns = new long[raw.Length];
                if (type.Unit == "ns") raw.CopyTo(ns);
                else Datetime64.ToNanoseconds(raw, type.Unit!, ns);
                return new TimeTicks(ns, CfCalendar.ProlepticGregorian, 1000, true);
            case ScalarKind.CalendarDate:
                return new TimeTicks(raw.ToArray(), CfCalendars.Parse(type.Unit), 1, false);
            default:
                throw new ZarrPSException(ErrorKind.InvalidArgument, "NotATime",
                    $"Coordinate '{coordinate}' holds {type.Name} values, not times (datetime64 or calendar dates).", coordinate);
        }
    }

    /// <summary>The day number (since the calendar's 1970-01-01) of a value.</summary>
    public long DayOf(long ticks) => CalendarMath.FloorDiv(ticks, PerDay);

    /// <summary>The value of midnight of a day number.</summary>
    public long MidnightOf(long day) => day * PerDay;

    /// <summary>Day number of a date given by astronomical year, month and day.</summary>
    public long DayNumber(long astroYear, int month, int day) => CalendarMath.DaysFromAstronomical(astroYear, month, day, Calendar);

    /// <summary>Astronomical year, month and day of a day number.</summary>
    public void Fields(long day, out long astroYear, out int month, out int dayOfMonth) =>
        CalendarMath.FromDays(day, Calendar, out astroYear, out month, out dayOfMonth);

    /// <summary>The number of the last day of a month.</summary>
    public int MonthLength(long astroYear, int month)
    {
        if (Calendar == CfCalendar.Day360) return 30;
        long next = month == 12 ? DayNumber(astroYear + 1, 1, 1) : DayNumber(astroYear, month + 1, 1);
        // October 1582 of the standard calendar ends on the 31st though ten days are missing.
        CalendarMath.FromDays(next - 1, Calendar, out _, out _, out int last);
        return last;
    }

    /// <summary>The label type of times on this axis: datetime64[ns] or the calendar's dates.</summary>
    public DataType LabelType => IsDatetime64 ? DataType.DateTime64("ns") : DataType.CalendarDate(CfCalendars.Name(Calendar));

    /// <summary>
    /// Monday-based weekday of a day number as pandas and cftime give it: real-world calendars follow the real
    /// week; cftime counts the idealized calendars' weeks from its own Julian day numbers.
    /// </summary>
    public int WeekdayOf(long day)
    {
        long shift = Calendar switch
        {
            CfCalendar.AllLeap => 6,
            CfCalendar.Day360 => 2,
            _ => 3, // 1970-01-01 was a Thursday; noleap's own count happens to agree
        };
        long w = (day + shift) % 7;
        return (int)(w < 0 ? w + 7 : w);
    }
}
