using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>datetime64 units other than ns, and DateTime conversions.</summary>
public class Datetime64Tests
{
    [Fact]
    public void ConvertsEveryUnitToNanoseconds()
    {
        var dest = new long[3];
        Datetime64.ToNanoseconds([1, -1, Datetime64.NaT], "s", dest);
        Assert.Equal([1_000_000_000L, -1_000_000_000L, Datetime64.NaT], dest);
        Datetime64.ToNanoseconds([18_000, 0, 1], "D", dest);
        Assert.Equal([new CfDate(2019, 4, 14, CfCalendar.ProlepticGregorian).ToDatetime64(), 0, 86_400_000_000_000L], dest);
        Datetime64.ToNanoseconds([49, -1, 0], "Y", dest);
        Assert.Equal([new CfDate(2019, 1, 1, CfCalendar.ProlepticGregorian).ToDatetime64(), new CfDate(1969, 1, 1, CfCalendar.ProlepticGregorian).ToDatetime64(), 0], dest);
        Datetime64.ToNanoseconds([13, -1, 589], "M", dest);
        Assert.Equal([new CfDate(1971, 2, 1, CfCalendar.ProlepticGregorian).ToDatetime64(), new CfDate(1969, 12, 1, CfCalendar.ProlepticGregorian).ToDatetime64(), new CfDate(2019, 2, 1, CfCalendar.ProlepticGregorian).ToDatetime64()], dest);
        Datetime64.ToNanoseconds([1, 2, 3], "h", dest);
        Assert.Equal([3_600_000_000_000L, 7_200_000_000_000L, 10_800_000_000_000L], dest);
        Datetime64.ToNanoseconds([1, 2, 3], "m", dest);
        Assert.Equal([60_000_000_000L, 120_000_000_000L, 180_000_000_000L], dest);
        Datetime64.ToNanoseconds([1, 2, 3], "ms", dest);
        Assert.Equal([1_000_000L, 2_000_000L, 3_000_000L], dest);
        Datetime64.ToNanoseconds([1, 2, 3], "us", dest);
        Assert.Equal([1_000L, 2_000L, 3_000L], dest);
        Datetime64.ToNanoseconds([1, 2, -1], "W", dest);
        Assert.Equal([7 * 86_400_000_000_000L, 14 * 86_400_000_000_000L, -7 * 86_400_000_000_000L], dest);
        Datetime64.ToNanoseconds([1_500, -1_500, 7], "ps", dest);
        Assert.Equal([1L, -2L, 0L], dest); // floor, as numpy casts
        Datetime64.TimedeltaToNanoseconds([2, Datetime64.NaT, -3], "s", dest);
        Assert.Equal([2_000_000_000L, Datetime64.NaT, -3_000_000_000L], dest);
    }

    [Fact]
    public void ValuesOutsideTheNanosecondRangeAreRefused()
    {
        var dest = new long[1];
        var e = Assert.Throws<ZarrPSException>(() => Datetime64.ToNanoseconds([10_000_000_000L], "s", dest));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("TimeOutOfRange", e.ErrorId);
        Assert.Equal("datetime64[s] value 10000000000 does not fit datetime64[ns], which spans 1677-09-21 to 2262-04-11.", e.Message);
        Assert.Throws<ZarrPSException>(() => Datetime64.ToNanoseconds([300], "Y", dest));
        Assert.Throws<ZarrPSException>(() => Datetime64.ToNanoseconds([-3_600], "M", dest));
        e = Assert.Throws<ZarrPSException>(() => Datetime64.TimedeltaToNanoseconds([1], "M", dest));
        Assert.Equal("timedelta64[M] has no fixed length in nanoseconds (years and months vary).", e.Message);
        e = Assert.Throws<ZarrPSException>(() => Datetime64.ToNanoseconds([1], "fortnight", dest));
        Assert.Equal("InvalidTimeUnits", e.ErrorId);
    }

    [Fact]
    public void ConvertsNanosecondsToCoarserUnitsByFloor()
    {
        long t = new CfDate(2019, 7, 1, 6, 30, 15, 250_000, CfCalendar.ProlepticGregorian).ToDatetime64();
        var dest = new long[3];
        Datetime64.FromNanoseconds([t, -1, Datetime64.NaT], "s", dest);
        Assert.Equal([t / 1_000_000_000, -1L, Datetime64.NaT], dest);
        Datetime64.FromNanoseconds([t, -1, 0], "Y", dest);
        Assert.Equal([49L, -1L, 0L], dest);
        Datetime64.FromNanoseconds([t, -1, 0], "M", dest);
        Assert.Equal([49L * 12 + 6, -1L, 0L], dest);
        Datetime64.FromNanoseconds([t, -1, 0], "D", dest);
        Assert.Equal([18_078L, -1L, 0L], dest);
    }

    [Fact]
    public void ConvertsToAndFromDateTime()
    {
        long t = 1_561_962_615_250_000_123L;
        var dt = Datetime64.ToDateTime(t);
        Assert.Equal(new DateTime(2019, 7, 1, 6, 30, 15, 250).AddTicks(1), dt);
        Assert.Equal(DateTimeKind.Unspecified, dt.Kind);
        Assert.Equal(t - 23, Datetime64.FromDateTime(dt));
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9_999_999), Datetime64.ToDateTime(-1));
        Assert.Equal(0, Datetime64.FromDateTime(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        var local = new DateTime(2019, 7, 1, 6, 0, 0, DateTimeKind.Local);
        Assert.Equal(Datetime64.FromDateTime(local.ToUniversalTime()), Datetime64.FromDateTime(local));
        Assert.Equal("TimeOutOfRange", Assert.Throws<ZarrPSException>(() => Datetime64.FromDateTime(new DateTime(1600, 1, 1))).ErrorId);
        Assert.Equal("InvalidDate", Assert.Throws<ZarrPSException>(() => Datetime64.ToDateTime(Datetime64.NaT)).ErrorId);
        Assert.Equal(new DateTime(1677, 9, 21, 0, 12, 43, 145).AddTicks(2241), Datetime64.ToDateTime(Datetime64.MinValue)); // .145224193 floored to 100 ns
        Assert.Equal(new DateTime(2262, 4, 11, 23, 47, 16, 854).AddTicks(7758), Datetime64.ToDateTime(Datetime64.MaxValue));
    }
}
