namespace ZarrPS.Engine.Cf;

/// <summary>
/// numpy datetime64/timedelta64 values: int64 counts of a unit since 1970-01-01 (proleptic Gregorian),
/// with long.MinValue as NaT. The engine's time values are datetime64[ns], as xarray's; Zarr may store other
/// units (M8[s], M8[D], ...), which convert here.
/// </summary>
public static class Datetime64
{
    /// <summary>NaT, "not a time", in every unit.</summary>
    public const long NaT = long.MinValue;

    /// <summary>The earliest datetime64[ns], 1677-09-21T00:12:43.145224193.</summary>
    public const long MinValue = long.MinValue + 1;

    /// <summary>The latest datetime64[ns], 2262-04-11T23:47:16.854775807.</summary>
    public const long MaxValue = long.MaxValue;

    private const long DotNetEpochTicks = 621_355_968_000_000_000L; // 1970-01-01 in DateTime ticks

    /// <summary>A datetime64[ns] value as a DateTime (Kind Unspecified: numpy times carry no zone); digits below 100 ns are dropped (floor).</summary>
    public static DateTime ToDateTime(long nanoseconds)
    {
        if (nanoseconds == NaT)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", "NaT (not a time) has no DateTime.");
        return new DateTime(CalendarMath.FloorDiv(nanoseconds, 100) + DotNetEpochTicks, DateTimeKind.Unspecified);
    }

    /// <summary>A DateTime as datetime64[ns]; a local time is converted to UTC first, Utc and Unspecified are taken as they are.</summary>
    public static long FromDateTime(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local) value = value.ToUniversalTime();
        long ticks = value.Ticks - DotNetEpochTicks;
        if (ticks < MinValue / 100 || ticks > MaxValue / 100)
            throw new ZarrPSException(ErrorKind.InvalidArgument, "TimeOutOfRange",
                $"{value:yyyy-MM-dd HH:mm:ss} is outside the datetime64[ns] range 1677-09-21 .. 2262-04-11.", value);
        return ticks * 100;
    }

    /// <summary>Nanoseconds per unit for the fixed-length units (W, D, h, m, s, ms, us, ns); 0 for Y, M and the sub-nanosecond units.</summary>
    public static long NanosecondsPerUnit(string unit) => unit switch
    {
        "W" => 7 * 86_400_000_000_000L,
        "D" => 86_400_000_000_000L,
        "h" => 3_600_000_000_000L,
        "m" => 60_000_000_000L,
        "s" => 1_000_000_000L,
        "ms" => 1_000_000L,
        "us" => 1_000L,
        "ns" => 1L,
        "ps" or "fs" or "as" => 0,
        "Y" or "M" => 0,
        _ => throw UnknownUnit(unit),
    };

    /// <summary>
    /// Converts datetime64 values of a unit (Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as) to datetime64[ns], keeping NaT.
    /// Finer units are floored as numpy casts them; InvalidData "TimeOutOfRange" when a value does not fit datetime64[ns]
    /// (numpy would wrap around silently).
    /// </summary>
    public static void ToNanoseconds(ReadOnlySpan<long> values, string unit, Span<long> destination) =>
        Convert(values, unit, destination, datetime: true);

    /// <summary>Converts timedelta64 values of a fixed unit to timedelta64[ns] (Y and M have no fixed length and are refused).</summary>
    public static void TimedeltaToNanoseconds(ReadOnlySpan<long> values, string unit, Span<long> destination) =>
        Convert(values, unit, destination, datetime: false);

    /// <summary>Converts datetime64[ns] values to a coarser or finer fixed unit (floor, as numpy casts), keeping NaT.</summary>
    public static void FromNanoseconds(ReadOnlySpan<long> nanoseconds, string unit, Span<long> destination)
    {
        CheckLengths(nanoseconds.Length, destination.Length);
        long per = NanosecondsPerUnit(unit);
        if (unit is "Y" or "M")
        {
            for (int i = 0; i < nanoseconds.Length; i++)
            {
                long ns = nanoseconds[i];
                if (ns == NaT) { destination[i] = NaT; continue; }
                var (y, m, _, _, _, _, _) = CfDate.FromDatetime64(ns);
                destination[i] = unit == "Y" ? y - 1970L : (y - 1970L) * 12 + m - 1;
            }
            return;
        }
        long finer = per == 0 ? SubNanosecondFactor(unit) : 0;
        for (int i = 0; i < nanoseconds.Length; i++)
        {
            long ns = nanoseconds[i];
            if (ns == NaT) { destination[i] = NaT; continue; }
            if (per > 0) { destination[i] = CalendarMath.FloorDiv(ns, per); continue; }
            Int128 v = (Int128)ns * finer;
            if (v < long.MinValue + 1 || v > long.MaxValue) throw OutOfRange(ns, "ns");
            destination[i] = (long)v;
        }
    }

    private static void Convert(ReadOnlySpan<long> values, string unit, Span<long> destination, bool datetime)
    {
        CheckLengths(values.Length, destination.Length);
        long per = NanosecondsPerUnit(unit);
        if (unit is "Y" or "M")
        {
            if (!datetime)
                throw new ZarrPSException(ErrorKind.NotImplemented, "UnsupportedTimeUnit",
                    $"timedelta64[{unit}] has no fixed length in nanoseconds (years and months vary).", unit);
            for (int i = 0; i < values.Length; i++)
            {
                long v = values[i];
                if (v == NaT) { destination[i] = NaT; continue; }
                long year = unit == "Y" ? 1970 + v : 1970 + CalendarMath.FloorDiv(v, 12);
                int month = unit == "Y" ? 1 : (int)(v - CalendarMath.FloorDiv(v, 12) * 12) + 1;
                if (v > 3_600 || v < -3_600) throw OutOfRange(v, unit); // beyond 300 years even in months
                long days = CalendarMath.DaysFromAstronomical(year, month, 1, CfCalendar.ProlepticGregorian);
                Int128 ns = (Int128)days * 86_400_000_000_000L;
                if (ns < MinValue || ns > MaxValue) throw OutOfRange(v, unit);
                destination[i] = (long)ns;
            }
            return;
        }
        if (per == 0)
        {
            long div = SubNanosecondFactor(unit);
            for (int i = 0; i < values.Length; i++)
                destination[i] = values[i] == NaT ? NaT : CalendarMath.FloorDiv(values[i], div);
            return;
        }
        long lo = MinValue / per, hi = MaxValue / per;
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i];
            if (v == NaT) { destination[i] = NaT; continue; }
            if (v < lo || v > hi) throw OutOfRange(v, unit);
            destination[i] = v * per;
        }
    }

    private static long SubNanosecondFactor(string unit) => unit switch
    {
        "ps" => 1_000L,
        "fs" => 1_000_000L,
        "as" => 1_000_000_000L,
        _ => throw UnknownUnit(unit),
    };

    private static void CheckLengths(int source, int destination)
    {
        if (destination < source)
            throw new ArgumentException($"The destination holds {destination} values but the source has {source}.", nameof(destination));
    }

    private static ZarrPSException OutOfRange(long value, string unit) =>
        new(ErrorKind.InvalidData, "TimeOutOfRange",
            $"datetime64[{unit}] value {value} does not fit datetime64[ns], which spans 1677-09-21 to 2262-04-11.", value);

    private static ZarrPSException UnknownUnit(string unit) =>
        new(ErrorKind.InvalidData, "InvalidTimeUnits",
            $"Unknown datetime64 unit '{unit}' (expected Y, M, W, D, h, m, s, ms, us, ns, ps, fs or as).", unit);
}
