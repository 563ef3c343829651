namespace ZarrPS.Engine.Cf;

/// <summary>
/// A date and time of day in a CF calendar, to the microsecond, as cftime.datetime holds it. Stored as
/// <see cref="EpochMicroseconds"/>: microseconds since 1970-01-01 00:00:00 — for the real-world calendars
/// (standard, proleptic_gregorian, julian) the instant 1970-01-01 of the proleptic Gregorian calendar, so
/// one instant has one value in all three; for noleap, all_leap and 360_day their own 1970-01-01.
/// Years are numbered as the calendar numbers them: standard and julian have no year 0 (1 BC is -1).
/// Dates compare and are equal only within one calendar.
/// </summary>
public readonly struct CfDate : IEquatable<CfDate>, IComparable<CfDate>, IComparable
{
    private readonly long _microseconds;
    private readonly CfCalendar _calendar;

    private CfDate(long microseconds, CfCalendar calendar)
    {
        _microseconds = microseconds;
        _calendar = calendar;
    }

    /// <summary>Midnight of a day. Throws InvalidArgument "InvalidDate" when the day does not exist in the calendar.</summary>
    public CfDate(int year, int month, int day, CfCalendar calendar)
        : this(year, month, day, 0, 0, 0, 0, calendar)
    {
    }

    /// <summary>A date and time. Throws InvalidArgument "InvalidDate" when a field is out of range for the calendar.</summary>
    public CfDate(int year, int month, int day, int hour, int minute, int second, int microsecond, CfCalendar calendar)
    {
        if (!TryCompose(year, month, day, hour, minute, second, microsecond, calendar, out _microseconds, out string why))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate",
                $"{DateText.Format(year, month, day, hour, minute, second, microsecond, ' ')} is not a date of the {CfCalendars.Name(calendar)} calendar: {why}.");
        _calendar = calendar;
    }

    /// <summary>The smallest microsecond count a date of the calendar can have (<see cref="CfCalendars.MinYear"/>-01-01).</summary>
    public static long MinMicroseconds(CfCalendar calendar) =>
        CalendarMath.DaysFromAstronomical(CalendarMath.Astronomical(CfCalendars.MinYear, calendar), 1, 1, calendar) * CalendarMath.MicrosecondsPerDay;

    /// <summary>The largest microsecond count a date of the calendar can have (the last microsecond of <see cref="CfCalendars.MaxYear"/>).</summary>
    public static long MaxMicroseconds(CfCalendar calendar) =>
        CalendarMath.DaysFromAstronomical(CfCalendars.MaxYear + 1L, 1, 1, calendar) * CalendarMath.MicrosecondsPerDay - 1;

    /// <summary>The date a microsecond count of the calendar stands for. Throws InvalidArgument "InvalidDate" outside the supported years.</summary>
    public static CfDate FromEpochMicroseconds(long microseconds, CfCalendar calendar)
    {
        if (microseconds < MinMicroseconds(calendar) || microseconds > MaxMicroseconds(calendar))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate",
                $"{microseconds} microseconds since 1970-01-01 is outside the years {CfCalendars.MinYear}..{CfCalendars.MaxYear} of the {CfCalendars.Name(calendar)} calendar.", microseconds);
        return new CfDate(microseconds, calendar);
    }

    /// <summary>A numpy datetime64[ns] value (nanoseconds since 1970-01-01, proleptic Gregorian) as a date of a real-world calendar; sub-microsecond digits are dropped (floor).</summary>
    public static CfDate FromDatetime64(long nanoseconds, CfCalendar calendar = CfCalendar.ProlepticGregorian)
    {
        if (nanoseconds == Datetime64.NaT)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", "NaT (not a time) has no date.");
        var date = new CfDate(CalendarMath.FloorDiv(nanoseconds, 1000), CfCalendar.ProlepticGregorian);
        return calendar == CfCalendar.ProlepticGregorian ? date : date.WithCalendar(calendar);
    }

    /// <summary>A .NET DateTime (proleptic Gregorian; a local time is converted to UTC first) as a date of the calendar with the same fields.</summary>
    public static CfDate FromDateTime(DateTime value, CfCalendar calendar = CfCalendar.ProlepticGregorian) =>
        FromDatetime64(Datetime64.FromDateTime(value), CfCalendar.ProlepticGregorian).WithCalendar(calendar);

    /// <summary>Microseconds since the calendar's 1970-01-01 (see the type's remarks); a sortable count.</summary>
    public long EpochMicroseconds => _microseconds;

    /// <summary>The calendar.</summary>
    public CfCalendar Calendar => _calendar;

    /// <summary>The year as the calendar numbers it (no year 0 in standard and julian).</summary>
    public int Year { get { Split(out long y, out _, out _, out _); return (int)CalendarMath.Historical(y, _calendar); } }

    /// <summary>The month, 1 to 12.</summary>
    public int Month { get { Split(out _, out int m, out _, out _); return m; } }

    /// <summary>The day of the month.</summary>
    public int Day { get { Split(out _, out _, out int d, out _); return d; } }

    /// <summary>The hour, 0 to 23.</summary>
    public int Hour => (int)(TimeOfDay / CalendarMath.MicrosecondsPerHour);

    /// <summary>The minute, 0 to 59.</summary>
    public int Minute => (int)(TimeOfDay / CalendarMath.MicrosecondsPerMinute % 60);

    /// <summary>The second, 0 to 59.</summary>
    public int Second => (int)(TimeOfDay / CalendarMath.MicrosecondsPerSecond % 60);

    /// <summary>The microsecond, 0 to 999999.</summary>
    public int Microsecond => (int)(TimeOfDay % CalendarMath.MicrosecondsPerSecond);

    /// <summary>The day of the year, 1 for January 1st (1582-10-15 is day 278 in the standard calendar).</summary>
    public int DayOfYear
    {
        get
        {
            Split(out long y, out _, out _, out long days);
            return (int)(days - CalendarMath.DaysFromAstronomical(y, 1, 1, _calendar)) + 1;
        }
    }

    /// <summary>Microseconds since midnight.</summary>
    public long TimeOfDay => _microseconds - CalendarMath.FloorDiv(_microseconds, CalendarMath.MicrosecondsPerDay) * CalendarMath.MicrosecondsPerDay;

    /// <summary>All fields at once (one calendar computation instead of one per property).</summary>
    public void Deconstruct(out int year, out int month, out int day, out int hour, out int minute, out int second, out int microsecond)
    {
        Split(out long y, out month, out day, out _);
        year = (int)CalendarMath.Historical(y, _calendar);
        long tod = TimeOfDay;
        hour = (int)(tod / CalendarMath.MicrosecondsPerHour);
        minute = (int)(tod / CalendarMath.MicrosecondsPerMinute % 60);
        second = (int)(tod / CalendarMath.MicrosecondsPerSecond % 60);
        microsecond = (int)(tod % CalendarMath.MicrosecondsPerSecond);
    }

    /// <summary>The date a number of microseconds later (earlier when negative).</summary>
    public CfDate AddMicroseconds(long microseconds)
    {
        long sum;
        try { sum = checked(_microseconds + microseconds); }
        catch (OverflowException) { sum = microseconds < 0 ? long.MinValue : long.MaxValue; }
        return FromEpochMicroseconds(sum, _calendar);
    }

    /// <summary>The date a duration later; digits below the microsecond are dropped (toward zero).</summary>
    public CfDate Add(TimeSpan duration) => AddMicroseconds(duration.Ticks / 10);

    /// <summary>The date a whole number of days later.</summary>
    public CfDate AddDays(long days) => AddMicroseconds(checked(days * CalendarMath.MicrosecondsPerDay));

    /// <summary>Microseconds from <paramref name="other"/> to this date (positive when this is later). Both must share a calendar.</summary>
    public long MicrosecondsSince(CfDate other)
    {
        CheckSameCalendar(other);
        return _microseconds - other._microseconds;
    }

    /// <summary>
    /// The date with the same fields in another calendar, as xarray's convert_calendar does (a 2000-02-29 has no
    /// noleap twin: InvalidArgument "InvalidDate").
    /// </summary>
    public CfDate WithCalendar(CfCalendar calendar)
    {
        if (calendar == _calendar) return this;
        var (y, mo, d, h, mi, s, us) = this;
        return new CfDate(y, mo, d, h, mi, s, us, calendar);
    }

    /// <summary>
    /// The numpy datetime64[ns] value of this date (nanoseconds since 1970-01-01). Valid for standard dates
    /// from 1582-10-15 and proleptic_gregorian dates, between 1677-09-21 and 2262-04-11; otherwise InvalidOperation "TimeOutOfRange".
    /// </summary>
    public long ToDatetime64()
    {
        if (!TryToDatetime64(out long ns))
            throw new ZarrPSException(ErrorKind.InvalidOperation, "TimeOutOfRange",
                $"{this} ({CfCalendars.Name(_calendar)}) cannot be a datetime64[ns] value: only standard and proleptic_gregorian dates between 1677-09-21 and 2262-04-11 can.");
        return ns;
    }

    /// <summary>The datetime64[ns] value, or false when the date has none (see <see cref="ToDatetime64"/>).</summary>
    public bool TryToDatetime64(out long nanoseconds)
    {
        nanoseconds = 0;
        if (!CfCalendars.SupportsDatetime64(_calendar)) return false;
        if (_calendar == CfCalendar.Standard && _microseconds < CalendarMath.GregorianSwitchDay * CalendarMath.MicrosecondsPerDay) return false;
        if (_microseconds < Datetime64.MinValue / 1000 || _microseconds > Datetime64.MaxValue / 1000) return false;
        nanoseconds = _microseconds * 1000;
        return true;
    }

    /// <summary>The .NET DateTime with the same fields (Kind Unspecified), for proleptic Gregorian years 1 to 9999 (standard dates from 1582-10-15).</summary>
    public DateTime ToDateTime()
    {
        bool ok = _calendar == CfCalendar.ProlepticGregorian ||
                  (_calendar == CfCalendar.Standard && _microseconds >= CalendarMath.GregorianSwitchDay * CalendarMath.MicrosecondsPerDay);
        long ticks = (_microseconds - DotNetEpochMicroseconds) * 10;
        if (!ok || _microseconds < DotNetEpochMicroseconds || ticks > DateTime.MaxValue.Ticks)
            throw new ZarrPSException(ErrorKind.InvalidOperation, "TimeOutOfRange",
                $"{this} ({CfCalendars.Name(_calendar)}) has no .NET DateTime: only Gregorian dates of the years 1 to 9999 do.");
        return new DateTime(ticks, DateTimeKind.Unspecified);
    }

    private const long DotNetEpochMicroseconds = -62_135_596_800_000_000L; // 0001-01-01 in microseconds since 1970

    /// <summary>As cftime prints it: "2000-01-01 00:00:00", with ".ffffff" when the microseconds are not zero.</summary>
    public override string ToString() => ToString(' ');

    /// <summary>Prints with another separator between date and time: 'T' gives the ISO 8601 form cftime's isoformat() writes.</summary>
    public string ToString(char separator)
    {
        var (y, mo, d, h, mi, s, us) = this;
        return DateText.Format(y, mo, d, h, mi, s, us, separator);
    }

    /// <summary>
    /// Parses "2000-01-01", "2000-1-1 6:30", "2000-01-01T06:30:15.5", "-0100-01-01" as a date of the calendar.
    /// Missing fields are the start of the period ("2019-07" is 2019-07-01 00:00); a UTC offset ("Z", "+05:30")
    /// is applied. Throws InvalidArgument "InvalidDate".
    /// </summary>
    public static CfDate Parse(string text, CfCalendar calendar)
    {
        if (!DateText.TryParse(text, out var fields, out string why) || !TryFromFields(fields, calendar, out var date, out why))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", $"'{text}' is not a date of the {CfCalendars.Name(calendar)} calendar: {why}.", text);
        return date;
    }

    /// <summary>Parses a date (see <see cref="Parse"/>); false when the text is not a date of the calendar.</summary>
    public static bool TryParse(string? text, CfCalendar calendar, out CfDate date)
    {
        date = default;
        return text is not null && DateText.TryParse(text, out var fields, out _) && TryFromFields(fields, calendar, out date, out _);
    }

    internal static bool TryFromFields(in DateFields f, CfCalendar calendar, out CfDate date, out string why)
    {
        date = default;
        if (f.Year is < CfCalendars.MinYear or > CfCalendars.MaxYear)
        {
            why = $"year {f.Year} is outside {CfCalendars.MinYear}..{CfCalendars.MaxYear}";
            return false;
        }
        if (!TryCompose((int)f.Year, f.Month, f.Day, f.Hour, f.Minute, f.Second, f.Microsecond, calendar, out long us, out why)) return false;
        us -= f.OffsetSeconds * CalendarMath.MicrosecondsPerSecond;
        if (us < MinMicroseconds(calendar) || us > MaxMicroseconds(calendar))
        {
            why = "the UTC offset moves it outside the supported years";
            return false;
        }
        date = new CfDate(us, calendar);
        return true;
    }

    private static bool TryCompose(int year, int month, int day, int hour, int minute, int second, int microsecond,
        CfCalendar calendar, out long microseconds, out string why)
    {
        microseconds = 0;
        why = "";
        if (!Enum.IsDefined(calendar)) { why = $"calendar {(int)calendar} is not defined"; return false; }
        if (year is < CfCalendars.MinYear or > CfCalendars.MaxYear) { why = $"year {year} is outside {CfCalendars.MinYear}..{CfCalendars.MaxYear}"; return false; }
        if (year == 0 && !CfCalendars.HasYearZero(calendar)) { why = "there is no year 0 (1 BC is year -1)"; return false; }
        long astro = CalendarMath.Astronomical(year, calendar);
        if (month is < 1 or > 12) { why = $"month {month} is not between 1 and 12"; return false; }
        if (!CalendarMath.IsValidDay(astro, month, day, calendar))
        {
            why = calendar == CfCalendar.Standard && astro == 1582 && month == 10 && day is > 4 and < 15
                ? "the days 1582-10-05 to 1582-10-14 do not exist in the mixed Julian/Gregorian calendar"
                : $"day {day} does not exist in that month";
            return false;
        }
        if (hour is < 0 or > 23) { why = $"hour {hour} is not between 0 and 23"; return false; }
        if (minute is < 0 or > 59) { why = $"minute {minute} is not between 0 and 59"; return false; }
        if (second is < 0 or > 59) { why = $"second {second} is not between 0 and 59"; return false; }
        if (microsecond is < 0 or > 999_999) { why = $"microsecond {microsecond} is not between 0 and 999999"; return false; }
        long days = CalendarMath.DaysFromAstronomical(astro, month, day, calendar);
        microseconds = days * CalendarMath.MicrosecondsPerDay + hour * CalendarMath.MicrosecondsPerHour +
                       minute * CalendarMath.MicrosecondsPerMinute + second * CalendarMath.MicrosecondsPerSecond + microsecond;
        return true;
    }

    private void Split(out long astroYear, out int month, out int day, out long days)
    {
        days = CalendarMath.FloorDiv(_microseconds, CalendarMath.MicrosecondsPerDay);
        CalendarMath.FromDays(days, _calendar, out astroYear, out month, out day);
    }

    private void CheckSameCalendar(CfDate other)
    {
        if (other._calendar != _calendar)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "CalendarMismatch",
                $"Cannot compare or subtract a {CfCalendars.Name(_calendar)} date ({this}) and a {CfCalendars.Name(other._calendar)} date ({other}).");
    }

    /// <inheritdoc />
    public bool Equals(CfDate other) => _microseconds == other._microseconds && _calendar == other._calendar;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CfDate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_microseconds, _calendar);

    /// <summary>Orders dates of one calendar; InvalidArgument "CalendarMismatch" for dates of different calendars.</summary>
    public int CompareTo(CfDate other)
    {
        CheckSameCalendar(other);
        return _microseconds.CompareTo(other._microseconds);
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        CfDate other => CompareTo(other),
        _ => throw new ArgumentException("Object is not a CfDate.", nameof(obj)),
    };

    /// <summary>Equal dates of one calendar.</summary>
    public static bool operator ==(CfDate left, CfDate right) => left.Equals(right);

    /// <summary>Not equal.</summary>
    public static bool operator !=(CfDate left, CfDate right) => !left.Equals(right);

    /// <summary>Earlier (same calendar).</summary>
    public static bool operator <(CfDate left, CfDate right) => left.CompareTo(right) < 0;

    /// <summary>Later (same calendar).</summary>
    public static bool operator >(CfDate left, CfDate right) => left.CompareTo(right) > 0;

    /// <summary>Not later (same calendar).</summary>
    public static bool operator <=(CfDate left, CfDate right) => left.CompareTo(right) <= 0;

    /// <summary>Not earlier (same calendar).</summary>
    public static bool operator >=(CfDate left, CfDate right) => left.CompareTo(right) >= 0;

    /// <summary>A duration later.</summary>
    public static CfDate operator +(CfDate date, TimeSpan duration) => date.Add(duration);

    /// <summary>A duration earlier.</summary>
    public static CfDate operator -(CfDate date, TimeSpan duration) => date.Add(-duration);

    /// <summary>The time between two dates of one calendar (OverflowException beyond TimeSpan's ±29,000 years; use <see cref="MicrosecondsSince"/>).</summary>
    public static TimeSpan operator -(CfDate left, CfDate right) => TimeSpan.FromTicks(checked(left.MicrosecondsSince(right) * 10));
}
