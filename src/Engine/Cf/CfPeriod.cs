namespace ZarrPS.Engine.Cf;

/// <summary>
/// The half-open interval [Start, End) a date string denotes at its own resolution, as pandas reads partial
/// strings for selection: "2019" is the whole year, "2019-07" July, "2019-07-01T06" that hour,
/// "2019-07-01 06:30" that minute, "2019-07-01T06:30:15" that second, and a timestamp with fraction digits the
/// one microsecond (or nanosecond) it names.
/// </summary>
public readonly struct CfPeriod : IEquatable<CfPeriod>
{
    private readonly int _nanosecond;

    private CfPeriod(CfDate start, CfDate end, CfPeriodResolution resolution, int nanosecond)
    {
        Start = start;
        End = end;
        Resolution = resolution;
        _nanosecond = nanosecond;
    }

    /// <summary>The first instant of the period.</summary>
    public CfDate Start { get; }

    /// <summary>The first instant after the period (exclusive).</summary>
    public CfDate End { get; }

    /// <summary>The finest field the string gave.</summary>
    public CfPeriodResolution Resolution { get; }

    /// <summary>The calendar of <see cref="Start"/> and <see cref="End"/>.</summary>
    public CfCalendar Calendar => Start.Calendar;

    /// <summary>
    /// Parses a date string of year to nanosecond resolution in a calendar (proleptic_gregorian, what datetime64
    /// indexes use, by default). A "Z" zone is accepted; other UTC offsets are refused, as pandas refuses them
    /// for a zone-less index. InvalidArgument "InvalidDate" naming the string.
    /// </summary>
    public static CfPeriod Parse(string text, CfCalendar calendar = CfCalendar.ProlepticGregorian)
    {
        if (!TryParse(text, calendar, out var period, out string why))
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", $"'{text}' is not a date or period of the {CfCalendars.Name(calendar)} calendar: {why}.", text);
        return period;
    }

    /// <summary>Parses a date string (see <see cref="Parse"/>); false when it is not one.</summary>
    public static bool TryParse(string? text, CfCalendar calendar, out CfPeriod period) =>
        TryParse(text, calendar, out period, out _);

    private static bool TryParse(string? text, CfCalendar calendar, out CfPeriod period, out string why)
    {
        period = default;
        if (text is null) { why = "no text"; return false; }
        if (!DateText.TryParse(text, out var f, out why)) return false;
        if (f.OffsetSeconds != 0) { why = "a UTC offset other than Z cannot select from times without a zone"; return false; }
        if (!CfDate.TryFromFields(f, calendar, out var start, out why)) return false;
        try
        {
            CfDate end = f.Resolution switch
            {
                CfPeriodResolution.Year => FirstOfMonth(f.Year + 1, 1, calendar),
                CfPeriodResolution.Month => f.Month == 12 ? FirstOfMonth(f.Year + 1, 1, calendar) : FirstOfMonth(f.Year, f.Month + 1, calendar),
                CfPeriodResolution.Day => start.AddMicroseconds(CalendarMath.MicrosecondsPerDay),
                CfPeriodResolution.Hour => start.AddMicroseconds(CalendarMath.MicrosecondsPerHour),
                CfPeriodResolution.Minute => start.AddMicroseconds(CalendarMath.MicrosecondsPerMinute),
                CfPeriodResolution.Second => start.AddMicroseconds(CalendarMath.MicrosecondsPerSecond),
                _ => start.AddMicroseconds(1),
            };
            period = new CfPeriod(start, end, f.Resolution, f.Nanosecond);
            return true;
        }
        catch (ZarrPSException e)
        {
            why = "its end is past the supported years (" + e.Message + ")";
            return false;
        }
    }

    private static CfDate FirstOfMonth(long year, int month, CfCalendar calendar)
    {
        // The year after -1 is 1 where there is no year 0.
        if (year == 0 && !CfCalendars.HasYearZero(calendar)) year = 1;
        if (year > CfCalendars.MaxYear)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", $"year {year} is past {CfCalendars.MaxYear}");
        return new CfDate((int)year, month, 1, calendar);
    }

    /// <summary>True when the date lies in [Start, End) (same calendar).</summary>
    public bool Contains(CfDate date) => date >= Start && date < End;

    /// <summary>
    /// The period as datetime64[ns] bounds [start, end), clamped to the datetime64 range (a period wholly outside it
    /// gives start == end; the very last nanosecond, 2262-04-11T23:47:16.854775807, stays outside). Only for the standard and proleptic_gregorian calendars (InvalidOperation otherwise).
    /// </summary>
    public (long Start, long End) ToDatetime64Range()
    {
        if (!CfCalendars.SupportsDatetime64(Calendar))
            throw new ZarrPSException(ErrorKind.InvalidOperation, "TimeOutOfRange",
                $"A period of the {CfCalendars.Name(Calendar)} calendar has no datetime64 bounds.", Calendar);
        Int128 start = (Int128)Start.EpochMicroseconds * 1000 + _nanosecond;
        Int128 end = Resolution == CfPeriodResolution.Nanosecond ? start + 1 : (Int128)End.EpochMicroseconds * 1000;
        long s = (long)Int128.Clamp(start, Datetime64.MinValue, Datetime64.MaxValue);
        long e = (long)Int128.Clamp(end, Datetime64.MinValue, Datetime64.MaxValue);
        return (s, e);
    }

    /// <inheritdoc />
    public bool Equals(CfPeriod other) =>
        Start == other.Start && End == other.End && Resolution == other.Resolution && _nanosecond == other._nanosecond;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CfPeriod other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, End, Resolution, _nanosecond);

    /// <summary>"[start, end)".</summary>
    public override string ToString() => $"[{Start}, {End})";

    /// <summary>Same period.</summary>
    public static bool operator ==(CfPeriod left, CfPeriod right) => left.Equals(right);

    /// <summary>Different periods.</summary>
    public static bool operator !=(CfPeriod left, CfPeriod right) => !left.Equals(right);
}
