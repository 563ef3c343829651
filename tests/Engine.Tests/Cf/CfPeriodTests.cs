using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>Partial date strings as half-open periods, in every calendar.</summary>
public class CfPeriodTests
{
    [Theory]
    [InlineData("2019", CfPeriodResolution.Year, "2019-01-01 00:00:00", "2020-01-01 00:00:00")]
    [InlineData("2019-07", CfPeriodResolution.Month, "2019-07-01 00:00:00", "2019-08-01 00:00:00")]
    [InlineData("2019-12", CfPeriodResolution.Month, "2019-12-01 00:00:00", "2020-01-01 00:00:00")]
    [InlineData("2019-07-01", CfPeriodResolution.Day, "2019-07-01 00:00:00", "2019-07-02 00:00:00")]
    [InlineData("2019-07-31", CfPeriodResolution.Day, "2019-07-31 00:00:00", "2019-08-01 00:00:00")]
    [InlineData("2019-07-01T06", CfPeriodResolution.Hour, "2019-07-01 06:00:00", "2019-07-01 07:00:00")]
    [InlineData("2019-07-01 06:30", CfPeriodResolution.Minute, "2019-07-01 06:30:00", "2019-07-01 06:31:00")]
    [InlineData("2019-07-01T06:30:15", CfPeriodResolution.Second, "2019-07-01 06:30:15", "2019-07-01 06:30:16")]
    [InlineData("2019-12-31T23:59:59", CfPeriodResolution.Second, "2019-12-31 23:59:59", "2020-01-01 00:00:00")]
    [InlineData("2019-07-01T06:30:15.25", CfPeriodResolution.Microsecond, "2019-07-01 06:30:15.250000", "2019-07-01 06:30:15.250001")]
    [InlineData("2019-07-01T06:30:15Z", CfPeriodResolution.Second, "2019-07-01 06:30:15", "2019-07-01 06:30:16")]
    public void PeriodsOfEachResolution(string text, CfPeriodResolution resolution, string start, string end)
    {
        var p = CfPeriod.Parse(text);
        Assert.Equal(resolution, p.Resolution);
        Assert.Equal(start, p.Start.ToString());
        Assert.Equal(end, p.End.ToString());
        Assert.Equal(CfCalendar.ProlepticGregorian, p.Calendar);
        Assert.True(p.Contains(p.Start));
        Assert.False(p.Contains(p.End));
        Assert.True(p.Contains(p.End.AddMicroseconds(-1)));
    }

    [Fact]
    public void MonthEndsFollowTheCalendar()
    {
        Assert.Equal("2019-03-01 00:00:00", CfPeriod.Parse("2019-02-28", CfCalendar.NoLeap).End.ToString());
        Assert.Equal("2019-02-29 00:00:00", CfPeriod.Parse("2019-02-28", CfCalendar.AllLeap).End.ToString());
        Assert.Equal("2019-02-30 00:00:00", CfPeriod.Parse("2019-02-29", CfCalendar.Day360).End.ToString());
        Assert.Equal(30L * 86_400_000_000, CfPeriod.Parse("2019-02", CfCalendar.Day360).End.MicrosecondsSince(CfPeriod.Parse("2019-02", CfCalendar.Day360).Start));
        Assert.Equal(360L * 86_400_000_000, CfPeriod.Parse("2019", CfCalendar.Day360).End.MicrosecondsSince(CfPeriod.Parse("2019", CfCalendar.Day360).Start));
        var october1582 = CfPeriod.Parse("1582-10", CfCalendar.Standard);
        Assert.Equal(21L * 86_400_000_000, october1582.End.MicrosecondsSince(october1582.Start));
        Assert.Equal("1582-10-15 00:00:00", CfPeriod.Parse("1582-10-04", CfCalendar.Standard).End.ToString());
        Assert.Equal("0001-01-01 00:00:00", CfPeriod.Parse("-1", CfCalendar.Julian).End.ToString());
        Assert.Equal("0000-01-01 00:00:00", CfPeriod.Parse("-1", CfCalendar.ProlepticGregorian).End.ToString());
    }

    [Fact]
    public void Datetime64Bounds()
    {
        var (start, end) = CfPeriod.Parse("2019-07").ToDatetime64Range();
        Assert.Equal(new CfDate(2019, 7, 1, CfCalendar.ProlepticGregorian).ToDatetime64(), start);
        Assert.Equal(new CfDate(2019, 8, 1, CfCalendar.ProlepticGregorian).ToDatetime64(), end);
        var (ns0, ns1) = CfPeriod.Parse("2019-07-01T06:30:15.000000001").ToDatetime64Range();
        Assert.Equal(CfPeriodResolution.Nanosecond, CfPeriod.Parse("2019-07-01T06:30:15.000000001").Resolution);
        Assert.Equal(new CfDate(2019, 7, 1, 6, 30, 15, 0, CfCalendar.ProlepticGregorian).ToDatetime64() + 1, ns0);
        Assert.Equal(ns0 + 1, ns1);
        Assert.Equal((Datetime64.MinValue, Datetime64.MinValue), CfPeriod.Parse("1500").ToDatetime64Range());
        Assert.Equal(Datetime64.MaxValue, CfPeriod.Parse("2262").ToDatetime64Range().End);
        Assert.Equal(CfPeriod.Parse("2019").ToDatetime64Range(), CfPeriod.Parse("2019", CfCalendar.Standard).ToDatetime64Range());
        var e = Assert.Throws<ZarrPSException>(() => CfPeriod.Parse("2019", CfCalendar.NoLeap).ToDatetime64Range());
        Assert.Equal("TimeOutOfRange", e.ErrorId);
    }

    [Theory]
    [InlineData("2019-02-29", CfCalendar.ProlepticGregorian, "'2019-02-29' is not a date or period of the proleptic_gregorian calendar: day 29 does not exist in that month.")]
    [InlineData("2019-07-01T06:30:15+02:00", CfCalendar.ProlepticGregorian, "'2019-07-01T06:30:15+02:00' is not a date or period of the proleptic_gregorian calendar: a UTC offset other than Z cannot select from times without a zone.")]
    [InlineData("July 2019", CfCalendar.Standard, "'July 2019' is not a date or period of the standard calendar: it does not start with a year.")]
    [InlineData("2019-13", CfCalendar.Standard, "'2019-13' is not a date or period of the standard calendar: month 13 is not between 1 and 12.")]
    [InlineData("1582-10-10", CfCalendar.Standard, "'1582-10-10' is not a date or period of the standard calendar: the days 1582-10-05 to 1582-10-14 do not exist in the mixed Julian/Gregorian calendar.")]
    public void BadPeriodsNameTheText(string text, CfCalendar calendar, string message)
    {
        var e = Assert.Throws<ZarrPSException>(() => CfPeriod.Parse(text, calendar));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("InvalidDate", e.ErrorId);
        Assert.Equal(message, e.Message);
        Assert.False(CfPeriod.TryParse(text, calendar, out _));
    }
}
