namespace ZarrPS.Engine.Cf;

/// <summary>Decoded time values: datetime64[ns] or CfDate microseconds, with NaT as long.MinValue.</summary>
public sealed class CfDecodedTimes
{
    /// <summary>Wraps decoded values.</summary>
    public CfDecodedTimes(long[] values, CfTimeRepresentation representation, CfCalendar calendar)
    {
        Values = values;
        Representation = representation;
        Calendar = calendar;
    }

    /// <summary>
    /// Nanoseconds since 1970-01-01 when <see cref="Representation"/> is Datetime64, otherwise the
    /// <see cref="CfDate.EpochMicroseconds"/> of <see cref="Calendar"/>. NaT is <see cref="Datetime64.NaT"/>.
    /// </summary>
    public long[] Values { get; }

    /// <summary>Which of the two the values are.</summary>
    public CfTimeRepresentation Representation { get; }

    /// <summary>The calendar the values were decoded in.</summary>
    public CfCalendar Calendar { get; }

    /// <summary>The number of values.</summary>
    public int Length => Values.Length;

    /// <summary>True when value <paramref name="index"/> is NaT.</summary>
    public bool IsNaT(int index) => Values[index] == Datetime64.NaT;

    /// <summary>Value <paramref name="index"/> as a date (proleptic Gregorian for datetime64); InvalidArgument for NaT.</summary>
    public CfDate GetDate(int index)
    {
        long v = Values[index];
        return Representation == CfTimeRepresentation.Datetime64
            ? CfDate.FromDatetime64(v, CfCalendar.ProlepticGregorian)
            : v == Datetime64.NaT
                ? throw new ZarrPSException(ErrorKind.InvalidArgument, "InvalidDate", $"Time value {index} is NaT (not a time).", index)
                : CfDate.FromEpochMicroseconds(v, Calendar);
    }
}
